// The window's panes at the sizes people use: a long list name neither
// squeezes the sidebar nor widens the window (it is elided, with the whole
// name in a tooltip), and on a small screen the todo list keeps priority
// over the detail pane.

#include "windowharness.h"

#include "widgets/detailpane.h"

#include <QComboBox>
#include <QFontMetrics>
#include <QScrollBar>

using namespace Qt::StringLiterals;

namespace {

const QString kLongName = u"Renovation of the summer house by the lake, with the boat shed and the garden "
                          u"(quotes, permits, the carpenter's schedule)"_s;

} // namespace

class MainWindowLayoutTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { WindowHarness::initTestEnvironment(); }
    void init() { WindowHarness::clearSettings(); }

    void aLongListNameIsElidedWithATooltip()
    {
        WindowHarness h;
        QVERIFY(h.open());
        const int windowWidth = h.window->width();
        const int sidebarWidth = h.sidebar()->width();
        QVERIFY(sidebarWidth >= h.sidebar()->minimumWidth());
        QVERIFY(h.sidebar()->minimumWidth() >= 150);

        const TodoList list = h.addList(kLongName);
        h.window->selectFilter(TodoFilter::list(list.id));
        QCoreApplication::processEvents();
        QTest::qWait(50);

        // Neither the window nor the sidebar moved for it.
        QCOMPARE(h.window->width(), windowWidth);
        QCOMPARE(h.sidebar()->width(), sidebarWidth);
        QVERIFY(h.window->minimumSizeHint().width() < windowWidth);

        // The sidebar elides the name and tells it whole on hover.
        const QModelIndex entry = h.window->sidebarModel()->indexOf(TodoFilter::list(list.id));
        QVERIFY(entry.isValid());
        const QRect shown = h.sidebar()->visualRect(entry);
        QVERIFY(shown.right() <= h.sidebar()->viewport()->width());
        QVERIFY(QFontMetrics(h.sidebar()->font()).horizontalAdvance(kLongName) > shown.width());
        QCOMPARE(h.sidebar()->textElideMode(), Qt::ElideRight);
        QVERIFY2(entry.data(Qt::ToolTipRole).toString().startsWith(kLongName),
                 qPrintable(entry.data(Qt::ToolTipRole).toString()));

        // The detail pane's list field does not grow with it either.
        auto *listField = h.window->detailPane()->findChild<QComboBox *>(u"detailList"_s);
        QVERIFY(listField);
        QVERIFY(listField->findText(kLongName) >= 0);
        QVERIFY(listField->sizeHint().width() < QFontMetrics(listField->font()).horizontalAdvance(kLongName));
    }

    // A title longer than the list is wide is elided in its row: the list
    // never scrolls sideways, in All (rows of one height) nor in Today
    // (day headings make the rows' heights differ).
    void aLongTitleIsElidedNotScrolledSideways()
    {
        WindowHarness h;
        Todo todo = h.data.addTodo(kLongName + u" "_s + kLongName);
        todo.dueAt = Timestamp::fromDate(QDate::currentDate());
        h.write(todo);
        QVERIFY(h.open());
        h.window->resize(800, 600);
        QTRY_COMPARE(h.window->width(), 800);
        for (const auto kind : {TodoFilter::Kind::All, TodoFilter::Kind::Today}) {
            h.window->selectFilter(TodoFilter::smart(kind));
            QCoreApplication::processEvents();
            QTRY_VERIFY(h.indexOf(todo.id).isValid());
            const QRect row = h.list()->visualRect(h.indexOf(todo.id));
            QVERIFY2(row.right() < h.list()->viewport()->width(),
                     qPrintable(u"row ends at %1, the list is %2 wide"_s.arg(row.right()).arg(h.list()->viewport()->width())));
            QCOMPARE(h.list()->horizontalScrollBar()->maximum(), 0);
        }
    }

    void atEightHundredTheListIsWiderThanTheDetailPane()
    {
        WindowHarness h;
        QVERIFY(h.open());
        h.window->resize(800, 600);
        QTRY_COMPARE(h.window->width(), 800);
        QCoreApplication::processEvents();

        QWidget *detail = h.window->detailPane();
        const int detailWidth = detail->isVisible() ? detail->width() : 0;
        QVERIFY2(h.list()->width() > detailWidth,
                 qPrintable(u"list %1, detail %2"_s.arg(h.list()->width()).arg(detailWidth)));
        QVERIFY(h.sidebar()->width() >= h.sidebar()->minimumWidth());

        // Back to a roomy window: the detail pane gets its room again.
        h.window->resize(1280, 800);
        QTRY_COMPARE(h.window->width(), 1280);
        QCoreApplication::processEvents();
        QVERIFY(detail->isVisible());
        QVERIFY2(detail->width() >= 280, qPrintable(QString::number(detail->width())));
    }
};

QTEST_MAIN(MainWindowLayoutTest)
#include "mainwindowlayouttest.moc"
