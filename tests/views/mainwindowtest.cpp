#include "windowharness.h"

#include "widgets/quickaddbar.h"

#include <QClipboard>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QUndoStack>

using namespace Qt::StringLiterals;

namespace {

enum class Finish { Enter, Tab, Pause };

QString fieldValue(const Todo &todo, const QString &field)
{
    if (field == u"detailTitle")
        return todo.title;
    if (field == u"detailNotes")
        return todo.notes;
    return todo.tags.join(u", "_s);
}

} // namespace

Q_DECLARE_METATYPE(Finish)

class MainWindowTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { WindowHarness::initTestEnvironment(); }
    void init() { WindowHarness::clearSettings(); }

    void shouldAddThroughQuickAdd()
    {
        WindowHarness h;
        const Todo existing = h.data.addTodo(u"Existing"_s);
        QVERIFY(h.open());
        const QDate today = QDate::currentDate();
        h.window->quickAddBar()->setToday(today);
        QVERIFY(h.clickRow(existing.id));
        QVERIFY(h.list()->hasFocus());

        h.press(QKeySequence::New); // Ctrl+N
        auto *input = h.window->findChild<QLineEdit *>(u"quickAddInput"_s);
        QVERIFY(input);
        QVERIFY(input->hasFocus());
        QTest::keyClicks(input, u"Buy milk tomorrow !high #work"_s);
        auto *preview = h.window->findChild<QLabel *>(u"quickAddPreview"_s);
        QVERIFY(preview);
        QVERIFY(preview->isVisible());
        QCOMPARE(preview->text(), u"Due tomorrow \u00B7 High priority \u00B7 #work"_s);
        QTest::keyClick(input, Qt::Key_Return);

        QCOMPARE(input->text(), QString());
        QVERIFY(!preview->isVisible());
        const QStringList selected = h.list()->selectedIds();
        QCOMPARE(selected.size(), 1);
        QVERIFY(selected.first() != existing.id);
        const auto added = h.store()->todo(selected.first());
        QVERIFY(added);
        QCOMPARE(added->title, u"Buy milk"_s);
        QCOMPARE(added->dueAt, std::optional(Timestamp::fromDate(today.addDays(1))));
        QCOMPARE(added->dueHasTime, false);
        QCOMPARE(added->priority, Priority::High);
        QCOMPARE(added->tags, QStringList{u"work"_s});
        QCOMPARE(added->listId, h.store()->inboxId());
        QCOMPARE(h.indexOf(added->id).data(TodoModel::TitleRole).toString(), u"Buy milk"_s);
        QCOMPARE(h.model()->matchingCount(), 2);
        QCOMPARE(h.window->findChild<QLineEdit *>(u"detailTitle"_s)->text(), u"Buy milk"_s);
        QCOMPARE(h.window->undoStack()->count(), 1);
        // The spaces typed went into the line, not to the list's Space shortcut.
        QCOMPARE(h.store()->todo(existing.id)->completed, false);
        const QModelIndex inbox = h.window->sidebarModel()->indexOf(TodoFilter::list(h.store()->inboxId()));
        QTRY_COMPARE(inbox.siblingAtColumn(0).data(SidebarModel::CountRole).toInt(), 2);
        QTRY_COMPARE(h.window->sidebarModel()->rowCount(h.window->sidebarModel()->tagsSection()), 1);
    }

    void shouldAddToTheShownList()
    {
        WindowHarness h;
        const TodoList errands = h.addList(u"Errands"_s);
        QVERIFY(h.open());
        QVERIFY(h.clickSidebar(TodoFilter::list(errands.id)));
        h.press(QKeySequence::New);
        QTest::keyClicks(h.focused(), u"Post the parcel"_s);
        QTest::keyClick(h.focused(), Qt::Key_Enter);

        QCOMPARE(h.list()->selectedIds().size(), 1);
        const auto added = h.store()->todo(h.list()->selectedIds().first());
        QVERIFY(added);
        QCOMPARE(added->title, u"Post the parcel"_s);
        QCOMPARE(added->listId, errands.id);
        QCOMPARE(h.store()->todosInList(h.store()->inboxId()).size(), 0);
        QCOMPARE(h.model()->matchingCount(), 1);
    }

    void shouldEditInTheDetailPane_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("typed");
        QTest::addColumn<Finish>("finish");
        QTest::addColumn<QString>("expected");
        QTest::newRow("title, Enter") << u"detailTitle"_s << u"Call the plumber"_s << Finish::Enter << u"Call the plumber"_s;
        QTest::newRow("title, focus out") << u"detailTitle"_s << u"  Trimmed title "_s << Finish::Tab << u"Trimmed title"_s;
        QTest::newRow("notes, focus out") << u"detailNotes"_s << u"Ask about the boiler"_s << Finish::Tab << u"Ask about the boiler"_s;
        QTest::newRow("notes, pause") << u"detailNotes"_s << u"Saved after a pause"_s << Finish::Pause << u"Saved after a pause"_s;
        QTest::newRow("tags, Enter") << u"detailTags"_s << u"home, #Errands, home"_s << Finish::Enter << u"Errands, home"_s;
    }

    void shouldEditInTheDetailPane()
    {
        QFETCH(QString, field);
        QFETCH(QString, typed);
        QFETCH(Finish, finish);
        QFETCH(QString, expected);
        WindowHarness h;
        const Todo todo = h.data.addTodo(u"Fix the sink"_s);
        QVERIFY(h.open());
        QVERIFY(h.clickRow(todo.id));

        auto *editor = h.window->findChild<QWidget *>(field);
        QVERIFY(editor);
        QVERIFY(editor->isEnabled());
        auto *notes = qobject_cast<QPlainTextEdit *>(editor);
        QTest::mouseClick(notes ? notes->viewport() : editor, Qt::LeftButton);
        QTRY_VERIFY(editor->hasFocus());
        QTest::keyClick(editor, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(editor, typed);
        if (finish == Finish::Enter)
            QTest::keyClick(editor, Qt::Key_Return);
        else if (finish == Finish::Tab)
            QTest::keyClick(editor, Qt::Key_Tab);

        QTRY_COMPARE(fieldValue(*h.store()->todo(todo.id), field), expected);
        QCOMPARE(h.window->undoStack()->count(), 1);
        const Todo stored = *h.store()->todo(todo.id);
        QCOMPARE(stored.completed, false); // the spaces typed stayed in the field
        QCOMPARE(TodoField::changed(todo, stored).size(), 1);
        if (field == u"detailTitle")
            QCOMPARE(h.indexOf(todo.id).data(TodoModel::TitleRole).toString(), expected);
    }

    void shouldComplete_data()
    {
        QTest::addColumn<bool>("withMouse");
        QTest::addColumn<Qt::LayoutDirection>("direction");
        QTest::newRow("Space") << false << Qt::LeftToRight;
        QTest::newRow("check box click") << true << Qt::LeftToRight;
        QTest::newRow("check box click, right to left") << true << Qt::RightToLeft;
    }

    void shouldComplete()
    {
        QFETCH(bool, withMouse);
        QFETCH(Qt::LayoutDirection, direction);
        WindowHarness h;
        const Todo other = h.data.addTodo(u"Other"_s);
        const Todo todo = h.data.addTodo(u"Water the plants"_s);
        QVERIFY(h.open());
        h.window->setLayoutDirection(direction);

        auto toggle = [&] {
            if (withMouse)
                return h.clickCheckBox(todo.id);
            QTest::keyClick(h.list(), Qt::Key_Space);
            return true;
        };
        if (withMouse) {
            // A click beside the box selects the row and toggles nothing.
            QVERIFY(h.clickRow(other.id));
            QCOMPARE(h.list()->selectedIds(), QStringList{other.id});
        } else {
            QVERIFY(h.clickRow(todo.id));
        }
        QCOMPARE(h.store()->todo(todo.id)->completed, false);

        QVERIFY(toggle());
        QCOMPARE(h.store()->todo(todo.id)->completed, true);
        QVERIFY(h.store()->todo(todo.id)->completedAt.has_value());
        QCOMPARE(h.indexOf(todo.id).data(TodoModel::CompletedRole).toBool(), true);
        QCOMPARE(h.store()->todo(other.id)->completed, false);
        if (withMouse) // the box eats the click: the selection stays where it was
            QCOMPARE(h.list()->selectedIds(), QStringList{other.id});
        QTRY_COMPARE(h.window->sidebarModel()
                         ->indexOf(TodoFilter::smart(TodoFilter::Kind::Completed))
                         .data(SidebarModel::CountRole)
                         .toInt(),
                     1);

        QVERIFY(toggle());
        QCOMPARE(h.store()->todo(todo.id)->completed, false);
        QCOMPARE(h.store()->todo(todo.id)->completedAt, std::nullopt);
        QCOMPARE(h.window->undoStack()->count(), 2);
    }

    void shouldDeleteWithTheDeleteKey()
    {
        WindowHarness h;
        const Todo a = h.data.addTodo(u"A"_s);
        const Todo b = h.data.addTodo(u"B"_s);
        const Todo c = h.data.addTodo(u"C"_s);
        QVERIFY(h.open());
        QVERIFY(h.clickRow(b.id));
        QTest::keyClick(h.list(), Qt::Key_Delete);
        QVERIFY(h.store()->todo(b.id)->isDeleted());
        QCOMPARE(h.shownIds(), (QStringList{a.id, c.id}));
        // The next row is selected, so Delete can be pressed again.
        QCOMPARE(h.list()->selectedIds(), QStringList{c.id});
        QTest::keyClick(h.list(), Qt::Key_Delete);
        QVERIFY(h.store()->todo(c.id)->isDeleted());
        QCOMPARE(h.list()->selectedIds(), QStringList{a.id});
        QCOMPARE(h.model()->matchingCount(), 1);
        QCOMPARE(h.window->undoStack()->count(), 2);

        // Delete in the search field edits the text and nothing else.
        h.press(QKeySequence::Find);
        QTest::keyClicks(h.focused(), u"Ax"_s);
        QTest::keyClick(h.focused(), Qt::Key_Left);
        QTest::keyClick(h.focused(), Qt::Key_Delete);
        QCOMPARE(h.window->searchField()->text(), u"A"_s);
        QVERIFY(!h.store()->todo(a.id)->isDeleted());
    }

    void shouldSearch_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<int>("expected");
        QTest::newRow("a word") << u"milk"_s << 2; // one title, one in the notes
        QTest::newRow("another case") << u"MILK"_s << 2;
        QTest::newRow("percent is literal") << u"%"_s << 1;
        QTest::newRow("underscore is literal") << u"_"_s << 1;
        QTest::newRow("quote") << u"o'c"_s << 1;
        QTest::newRow("nothing") << u"zebra"_s << 0;
    }

    void shouldSearch()
    {
        QFETCH(QString, typed);
        QFETCH(int, expected);
        WindowHarness h;
        h.data.addTodo(u"Buy milk"_s);
        h.data.addTodo(u"Pay 50% deposit"_s);
        Todo withNotes = h.data.addTodo(u"Call Sam"_s);
        withNotes.notes = u"about the milk_run at 5 o'clock"_s;
        h.write(withNotes);
        h.data.addTodo(u"Walk the dog"_s);
        QVERIFY(h.open());
        QCOMPARE(h.model()->matchingCount(), 4);

        h.press(QKeySequence::Find); // Ctrl+F
        QLineEdit *search = h.window->searchField();
        QCOMPARE(h.focused(), search);
        QTest::keyClicks(search, typed);
        QCOMPARE(h.model()->matchingCount(), expected);
        QCOMPARE(h.model()->rowCount(), expected);
        auto *count = h.window->findChild<QLabel *>(u"listCount"_s);
        QVERIFY2(count->text().startsWith(QString::number(expected) + u' '), qPrintable(count->text()));

        QTest::keyClick(search, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(search, Qt::Key_Backspace);
        QCOMPARE(search->text(), QString());
        QCOMPARE(h.model()->matchingCount(), 4);
        QCOMPARE(h.model()->rowCount(), 4);
    }

    void shouldKeepOddTextLiterally_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("paste");
        const QString words = u"lorem ipsum "_s.repeated(834).left(10000);
        QTest::newRow("10,000 characters") << words << true;
        QTest::newRow("emoji") << u"Pack \U0001F355 and \u2615 for \U0001F469\u200D\U0001F4BB"_s << true;
        QTest::newRow("right to left") << u"\u05E9\u05DC\u05D5\u05DD \u0645\u0631\u062D\u0628\u0627 world"_s << false;
        QTest::newRow("SQL") << u"'; DROP TABLE todos; --"_s << false;
        QTest::newRow("markup") << u"<b>bold</b> &amp; \\n"_s << false;
    }

    void shouldKeepOddTextLiterally()
    {
        QFETCH(QString, text);
        QFETCH(bool, paste);
        WindowHarness h;
        QVERIFY(h.open());
        h.press(QKeySequence::New);
        QWidget *input = h.focused();
        QCOMPARE(input->objectName(), u"quickAddInput"_s);
        if (paste) {
            QGuiApplication::clipboard()->setText(text);
            QTest::keySequence(input, QKeySequence::Paste);
        } else {
            WindowHarness::typeText(input, text);
        }
        QCOMPARE(h.window->quickAddBar()->input()->text(), text);
        QTest::keyClick(input, Qt::Key_Return);

        QCOMPARE(h.model()->matchingCount(), 1);
        QCOMPARE(h.model()->rowCount(), 1);
        const QString id = h.model()->idAt(0);
        QCOMPARE(h.store()->todo(id)->title, text);
        QCOMPARE(h.model()->index(0, h.model()->titleColumn()).data(TodoModel::TitleRole).toString(), text);
        QCOMPARE(h.window->findChild<QLineEdit *>(u"detailTitle"_s)->text(), text);
        QCOMPARE(h.list()->selectedIds(), QStringList{id});
    }

    void shouldKeepTheSelectionAcrossARefresh()
    {
        WindowHarness h;
        const Todo a = h.data.addTodo(u"A"_s);
        const Todo b = h.data.addTodo(u"B"_s);
        Todo c = h.data.addTodo(u"C"_s);
        QVERIFY(h.open());
        QVERIFY(h.clickRow(b.id));
        QCOMPARE(h.model()->rowOfId(b.id), 1);

        // Another todo changes (a sync, say) and moves to the top: B's row moves.
        c.title = u"C, renamed elsewhere"_s;
        c.position = a.position - 1.0;
        h.write(c);
        QCOMPARE(h.shownIds(), (QStringList{c.id, a.id, b.id}));
        QCOMPARE(h.list()->selectedIds(), QStringList{b.id});
        QCOMPARE(h.list()->currentId(), b.id);
        QCOMPARE(h.window->findChild<QLineEdit *>(u"detailTitle"_s)->text(), u"B"_s);

        // The selected one changes elsewhere: still selected, the pane shows the news.
        Todo changed = *h.store()->todo(b.id);
        changed.notes = u"Arrived from another desktop"_s;
        h.write(changed);
        QCOMPARE(h.list()->selectedIds(), QStringList{b.id});
        QCOMPARE(h.window->findChild<QPlainTextEdit *>(u"detailNotes"_s)->toPlainText(), changed.notes);
    }

};

QTEST_MAIN(MainWindowTest)
#include "mainwindowtest.moc"
