#include "windowharness.h"

#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QStatusBar>
#include <QUndoStack>

using namespace Qt::StringLiterals;

namespace {

enum class Gesture { Add, Title, Complete, Delete };
enum class Selecting { SelectAll, ShiftClick };

// What the person sees of a todo: gone, or its title and state.
QString stateOf(TodoStore *store, const QString &id)
{
    const auto todo = store->todo(id);
    if (!todo || todo->isDeleted())
        return u"gone"_s;
    return u"%1 | %2 | priority %3 | %4"_s.arg(todo->title, todo->completed ? u"done"_s : u"open"_s)
        .arg(int(todo->priority))
        .arg(todo->listId);
}

// Makes SQLite itself refuse every change of a todo, the way a full disk
// would, on the store's own connection: the store's transaction fails.
const QString kRefusal = u"the disk is full"_s;

bool refuseTodoWrites(QSqlDatabase db, bool refuse)
{
    QSqlQuery query(db);
    const bool ok = query.exec(refuse ? u"CREATE TRIGGER refuse_todo_writes BEFORE UPDATE ON todos "
                                        u"BEGIN SELECT RAISE(ABORT, '%1'); END"_s.arg(kRefusal)
                                      : u"DROP TRIGGER refuse_todo_writes"_s);
    if (!ok)
        qWarning("trigger: %s", qPrintable(query.lastError().text()));
    return ok;
}

} // namespace

Q_DECLARE_METATYPE(Gesture)
Q_DECLARE_METATYPE(Selecting)

