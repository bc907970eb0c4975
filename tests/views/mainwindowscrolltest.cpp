#include "windowharness.h"

#include <QLineEdit>
#include <QScrollBar>

using namespace Qt::StringLiterals;

namespace {

// Scrolls the list to its very end, fetching rows as a person's scrolling does.
void scrollToTheEnd(TodoListView *list)
{
    QScrollBar *bar = list->verticalScrollBar();
    for (int i = 0; i < 10; ++i) {
        bar->setValue(bar->maximum());
        QCoreApplication::processEvents();
    }
}

// Opens the window on All with count todos, scrolled to the end; their ids, or none.
QStringList openScrolledToTheEnd(WindowHarness &h, int count)
{
    const QStringList ids = h.data.addTodos(count, u"Todo"_s);
    if (!h.open())
        return {};
    h.window->selectFilter(TodoFilter::smart(TodoFilter::Kind::All));
    scrollToTheEnd(h.list());
    return h.list()->verticalScrollBar()->value() > 0 ? ids : QStringList();
}

// The row shown at the top of the list.
int topRow(TodoListView *list)
{
    return list->indexAt(QPoint(list->viewport()->width() / 2, 2)).row();
}

} // namespace

// Where a view opens: another list at its top, a search at its first match;
// a refresh of the same view keeps its place.
class MainWindowScrollTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { WindowHarness::initTestEnvironment(); }
    void init() { WindowHarness::clearSettings(); }

    void shouldOpenAnotherListAtItsTop()
    {
        WindowHarness h;
        h.testTodoModel = false;
        const TodoList work = h.addList(u"Work"_s);
        h.data.addTodos(600, u"Home"_s);
        const QStringList workIds = h.data.addTodos(600, u"Work"_s, work.id);
        QVERIFY(h.open());
        h.window->selectFilter(TodoFilter::smart(TodoFilter::Kind::All));
        scrollToTheEnd(h.list());
        QVERIFY(h.list()->verticalScrollBar()->value() > 0);
        // Something far down is current and selected.
        const QModelIndex low = h.list()->indexAt(QPoint(h.list()->viewport()->width() / 2,
                                                          h.list()->viewport()->height() - 5));
        QVERIFY(low.isValid());
        QVERIFY(h.clickRow(low.data(TodoModel::IdRole).toString()));

        QVERIFY(h.clickSidebar(TodoFilter::list(work.id)));
        QCOMPARE(h.list()->verticalScrollBar()->value(), 0);
        QCOMPARE(topRow(h.list()), 0);
        QCOMPARE(h.model()->idAt(0), workIds.first());
        QVERIFY(!h.list()->currentIndex().isValid() || h.list()->currentIndex().row() == 0);
        QVERIFY(h.list()->selectedIds().size() <= 1);
    }

    void shouldOpenASearchAtItsFirstMatch()
    {
        WindowHarness h;
        h.testTodoModel = false;
        const QStringList ids = openScrolledToTheEnd(h, 2000);
        QVERIFY(!ids.isEmpty());

        h.window->searchField()->setFocus();
        QTest::keyClicks(h.window->searchField(), u"7"_s); // "Todo 0007" first, then many more
        QCOMPARE(h.model()->idAt(0), ids.at(6));
        QVERIFY(h.model()->canFetchMore()); // more matches than a batch: the list can scroll
        QCOMPARE(h.list()->verticalScrollBar()->value(), 0);
        QCOMPARE(topRow(h.list()), 0);
    }

    void shouldKeepItsPlaceWhenTheRowsChange()
    {
        WindowHarness h;
        h.testTodoModel = false;
        const QStringList ids = openScrolledToTheEnd(h, 600);
        QVERIFY(!ids.isEmpty());
        const int top = topRow(h.list());
        const int value = h.list()->verticalScrollBar()->value();
        QVERIFY(top > 0);

        Todo renamed = *h.store()->todo(ids.at(top));
        renamed.title += u" (renamed)"_s;
        h.write(renamed); // as a sync would: the model reads its rows again
        QCOMPARE(h.model()->idAt(top), ids.at(top));
        QCOMPARE(h.list()->verticalScrollBar()->value(), value);
    }
};

QTEST_MAIN(MainWindowScrollTest)
#include "mainwindowscrolltest.moc"
