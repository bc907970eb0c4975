#include "windowharness.h"

#include <QScrollBar>
#include <QStatusBar>
#include <QUndoStack>

using namespace Qt::StringLiterals;

namespace {

// More than three of the model's batches of 256 rows.
constexpr int kCount = 1000;

int countWhere(TodoStore *store, const QStringList &ids, const std::function<bool(const Todo &)> &predicate)
{
    const QList<Todo> todos = store->todos(ids);
    return int(std::count_if(todos.cbegin(), todos.cend(), predicate));
}

bool isCompleted(const Todo &todo)
{
    return todo.completed;
}

// Opens the window, seeded already, on filter, with one row clicked.
[[nodiscard]] bool openOn(WindowHarness &h, const TodoFilter &filter, const QString &clicked)
{
    if (!h.open())
        return false;
    h.window->selectFilter(filter);
    return h.clickRow(clicked);
}

QString completeText(int count)
{
    return QCoreApplication::translate("TodoCommands", "Complete %n todo(s)", nullptr, count);
}

} // namespace

Q_DECLARE_METATYPE(TodoFilter::Kind)

// Selections that reach past the rows the model has fetched (it fetches 256
// at a time): Select All, End, shift-ranges. A bulk edit acts on every todo
// the person selected, and says how many.
class MainWindowSelectTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { WindowHarness::initTestEnvironment(); }
    void init() { WindowHarness::clearSettings(); }

    void shouldCompleteEveryTodoAfterSelectAll_data()
    {
        QTest::addColumn<TodoFilter::Kind>("kind");
        QTest::newRow("inbox") << TodoFilter::Kind::List;
        QTest::newRow("today") << TodoFilter::Kind::Today;
    }

    void shouldCompleteEveryTodoAfterSelectAll()
    {
        QFETCH(TodoFilter::Kind, kind);
        WindowHarness h;
        h.testTodoModel = false;
        const QStringList ids = h.data.addTodos(kCount, u"Todo"_s, {}, [](Todo &todo) {
            todo.dueAt = Timestamp::fromDate(QDate::currentDate());
        });
        const TodoFilter filter = kind == TodoFilter::Kind::List ? TodoFilter::list(h.store()->inboxId())
                                                                : TodoFilter::smart(kind);
        QVERIFY(openOn(h, filter, ids.first()));
        QVERIFY(h.model()->canFetchMore());

        QTest::keyClick(h.list(), Qt::Key_A, Qt::ControlModifier);
        QCOMPARE(h.list()->selectedIds().size(), kCount);
        QTest::keyClick(h.list(), Qt::Key_Space);
        QCOMPARE(countWhere(h.store(), ids, isCompleted), kCount);
        QCOMPARE(h.window->undoStack()->undoText(), completeText(kCount));
        QCOMPARE(h.window->statusBar()->currentMessage(), completeText(kCount));
    }

    void shouldGoToTheLastRow_data()
    {
        QTest::addColumn<Qt::KeyboardModifiers>("modifiers");
        QTest::newRow("End") << Qt::KeyboardModifiers();
        QTest::newRow("Ctrl+End") << Qt::KeyboardModifiers(Qt::ControlModifier);
    }

    void shouldGoToTheLastRow()
    {
        QFETCH(Qt::KeyboardModifiers, modifiers);
        WindowHarness h;
        h.testTodoModel = false;
        const QStringList ids = h.data.addTodos(kCount, u"Todo"_s);
        QVERIFY(openOn(h, TodoFilter::list(h.store()->inboxId()), ids.first()));

        QTest::keyClick(h.list(), Qt::Key_End, modifiers);
        QCOMPARE(h.list()->currentId(), ids.last());
        QCOMPARE(h.list()->selectedIds(), QStringList{ids.last()});
        QVERIFY(h.list()->viewport()->rect().contains(h.list()->visualRect(h.list()->currentIndex())));
        QTest::keyClick(h.list(), Qt::Key_Home, modifiers);
        QCOMPARE(h.list()->currentId(), ids.first());
        QCOMPARE(h.list()->selectedIds(), QStringList{ids.first()});
    }

    void shouldSelectARangePastTheFetchedRows_data()
    {
        QTest::addColumn<int>("from");
        QTest::addColumn<Qt::KeyboardModifiers>("modifiers"); // with End; none: shift-click the row after 256
        const Qt::KeyboardModifiers shift = Qt::ShiftModifier;
        QTest::newRow("shift+click one past 256") << 0 << Qt::KeyboardModifiers();
        QTest::newRow("shift+End") << 0 << shift;
        QTest::newRow("shift+Ctrl+End") << 0 << (shift | Qt::ControlModifier);
        QTest::newRow("shift+End from the middle") << 300 << shift;
    }

    void shouldSelectARangePastTheFetchedRows()
    {
        QFETCH(int, from);
        QFETCH(Qt::KeyboardModifiers, modifiers);
        WindowHarness h;
        h.testTodoModel = false;
        const QStringList ids = h.data.addTodos(kCount, u"Todo"_s);
        QVERIFY(openOn(h, TodoFilter::list(h.store()->inboxId()), ids.at(from)));

        QStringList expected;
        if (modifiers == Qt::NoModifier) {
            QVERIFY(h.clickRow(ids.at(256), Qt::ShiftModifier));
            expected = ids.mid(from, 257 - from);
        } else {
            QTest::keyClick(h.list(), Qt::Key_End, modifiers);
            expected = ids.mid(from);
            QCOMPARE(h.list()->currentId(), ids.last());
        }
        QCOMPARE(h.list()->selectedIds(), expected);
        Todo renamed = *h.store()->todo(ids.last());
        renamed.title += u" (renamed)"_s;
        h.write(renamed); // as a sync would: the rows are read again, the selection stays
        QCOMPARE(h.list()->selectedIds(), expected);
        QTest::keyClick(h.list(), Qt::Key_Space);
        QCOMPARE(countWhere(h.store(), ids, isCompleted), expected.size());
        QCOMPARE(h.window->undoStack()->undoText(), completeText(int(expected.size())));
    }

    void shouldDeleteEveryTodoAndBringThemAllBack()
    {
        WindowHarness h;
        h.testTodoModel = false;
        const QStringList ids = h.data.addTodos(kCount, u"Todo"_s);
        QVERIFY(openOn(h, TodoFilter::smart(TodoFilter::Kind::All), ids.first()));

        QTest::keyClick(h.list(), Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(h.list(), Qt::Key_Delete);
        QCOMPARE(countWhere(h.store(), ids, [](const Todo &t) { return t.isDeleted(); }), kCount);
        QCOMPARE(h.model()->matchingCount(), 0);
        QCOMPARE(h.window->undoStack()->undoText(),
                 QCoreApplication::translate("TodoCommands", "Delete %n todo(s)", nullptr, kCount));

        h.press(QKeySequence::Undo);
        QCOMPARE(countWhere(h.store(), ids, [](const Todo &t) { return t.isDeleted(); }), 0);
        QCOMPARE(h.model()->matchingCount(), kCount);
    }

    void shouldKeepSelectAllWhileRowsArriveAndTheRestWhenOneIsTakenOut()
    {
        WindowHarness h;
        h.testTodoModel = false;
        const QStringList ids = h.data.addTodos(kCount, u"Todo"_s);
        QVERIFY(openOn(h, TodoFilter::list(h.store()->inboxId()), ids.first()));
        QTest::keyClick(h.list(), Qt::Key_A, Qt::ControlModifier);

        // Scrolled to the end of what is fetched: the rows fetched next are selected too.
        const int fetched = h.model()->rowCount();
        QScrollBar *bar = h.list()->verticalScrollBar();
        bar->setValue(bar->maximum());
        QTRY_VERIFY(h.model()->rowCount() > fetched);
        QVERIFY(h.list()->selectionModel()->isRowSelected(h.model()->rowCount() - 1));
        QCOMPARE(h.list()->selectedIds(), ids);

        // Ctrl+click takes one out; every other one stays selected.
        QVERIFY(h.clickRow(ids.at(1), Qt::ControlModifier));
        QStringList rest = ids;
        rest.removeAt(1);
        QCOMPARE(h.list()->selectedIds(), rest);

        // A plain click starts afresh.
        QTest::keyClick(h.list(), Qt::Key_A, Qt::ControlModifier);
        QVERIFY(h.clickRow(ids.at(2)));
        QCOMPARE(h.list()->selectedIds(), QStringList{ids.at(2)});
    }

};

QTEST_MAIN(MainWindowSelectTest)
#include "mainwindowselecttest.moc"