// Undo and redo through the keyboard, of single edits, of edits of several
// todos at once, and of reordering.
class MainWindowUndoTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { WindowHarness::initTestEnvironment(); }
    void init() { WindowHarness::clearSettings(); }

    void shouldUndoAndRedo_data()
    {
        QTest::addColumn<Gesture>("edit");
        QTest::newRow("add") << Gesture::Add;
        QTest::newRow("edit title") << Gesture::Title;
        QTest::newRow("complete") << Gesture::Complete;
        QTest::newRow("delete") << Gesture::Delete;
    }

    void shouldUndoAndRedo()
    {
        QFETCH(Gesture, edit);
        WindowHarness h;
        const Todo existing = h.data.addTodo(u"Existing"_s);
        QVERIFY(h.open());
        QUndoStack *stack = h.window->undoStack();
        QVERIFY(h.clickRow(existing.id));
        QString id = existing.id;
        QString before = stateOf(h.store(), id);

        switch (edit) {
        case Gesture::Add: {
            h.press(QKeySequence::New);
            QTest::keyClicks(h.focused(), u"Fresh one"_s);
            QTest::keyClick(h.focused(), Qt::Key_Return);
            QCOMPARE(h.list()->selectedIds().size(), 1);
            id = h.list()->selectedIds().first();
            QVERIFY(id != existing.id);
            before = u"gone"_s;
            break;
        }
        case Gesture::Title:
            QTest::keyClick(h.list(), Qt::Key_F2);
            QCOMPARE(h.focused()->objectName(), u"detailTitle"_s);
            QTest::keyClicks(h.focused(), u"Renamed"_s); // F2 selected the old title
            QTest::keyClick(h.focused(), Qt::Key_Return);
            QCOMPARE(h.store()->todo(id)->title, u"Renamed"_s);
            break;
        case Gesture::Complete:
            QTest::keyClick(h.list(), Qt::Key_Space);
            break;
        case Gesture::Delete:
            QTest::keyClick(h.list(), Qt::Key_Delete);
            break;
        }
        const QString after = stateOf(h.store(), id);
        QVERIFY2(after != before, qPrintable(after));
        QCOMPARE(stack->count(), 1);
        if (!h.list()->hasFocus()) // undo in a text field is the field's own
            QVERIFY(h.clickRow(id));

        for (int round = 0; round < 2; ++round) {
            h.press(QKeySequence::Undo); // Ctrl+Z
            QCOMPARE(stateOf(h.store(), id), before);
            QCOMPARE(h.indexOf(id).isValid(), before != u"gone");
            QCOMPARE(stateOf(h.store(), existing.id) == u"gone", false);
            h.press(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z));
            QCOMPARE(stateOf(h.store(), id), after);
            QCOMPARE(h.indexOf(id).isValid(), after != u"gone");
        }
        QCOMPARE(stack->count(), 1);
    }

    void shouldKeepTheStackWhenTheStoreRefuses_data()
    {
        QTest::addColumn<bool>("redo");
        QTest::newRow("undo") << false;
        QTest::newRow("redo") << true;
    }

    void shouldKeepTheStackWhenTheStoreRefuses()
    {
        QFETCH(bool, redo);
        WindowHarness h;
        const Todo todo = h.data.addTodo(u"Water the plants"_s);
        QVERIFY(h.open());
        QUndoStack *stack = h.window->undoStack();
        QVERIFY(h.clickRow(todo.id));
        QTest::keyClick(h.list(), Qt::Key_Space); // complete: one step
        QCOMPARE(stack->count(), 1);
        if (redo)
            h.press(QKeySequence::Undo);
        const QKeySequence keys = redo ? QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z) : QKeySequence::Undo;
        const int index = stack->index();
        const bool canUndo = stack->canUndo();
        const bool canRedo = stack->canRedo();
        const QString state = stateOf(h.store(), todo.id);
        const int pending = h.store()->pendingChangeCount();

        QVERIFY(refuseTodoWrites(h.data.database->database(), true));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"write failed.*"_s + kRefusal));
        h.press(keys);
        QCOMPARE(stack->index(), index);
        QCOMPARE(stack->count(), 1);
        QCOMPARE(stack->canUndo(), canUndo);
        QCOMPARE(stack->canRedo(), canRedo);
        QCOMPARE(stateOf(h.store(), todo.id), state);
        QCOMPARE(h.store()->pendingChangeCount(), pending);
        const QString message = h.window->statusBar()->currentMessage();
        QVERIFY2(message.startsWith(u"Could not save"_s) && message.contains(kRefusal), qPrintable(message));

        // Once the store takes writes again, the same keys do the step.
        QVERIFY(refuseTodoWrites(h.data.database->database(), false));
        h.press(keys);
        QCOMPARE(stack->index(), redo ? index + 1 : index - 1);
        QVERIFY(stateOf(h.store(), todo.id) != state);
    }

    void shouldEditSeveralTodosAtOnce_data()
    {
        QTest::addColumn<Selecting>("selecting");
        QTest::newRow("Ctrl+A") << Selecting::SelectAll;
        QTest::newRow("shift+click") << Selecting::ShiftClick;
    }

    void shouldEditSeveralTodosAtOnce()
    {
        QFETCH(Selecting, selecting);
        WindowHarness h;
        QStringList ids;
        for (const QString &title : {u"One"_s, u"Two"_s, u"Three"_s, u"Four"_s})
            ids << h.data.addTodo(title).id;
        QVERIFY(h.open());
        QUndoStack *stack = h.window->undoStack();

        QStringList chosen;
        if (selecting == Selecting::SelectAll) {
            QVERIFY(h.clickRow(ids.at(1)));
            QTest::keyClick(h.list(), Qt::Key_A, Qt::ControlModifier);
            chosen = ids;
        } else {
            QVERIFY(h.clickRow(ids.at(1)));
            QVERIFY(h.clickRow(ids.at(3), Qt::ShiftModifier));
            chosen = ids.mid(1);
        }
        QCOMPARE(h.list()->selectedIds(), chosen);
        auto countWhere = [&](auto predicate) {
            return int(std::count_if(ids.cbegin(), ids.cend(),
                                     [&](const QString &id) { return predicate(*h.store()->todo(id)); }));
        };

        QTest::keyClick(h.list(), Qt::Key_Space);
        QCOMPARE(countWhere([](const Todo &t) { return t.completed; }), chosen.size());
        QCOMPARE(h.list()->selectedIds().size(), chosen.size());
        QTest::keyClick(h.list(), Qt::Key_3, Qt::ControlModifier);
        QCOMPARE(countWhere([](const Todo &t) { return t.priority == Priority::High; }), chosen.size());
        QTest::keyClick(h.list(), Qt::Key_Delete);
        QCOMPARE(countWhere([](const Todo &t) { return t.isDeleted(); }), chosen.size());
        QCOMPARE(h.model()->matchingCount(), ids.size() - chosen.size());
        QCOMPARE(stack->count(), 3);

        h.press(QKeySequence::Undo); // one step brings every one of them back
        QCOMPARE(countWhere([](const Todo &t) { return t.isDeleted(); }), 0);
        QCOMPARE(h.model()->matchingCount(), ids.size());
        QCOMPARE(countWhere([](const Todo &t) { return t.priority == Priority::High; }), chosen.size());
        h.press(QKeySequence::Undo);
        QCOMPARE(countWhere([](const Todo &t) { return t.priority == Priority::High; }), 0);
        QCOMPARE(countWhere([](const Todo &t) { return t.completed; }), chosen.size());
        h.press(QKeySequence::Undo);
        QCOMPARE(countWhere([](const Todo &t) { return t.completed; }), 0);
    }

    void shouldReorderTodos_data()
    {
        QTest::addColumn<QList<int>>("moved");
        QTest::addColumn<int>("after");  // -1: the start
        QTest::addColumn<int>("before"); // -1: the end
        QTest::addColumn<bool>("inList");
        QTest::addColumn<QList<int>>("expected");
        QTest::newRow("to the top") << QList<int>{2} << -1 << 0 << true << QList<int>{2, 0, 1};
        QTest::newRow("to the end") << QList<int>{0} << 2 << -1 << true << QList<int>{1, 2, 0};
        QTest::newRow("between") << QList<int>{2} << 0 << 1 << true << QList<int>{0, 2, 1};
        QTest::newRow("two at once") << QList<int>{2, 0} << -1 << 1 << true << QList<int>{2, 0, 1};
        QTest::newRow("in a smart list: ignored") << QList<int>{2} << -1 << 0 << false << QList<int>{0, 1, 2};
    }

    void shouldReorderTodos()
    {
        QFETCH(QList<int>, moved);
        QFETCH(int, after);
        QFETCH(int, before);
        QFETCH(bool, inList);
        QFETCH(QList<int>, expected);
        WindowHarness h;
        QStringList ids;
        for (const QString &title : {u"A"_s, u"B"_s, u"C"_s})
            ids << h.data.addTodo(title).id;
        QVERIFY(h.open());
        if (!inList)
            QVERIFY(h.clickSidebar(TodoFilter::smart(TodoFilter::Kind::All)));
        QCOMPARE(h.model()->sortMode(), TodoModel::Sort::Manual);
        QCOMPARE(h.shownIds(), ids);
        QVERIFY(h.clickRow(ids.at(1))); // the list has the focus, for Ctrl+Z

        QStringList movedIds, expectedIds;
        for (int i : moved)
            movedIds << ids.at(i);
        for (int i : expected)
            expectedIds << ids.at(i);
        Q_EMIT h.list()->reorderRequested(movedIds, after < 0 ? QString() : ids.at(after),
                                          before < 0 ? QString() : ids.at(before));
        QCOMPARE(h.shownIds(), expectedIds);
        QCOMPARE(h.window->undoStack()->count(), inList ? 1 : 0);
        QCOMPARE(h.store()->lastError(), QString()); // ignored, not refused by the store
        if (inList) {
            h.press(QKeySequence::Undo);
            QCOMPARE(h.shownIds(), ids);
            QCOMPARE(h.list()->selectedIds(), QStringList{ids.at(1)});
        }
    }
};

QTEST_MAIN(MainWindowUndoTest)
#include "mainwindowundotest.moc"
