// Deleting a list asks what becomes of its todos: moved to the Inbox, or
// deleted with it. Either answer is one undo step; Cancel changes nothing; an
// empty list goes without a question.

#include "windowharness.h"

#include <QAction>
#include <QMessageBox>
#include <QPushButton>
#include <QUndoStack>

using namespace Qt::StringLiterals;

namespace {

QMessageBox *openQuestion()
{
    for (QWidget *widget : QApplication::topLevelWidgets()) {
        if (auto *box = qobject_cast<QMessageBox *>(widget); box && box->isVisible()
            && box->objectName() == u"deleteListDialog")
            return box;
    }
    return nullptr;
}

} // namespace

class MainWindowDeleteListTest : public QObject
{
    Q_OBJECT

private:
    struct Seeded
    {
        WindowHarness h;
        TodoList work;
        QStringList workIds;
        Todo inInbox;
    };

    // A list "Work" with three todos, one todo in the Inbox, and Work shown.
    static bool openWithList(Seeded &s, int todos = 3)
    {
        s.inInbox = s.h.data.addTodo(u"Already in the Inbox"_s);
        s.work = s.h.addList(u"Work"_s);
        for (int i = 0; i < todos; ++i)
            s.workIds << s.h.data.addTodo(u"Work %1"_s.arg(i), s.work.id).id;
        return s.h.open() && s.h.clickSidebar(TodoFilter::list(s.work.id));
    }

    static void deleteList(const Seeded &s)
    {
        s.h.window->findChild<QAction *>(u"actionDeleteList"_s)->trigger(); // List > Delete List
    }

    static QStringList inboxTitles(const Seeded &s)
    {
        QStringList titles;
        for (const Todo &todo : s.h.store()->todosInList(s.h.store()->inboxId()))
            titles << todo.title;
        return titles;
    }

    static bool listAlive(const Seeded &s)
    {
        const auto list = s.h.store()->list(s.work.id);
        return list && !list->isDeleted();
    }

private Q_SLOTS:
    void initTestCase() { WindowHarness::initTestEnvironment(); }
    void init() { WindowHarness::clearSettings(); }

    void shouldMoveTheTodosToTheInbox()
    {
        Seeded s;
        QVERIFY(openWithList(s));
        deleteList(s);
        QMessageBox *box = openQuestion();
        QVERIFY(box);
        QVERIFY2(box->text().contains(u"3 todo"_s), qPrintable(box->text()));
        QVERIFY(listAlive(s)); // nothing happens before the answer
        auto *move = box->findChild<QPushButton *>(u"deleteListMoveTodos"_s);
        QVERIFY(move);
        QTest::mouseClick(move, Qt::LeftButton);

        QVERIFY(!listAlive(s));
        QCOMPARE(inboxTitles(s), (QStringList{u"Already in the Inbox"_s, u"Work 0"_s, u"Work 1"_s, u"Work 2"_s}));
        QCOMPARE(s.h.window->undoStack()->count(), 1);

        s.h.press(QKeySequence::Undo);
        QVERIFY(listAlive(s));
        for (const QString &id : std::as_const(s.workIds))
            QCOMPARE(s.h.store()->todo(id)->listId, s.work.id);
        QCOMPARE(inboxTitles(s), QStringList{u"Already in the Inbox"_s});
        s.h.press(QKeySequence(Qt::CTRL | Qt::Key_Y));
        QVERIFY(!listAlive(s));
        QCOMPARE(inboxTitles(s).size(), 4);
    }

    void shouldDeleteTheTodosToo()
    {
        Seeded s;
        QVERIFY(openWithList(s));
        deleteList(s);
        QMessageBox *box = openQuestion();
        QVERIFY(box);
        QTest::mouseClick(box->findChild<QPushButton *>(u"deleteListDeleteTodos"_s), Qt::LeftButton);

        QVERIFY(!listAlive(s));
        for (const QString &id : std::as_const(s.workIds))
            QVERIFY(s.h.store()->todo(id)->isDeleted());
        QCOMPARE(inboxTitles(s), QStringList{u"Already in the Inbox"_s});
        QCOMPARE(s.h.window->undoStack()->count(), 1);

        s.h.press(QKeySequence::Undo);
        QVERIFY(listAlive(s));
        for (const QString &id : std::as_const(s.workIds))
            QVERIFY(!s.h.store()->todo(id)->isDeleted());
    }

    void shouldChangeNothingOnCancel()
    {
        Seeded s;
        QVERIFY(openWithList(s));
        deleteList(s);
        QMessageBox *box = openQuestion();
        QVERIFY(box);
        QTest::keyClick(box, Qt::Key_Escape);
        QTRY_VERIFY(!openQuestion());
        QVERIFY(listAlive(s));
        QCOMPARE(s.h.store()->todosInList(s.work.id).size(), 3);
        QCOMPARE(s.h.window->undoStack()->count(), 0);
    }

    void shouldDeleteAnEmptyListWithoutAsking()
    {
        Seeded s;
        QVERIFY(openWithList(s, 0));
        deleteList(s);
        QVERIFY(!openQuestion());
        QVERIFY(!listAlive(s));
        QCOMPARE(s.h.window->undoStack()->count(), 1);
    }
};

QTEST_MAIN(MainWindowDeleteListTest)
#include "mainwindowdeletelisttest.moc"
