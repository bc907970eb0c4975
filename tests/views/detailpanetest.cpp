#include "widgets/detailpane.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTest>
#include <QTimeEdit>

using namespace Qt::StringLiterals;

namespace {

enum class Due { None, Date, DateAndTime };
enum class Change { Title, Notes, Tags, Completed, List, Priority, DueOff, DueOn, DueDate, TimeOn, DueTime };

const QDate kDueDate(2026, 11, 24);
const QTime kDueTime(15, 30);

QList<TodoList> lists()
{
    TodoList inbox{u"inbox"_s, u"Inbox"_s, 1, true, 1, 1, std::nullopt};
    TodoList work{u"work"_s, u"Work"_s, 2, false, 1, 1, std::nullopt};
    TodoList home{u"home"_s, u"Home"_s, 3, false, 1, 1, std::nullopt};
    TodoList gone{u"gone"_s, u"Gone"_s, 4, false, 1, 1, Timestamp::now()};
    return {inbox, work, home, gone};
}

Todo sample(Due due)
{
    Todo todo;
    todo.id = u"todo-1"_s;
    todo.listId = u"work"_s;
    todo.title = u"Plan the trip"_s;
    todo.notes = u"Book the hotel\nand the train"_s;
    todo.priority = Priority::Medium;
    todo.tags = {u"travel"_s, u"family"_s};
    todo.createdAt = Timestamp::fromDateTime(QDateTime(QDate(2026, 1, 2), QTime(8, 0)));
    todo.updatedAt = Timestamp::fromDateTime(QDateTime(QDate(2026, 1, 3), QTime(9, 0)));
    if (due == Due::Date) {
        todo.dueAt = Timestamp::fromDate(kDueDate);
    } else if (due == Due::DateAndTime) {
        todo.dueAt = Timestamp::fromDateTime(QDateTime(kDueDate, kDueTime));
        todo.dueHasTime = true;
    }
    return todo;
}

} // namespace

Q_DECLARE_METATYPE(Due)
Q_DECLARE_METATYPE(Change)

class DetailPaneTest : public QObject
{
    Q_OBJECT

private:
    // A shown, focused pane with the lists and a todo, and what it emits.
    struct Pane
    {
        QWidget window;
        DetailPane *pane = new DetailPane(&window);
        QList<Todo> edits;
        QStringList fields;
        QSignalSpy spy{pane, &DetailPane::todoEdited};

