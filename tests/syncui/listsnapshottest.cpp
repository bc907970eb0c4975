#include "itemmodels/todomodel.h"
#include "scratchdatabase.h"
#include "storefixture.h"
#include "sync/synccontroller.h"
#include "syncsnapshot.h"
#include "testprofile.h"
#include "widgets/mainwindow.h"
#include "widgets/todolistview.h"

#include <QApplication>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

// A list longer than the todo model fetches at once keeps a statement open
// on its connection. While the sync engine writes through its own (pushes
// acknowledged, pulls applied), the window must still see what was pulled
// and still save what the person does. The real topology: the engine on its
// own thread and connection, the window writing through its store.
class ListSnapshotTest : public QObject
{
    Q_OBJECT

private:
    static constexpr int kLongList = 600; // more than the 256 rows fetched at once

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QLocale::setDefault(QLocale::c());
        QApplication::setQuitOnLastWindowClosed(false);
        QSettings().clear();
    }

    void shouldSeeWhatWasPulledAndSaveAfterItWithALongListShown()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server);
        QVERIFY(SyncSnapshot::migrate(cloud));

        // The laptop has written a todo to the cloud.
        StoreFixture laptop;
        const Todo fromLaptop = laptop.addTodo(u"Written on the laptop"_s);
        {
            SyncController controller(laptop.database.get(), testProfile(cloud.connectionString()));
            QTRY_COMPARE_WITH_TIMEOUT(laptop.store->pendingChangeCount(), 0, 15000);
        }

        // The desktop shows a long list, then its sync starts.
        StoreFixture desktop;
        Changeset many;
        for (int n = 0; n < kLongList; ++n) {
            Todo todo = desktop.store->newTodo({}, u"Desktop todo %1"_s.arg(n));
            todo.position = n;
            many.todos << todo;
        }
        QVERIFY(desktop.store->apply(many));
        MainWindow window(desktop.database.get(), desktop.store.get());
        window.selectFilter(TodoFilter::smart(TodoFilter::Kind::All));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.todoModel()->canFetchMore());
        QSignalSpy failed(desktop.store.get(), &TodoStore::writeFailed);
        SyncController controller(desktop.database.get(), testProfile(cloud.connectionString()));
        window.setSyncController(&controller);
        QTRY_VERIFY_WITH_TIMEOUT(desktop.store->todo(fromLaptop.id).has_value(), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(desktop.store->pendingChangeCount(), 0, 20000);

        // The list shows what was pulled...
        QTRY_VERIFY_WITH_TIMEOUT(window.todoModel()->rowOfId(fromLaptop.id) >= 0, 5000);

        // ...and what the person does now is saved.
        const QString first = window.todoModel()->idAt(0);
        QVERIFY(window.todoList()->selectId(first));
        window.todoList()->setFocus();
        QTest::keyClick(window.todoList(), Qt::Key_Space);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.at(0).at(0).toString()));
        QVERIFY(desktop.store->todo(first)->completed);
    }
};

QTEST_MAIN(ListSnapshotTest)
#include "listsnapshottest.moc"
