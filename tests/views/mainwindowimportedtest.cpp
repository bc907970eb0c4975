#include "windowharness.h"

#include "migrationreport.h"
#include "sync/syncstate.h"
#include "widgets/sidebarview.h"
#include "wizard/migrationwizard.h"

#include <QStatusBar>

using namespace Qt::StringLiterals;

// "Open the Imported List" at the end of the import wizard: the window finds
// the list the import wrote by the id the import reports, whatever the list
// is called now. The wizard's run is not repeated here (migrationwizardtest
// drives it against a server): its result is set as the run sets it.
class MainWindowImportedTest : public QObject
{
    Q_OBJECT

private:
    // Opens the wizard from the window and finishes it with a run that
    // imported into listId, as the migrate page does.
    static MigrationWizard *finishImport(WindowHarness &h, const QString &listId)
    {
        h.window->showMigrationWizard();
        auto *wizard = h.window->findChild<MigrationWizard *>();
        if (!wizard)
            return nullptr;
        MigrationReport report;
        report.status = u"validated"_s;
        report.importedListId = QUuid::fromString(listId);
        wizard->setResult(report);
        Q_EMIT wizard->migrationFinished();
        return wizard;
    }

private Q_SLOTS:
    void initTestCase() { WindowHarness::initTestEnvironment(); }
    void init() { WindowHarness::clearSettings(); }

    void shouldOpenTheImportedListByItsId_data()
    {
        QTest::addColumn<QString>("decoyName");
        QTest::addColumn<QString>("importedName");
        QTest::addColumn<bool>("decoyFirst");

        QTest::newRow("renamed, another list called Imported") << u"Imported"_s << u"Old todos"_s << false;
        QTest::newRow("two lists called Imported, the other one first") << u"Imported"_s << u"Imported"_s << true;
        QTest::newRow("renamed, another list called imported") << u"imported"_s << u"Importiert"_s << true;
    }

    void shouldOpenTheImportedListByItsId()
    {
        QFETCH(QString, decoyName);
        QFETCH(QString, importedName);
        QFETCH(bool, decoyFirst);

        WindowHarness h;
        TodoList decoy;
        if (decoyFirst)
            decoy = h.addList(decoyName);
        const TodoList imported = h.addList(importedName);
        if (!decoyFirst)
            decoy = h.addList(decoyName);
        QVERIFY(h.open());

        MigrationWizard *wizard = finishImport(h, imported.id);
        QVERIFY(wizard);
        Q_EMIT wizard->openImportedListRequested();

        QCOMPARE(h.sidebar()->currentFilter(), std::optional(TodoFilter::list(imported.id)));
        QCOMPARE(h.window->statusBar()->currentMessage(), QString());
    }

    void shouldRecordTheImportedListForLaterSyncs()
    {
        WindowHarness h;
        const TodoList imported = h.addList(u"Old todos"_s);
        QVERIFY(h.open());
        QVERIFY(finishImport(h, imported.id));

        QCOMPARE(SyncState(h.data.database->database()).importedListId(), imported.id);
    }

    // The pull has not brought the list yet: the window says so and does
    // not open a list of that name instead.
    void shouldNotOpenAListByNameBeforeThePull()
    {
        WindowHarness h;
        h.addList(u"Imported"_s);
        QVERIFY(h.open());
        const std::optional<TodoFilter> before = h.sidebar()->currentFilter();

        MigrationWizard *wizard = finishImport(h, QUuid::createUuid().toString(QUuid::WithoutBraces));
        QVERIFY(wizard);
        Q_EMIT wizard->openImportedListRequested();

        QCOMPARE(h.sidebar()->currentFilter(), before);
        QVERIFY(!h.window->statusBar()->currentMessage().isEmpty());
    }

    // Asked for before the pull, the list opens when the pull brings it.
    void shouldOpenTheImportedListWhenThePullBringsIt()
    {
        WindowHarness h;
        QVERIFY(h.open());
        TodoList imported = h.store()->newList(u"Imported"_s);
        MigrationWizard *wizard = finishImport(h, imported.id);
        QVERIFY(wizard);
        Q_EMIT wizard->openImportedListRequested();
        QVERIFY(h.sidebar()->currentFilter() != std::optional(TodoFilter::list(imported.id)));

        imported.name = u"Old todos"_s; // renamed on another computer meanwhile
        QVERIFY(h.store()->apply({{imported}, {}})); // as the pull writes it
        QCOMPARE(h.sidebar()->currentFilter(), std::optional(TodoFilter::list(imported.id)));

        // Only once: a later change to the lists leaves the selection alone.
        QVERIFY(h.clickSidebar(TodoFilter::list(h.store()->inboxId())));
        h.addList(u"Errands"_s);
        QCOMPARE(h.sidebar()->currentFilter(), std::optional(TodoFilter::list(h.store()->inboxId())));
    }
};

QTEST_MAIN(MainWindowImportedTest)
#include "mainwindowimportedtest.moc"