        explicit Pane(const std::optional<Todo> &todo)
        {
            pane->setLists(lists());
            pane->setTodo(todo);
            QObject::connect(pane, &DetailPane::todoEdited, pane, [this](const Todo &edited, const QString &field) {
                edits << edited;
                fields << field;
            });
            window.resize(420, 600);
        }
        [[nodiscard]] bool show()
        {
            window.show();
            window.activateWindow();
            return QTest::qWaitForWindowActive(&window);
        }
        template<typename T>
        T *field(const QString &name) const { return pane->findChild<T *>(name); }
    };

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QLocale::setDefault(QLocale::c());
    }

    void shouldLoadEveryField_data()
    {
        QTest::addColumn<Due>("due");
        QTest::addColumn<bool>("completed");
        QTest::newRow("due date") << Due::Date << false;
        QTest::newRow("due date and time") << Due::DateAndTime << false;
        QTest::newRow("no due, completed") << Due::None << true;
    }

    void shouldLoadEveryField()
    {
        QFETCH(Due, due);
        QFETCH(bool, completed);
        Todo todo = sample(due);
        todo.setCompleted(completed, Timestamp::now());
        Pane p(todo);
        QVERIFY(p.show());

        QCOMPARE(p.pane->todo()->id, todo.id);
        QVERIFY(p.field<QLineEdit>(u"detailTitle"_s)->isEnabled());
        QVERIFY(p.field<QLineEdit>(u"detailTitle"_s)->isVisible());
        QVERIFY(!p.field<QLabel>(u"detailPlaceholder"_s)->isVisible());
        QCOMPARE(p.field<QLineEdit>(u"detailTitle"_s)->text(), todo.title);
        QCOMPARE(p.field<QPlainTextEdit>(u"detailNotes"_s)->toPlainText(), todo.notes);
        QCOMPARE(p.field<QLineEdit>(u"detailTags"_s)->text(), u"travel, family"_s);
        QCOMPARE(p.field<QCheckBox>(u"detailCompleted"_s)->isChecked(), completed);
        auto *list = p.field<QComboBox>(u"detailList"_s);
        QCOMPARE(list->currentData().toString(), u"work"_s);
        QCOMPARE(list->currentText(), u"Work"_s);
        QCOMPARE(list->count(), 3); // a deleted list is not offered
        QCOMPARE(p.field<QComboBox>(u"detailPriority"_s)->currentData().toInt(), int(Priority::Medium));
        QCOMPARE(p.field<QCheckBox>(u"detailHasDue"_s)->isChecked(), due != Due::None);
        QCOMPARE(p.field<QDateEdit>(u"detailDueDate"_s)->isEnabled(), due != Due::None);
        QCOMPARE(p.field<QDateEdit>(u"detailDueDate"_s)->date(), due == Due::None ? QDate::currentDate() : kDueDate);
        QCOMPARE(p.field<QCheckBox>(u"detailHasTime"_s)->isChecked(), due == Due::DateAndTime);
        QCOMPARE(p.field<QTimeEdit>(u"detailDueTime"_s)->isEnabled(), due == Due::DateAndTime);
        QCOMPARE(p.field<QTimeEdit>(u"detailDueTime"_s)->time(), due == Due::DateAndTime ? kDueTime : QTime(9, 0));
        QVERIFY(!p.field<QLabel>(u"detailCreated"_s)->text().isEmpty());
        QVERIFY(p.field<QLabel>(u"detailCreated"_s)->text() != p.field<QLabel>(u"detailUpdated"_s)->text());
        QCOMPARE(p.spy.count(), 0); // loading is not editing
    }

    void shouldEmitOneEditPerChange_data()
    {
        QTest::addColumn<Change>("change");
        QTest::addColumn<Due>("due");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QStringList>("changed");
        const QString dueAt = QString::fromLatin1(TodoField::DueAt);
        QTest::newRow("title") << Change::Title << Due::Date << u"title"_s << QStringList{u"title"_s};
        QTest::newRow("notes") << Change::Notes << Due::Date << u"notes"_s << QStringList{u"notes"_s};
        QTest::newRow("tags") << Change::Tags << Due::Date << u"tags"_s << QStringList{u"tags"_s};
        QTest::newRow("completed") << Change::Completed << Due::Date << u"completed"_s
                                   << QStringList{u"completed"_s, u"completed_at"_s};
        QTest::newRow("list") << Change::List << Due::Date << u"list_id"_s << QStringList{u"list_id"_s};
        QTest::newRow("priority") << Change::Priority << Due::Date << u"priority"_s << QStringList{u"priority"_s};
        QTest::newRow("due off") << Change::DueOff << Due::Date << dueAt << QStringList{dueAt};
        QTest::newRow("due on") << Change::DueOn << Due::None << dueAt << QStringList{dueAt};
        QTest::newRow("due date") << Change::DueDate << Due::Date << dueAt << QStringList{dueAt};
        QTest::newRow("time on") << Change::TimeOn << Due::Date << dueAt << QStringList{dueAt, u"due_has_time"_s};
        QTest::newRow("due time") << Change::DueTime << Due::DateAndTime << dueAt << QStringList{dueAt};
    }

    void shouldEmitOneEditPerChange()
    {
        QFETCH(Change, change);
        QFETCH(Due, due);
        QFETCH(QString, field);
        QFETCH(QStringList, changed);
        const Todo original = sample(due);
        Pane p(original);
        QVERIFY(p.show());

        auto retype = [&](const QString &name, const QString &text, Qt::Key finish) {
            QWidget *editor = p.field<QWidget>(name);
            editor->setFocus(Qt::TabFocusReason);
            QTest::keyClick(editor, Qt::Key_A, Qt::ControlModifier);
            QTest::keyClicks(editor, text);
            QTest::keyClick(editor, finish);
        };
        auto step = [&](const QString &name, Qt::Key key) {
            QWidget *editor = p.field<QWidget>(name);
            editor->setFocus(Qt::TabFocusReason);
            QTest::keyClick(editor, key);
        };
        switch (change) {
        case Change::Title: retype(u"detailTitle"_s, u"Plan the big trip"_s, Qt::Key_Return); break;
        case Change::Notes: retype(u"detailNotes"_s, u"Call Ana"_s, Qt::Key_Tab); break;
        case Change::Tags: retype(u"detailTags"_s, u"travel,  #Work, work"_s, Qt::Key_Return); break;
        case Change::Completed: QTest::mouseClick(p.field<QCheckBox>(u"detailCompleted"_s), Qt::LeftButton); break;
        case Change::List: step(u"detailList"_s, Qt::Key_Down); break;
        case Change::Priority: step(u"detailPriority"_s, Qt::Key_Down); break;
        case Change::DueOff:
        case Change::DueOn: QTest::mouseClick(p.field<QCheckBox>(u"detailHasDue"_s), Qt::LeftButton); break;
        case Change::DueDate: step(u"detailDueDate"_s, Qt::Key_Up); break;
        case Change::TimeOn: QTest::mouseClick(p.field<QCheckBox>(u"detailHasTime"_s), Qt::LeftButton); break;
        case Change::DueTime: step(u"detailDueTime"_s, Qt::Key_Up); break;
        }

        QCOMPARE(p.spy.count(), 1);
        QCOMPARE(p.fields, QStringList{field});
        const Todo edited = p.edits.first();
        QCOMPARE(TodoField::changed(original, edited), changed);
        QCOMPARE(p.pane->todo()->id, original.id);
        switch (change) {
        case Change::Title: QCOMPARE(edited.title, u"Plan the big trip"_s); break;
        case Change::Notes: QCOMPARE(edited.notes, u"Call Ana"_s); break;
        case Change::Tags:
            QCOMPARE(edited.tags, (QStringList{u"travel"_s, u"Work"_s}));
            QCOMPARE(p.field<QLineEdit>(u"detailTags"_s)->text(), u"travel, Work"_s); // shows what was kept
            break;
        case Change::Completed: QVERIFY(edited.completed && edited.completedAt); break;
        case Change::List: QCOMPARE(edited.listId, u"home"_s); break;
        case Change::Priority: QCOMPARE(edited.priority, Priority::High); break;
        case Change::DueOff: QCOMPARE(edited.dueAt, std::nullopt); break;
        case Change::DueOn: QCOMPARE(edited.dueAt, std::optional(Timestamp::fromDate(QDate::currentDate()))); break;
        case Change::DueDate: QCOMPARE(Timestamp::toDate(*edited.dueAt), kDueDate.addDays(1)); break;
        case Change::TimeOn:
            QCOMPARE(edited.dueAt, std::optional(Timestamp::fromDateTime(QDateTime(kDueDate, QTime(9, 0)))));
            break;
        case Change::DueTime:
            QCOMPARE(edited.dueAt, std::optional(Timestamp::fromDateTime(QDateTime(kDueDate, kDueTime.addSecs(3600)))));
            break;
        }

        // The owner stores the edit and hands the stored snapshot back: no echo.
        p.pane->setTodo(edited);
        QApplication::processEvents();
        QCOMPARE(p.spy.count(), 1);
    }

    void shouldDisableTheFormWithoutATodo()
    {
        Pane p(sample(Due::Date));
        QVERIFY(p.show());
        p.pane->setTodo(std::nullopt);
        QCOMPARE(p.pane->todo(), std::nullopt);
        QVERIFY(p.field<QLabel>(u"detailPlaceholder"_s)->isVisible());
        for (const QString &name : {u"detailTitle"_s, u"detailNotes"_s, u"detailTags"_s, u"detailCompleted"_s,
                                    u"detailList"_s, u"detailPriority"_s, u"detailHasDue"_s}) {
            QVERIFY2(!p.field<QWidget>(name)->isEnabled(), qPrintable(name));
        }
        QTest::mouseClick(p.field<QCheckBox>(u"detailCompleted"_s), Qt::LeftButton);
        QTest::keyClicks(p.field<QLineEdit>(u"detailTitle"_s), u"typed"_s);
        QTest::keyClick(p.field<QLineEdit>(u"detailTitle"_s), Qt::Key_Return);
        QCOMPARE(p.spy.count(), 0);

        p.pane->setTodo(sample(Due::None)); // and back
        QVERIFY(p.field<QLineEdit>(u"detailTitle"_s)->isEnabled());
        QVERIFY(!p.field<QLabel>(u"detailPlaceholder"_s)->isVisible());
    }

    void shouldRefuseAnEmptyTitle_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<Qt::Key>("finish");
        QTest::newRow("empty, Enter") << QString() << Qt::Key_Return;
        QTest::newRow("empty, focus out") << QString() << Qt::Key_Tab;
        QTest::newRow("blanks, Enter") << u"   "_s << Qt::Key_Return;
    }

    void shouldRefuseAnEmptyTitle()
    {
        QFETCH(QString, typed);
        QFETCH(Qt::Key, finish);
        Pane p(sample(Due::Date));
        QVERIFY(p.show());
        auto *title = p.field<QLineEdit>(u"detailTitle"_s);
        title->setFocus(Qt::TabFocusReason);
        QTest::keyClick(title, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(title, Qt::Key_Backspace);
        QTest::keyClicks(title, typed);
        QTest::keyClick(title, finish);
        QCOMPARE(p.spy.count(), 0);
        QCOMPARE(title->text(), u"Plan the trip"_s);
        QCOMPARE(p.pane->todo()->title, u"Plan the trip"_s);
    }

    void shouldKeepWhatIsBeingTypedWhenTheTodoIsReloaded()
    {
        const Todo original = sample(Due::Date);
        Pane p(original);
        QVERIFY(p.show());
        auto *title = p.field<QLineEdit>(u"detailTitle"_s);
        title->setFocus(Qt::TabFocusReason);
        QTest::keyClick(title, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(title, u"Half typed"_s);

        Todo synced = original; // the notes change on another desktop meanwhile
        synced.notes = u"From elsewhere"_s;
        p.pane->setTodo(synced);
        QCOMPARE(title->text(), u"Half typed"_s);
        QCOMPARE(p.field<QPlainTextEdit>(u"detailNotes"_s)->toPlainText(), u"From elsewhere"_s);
        QCOMPARE(p.spy.count(), 0);

        QTest::keyClick(title, Qt::Key_Return);
        QCOMPARE(p.spy.count(), 1);
        QCOMPARE(TodoField::changed(synced, p.edits.first()), QStringList{u"title"_s});
        QCOMPARE(p.edits.first().notes, u"From elsewhere"_s);
    }

    void shouldKeepATagWithACommaOneTag()
    {
        Todo todo = sample(Due::None);
        todo.tags = {u"Smith, John"_s, u"say \"hi\""_s, u"travel"_s};
        Pane p(todo);
        QVERIFY(p.show());
        auto *field = p.field<QLineEdit>(u"detailTags"_s);
        QCOMPARE(field->text(), u"\"Smith, John\", \"say \"\"hi\"\"\", travel"_s);

        // Edited as shown: still the same three tags, plus the one typed.
        field->setFocus(Qt::TabFocusReason);
        QTest::keyClick(field, Qt::Key_End);
        field->insert(u", \"a, b\", İSTANBUL, i̇stanbul"_s); // QTest types ASCII only
        QTest::keyClick(field, Qt::Key_Return);
        QCOMPARE(p.spy.count(), 1);
        QCOMPARE(p.edits.first().tags,
                 (QStringList{u"Smith, John"_s, u"say \"hi\""_s, u"travel"_s, u"a, b"_s, u"İSTANBUL"_s}));
    }
};

QTEST_MAIN(DetailPaneTest)
#include "detailpanetest.moc"
