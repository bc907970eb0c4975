// The "not yet synced" mark on a todo row: a small hollow dot with a
// tooltip, shown only while sync is on. Without a cloud database every
// edited todo is "not yet synced", and a mark on all of them says nothing.

#include "windowharness.h"

#include "cloud/profile.h"
#include "sync/synccontroller.h"
#include "widgets/quickaddbar.h"

#include <QHelpEvent>
#include <QLineEdit>
#include <QToolTip>

using namespace Qt::StringLiterals;

namespace {

const QString kUnsynced = u"Not yet synced"_s;

// Hovers over every few pixels of a row, as a person looking for its
// marks would, and collects the tooltips the list shows.
QStringList tooltipsAcross(QAbstractItemView *view, const QModelIndex &index)
{
    QStringList tips;
    const QRect rect = view->visualRect(index);
    for (int y = rect.top() + 1; y < rect.bottom(); y += 2) {
        for (int x = rect.left() + 1; x < rect.right(); x += 2) {
            QToolTip::hideText();
            const QPoint pos(x, y);
            QHelpEvent event(QEvent::ToolTip, pos, view->viewport()->mapToGlobal(pos));
            QApplication::sendEvent(view->viewport(), &event);
            if (QToolTip::isVisible() && !tips.contains(QToolTip::text()))
                tips << QToolTip::text();
        }
    }
    QToolTip::hideText();
    return tips;
}

// A server that refuses at once: the controller is on, nothing ever syncs.
Profile unreachableServer()
{
    Profile profile = Profile::defaults(ProfileName::Development);
    QString error;
    profile.connection = *ConnectionConfig::parse(u"host=127.0.0.1 port=1 dbname=todos user=alex connect_timeout=2"_s,
                                                  &error);
    return profile;
}

} // namespace

class SyncMarkTest : public QObject
{
    Q_OBJECT

    // A todo added with quick add, as a person would: it waits to be synced.
    static QModelIndex addTodo(WindowHarness &h, const QString &title)
    {
        QLineEdit *input = h.window->quickAddBar()->input();
        input->setFocus();
        WindowHarness::typeText(input, title);
        QTest::keyClick(input, Qt::Key_Return);
        for (int row = 0; row < h.model()->rowCount(); ++row) {
            const QModelIndex index = h.model()->index(row, h.model()->titleColumn());
            if (index.data(TodoModel::TitleRole).toString() == title)
                return index;
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase() { WindowHarness::initTestEnvironment(); }
    void init() { WindowHarness::clearSettings(); }

    void noMarkWhileSyncIsOff()
    {
        WindowHarness h;
        QVERIFY(h.open());
        const QModelIndex index = addTodo(h, u"Buy milk"_s);
        QVERIFY(index.isValid());
        QVERIFY(index.data(TodoModel::PendingRole).toBool());
        QVERIFY(!tooltipsAcross(h.list(), index).contains(kUnsynced));

        // A controller without a server is sync switched off, too.
        SyncController off(h.data.database.get(), Profile::defaults(ProfileName::Development));
        h.window->setSyncController(&off);
        QVERIFY(!tooltipsAcross(h.list(), index).contains(kUnsynced));
        h.window->setSyncController(nullptr);
    }

    void markWithTooltipWhileSyncIsOn()
    {
        WindowHarness h;
        QVERIFY(h.open());
        SyncController on(h.data.database.get(), unreachableServer());
        h.window->setSyncController(&on);
        const QModelIndex index = addTodo(h, u"Buy milk"_s);
        QVERIFY(index.isValid());
        QVERIFY(index.data(TodoModel::PendingRole).toBool());
        QVERIFY(tooltipsAcross(h.list(), index).contains(kUnsynced));

        // Sync switched off again (settings saved without a server): the mark goes.
        h.window->setSyncController(nullptr);
        QVERIFY(!tooltipsAcross(h.list(), index).contains(kUnsynced));
    }
};

QTEST_MAIN(SyncMarkTest)
#include "syncmarktest.moc"
