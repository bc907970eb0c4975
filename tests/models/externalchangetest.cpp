#include "store/externalchangewatcher.h"
#include "store/localdatabase.h"
#include "store/sqlhelpers.h"
#include "store/todostore.h"

#include <QObject>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

constexpr int kWithinMs = 1000; // what the window promises: another process's edit shows within a second

QList<CacheChange> changesOf(const QSignalSpy &spy, CacheChange::Origin origin)
{
    QList<CacheChange> found;
    for (const QList<QVariant> &arguments : spy) {
        const auto change = arguments.at(0).value<CacheChange>();
        if (change.origin == origin)
            found << change;
    }
    return found;
}

bool announcedExternally(const QSignalSpy &spy, const QString &todoId)
{
    const QList<CacheChange> external = changesOf(spy, CacheChange::Origin::External);
    return std::any_of(external.cbegin(), external.cend(),
                       [&todoId](const CacheChange &change) { return change.todoIds.contains(todoId); });
}

// The window and tandem-cli on one file, as two LocalDatabases.
struct WindowAndCli
{
    explicit WindowAndCli(const QString &path)
        : windowOpened(window.open(path).ok())
        , cliOpened(cli.open(path, LocalDatabase::Role::Guest).ok())
    {
    }
    bool ok() const { return windowOpened && cliOpened; }

    LocalDatabase window;
    LocalDatabase cli;
    bool windowOpened;
    bool cliOpened;
    TodoStore windowStore{&window};
    TodoStore cliStore{&cli};
    QSignalSpy heard{&window, &LocalDatabase::changed};
};

} // namespace

// Two LocalDatabases on one file, each with connections of its own, stand
// for two processes: the window (the owner) and tandem-cli (a guest). What
// one commits is announced on the other with origin External, within a
// second; what the window commits itself, or through a connection of its
// process such as the sync engine's, is not announced again.
class ExternalChangeTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void guestsOpenBesideTheOwner();
    void anotherWritersEditIsAnnouncedWithinASecond();
    void ownCommitsAreNotAnnouncedAgain();
    void aGuestThatOnlyReadsIsNotAnnounced();
    void manyWritesFromAnotherWriterAllArrive();

private:
    QTemporaryDir m_dir;
};

void ExternalChangeTest::guestsOpenBesideTheOwner()
{
    const QString path = m_dir.filePath(u"guests.db"_s);
    LocalDatabase window;
    QVERIFY(window.open(path).ok());
    LocalDatabase cli;
    const auto opened = cli.open(path, LocalDatabase::Role::Guest);
    QVERIFY2(opened.ok(), qPrintable(opened.detail));
    LocalDatabase otherCli;
    QVERIFY(otherCli.open(path, LocalDatabase::Role::Guest).ok());
    // A second owner would run a second sync engine on the same outbox.
    LocalDatabase secondWindow;
    QCOMPARE(secondWindow.open(path).status, LocalDatabase::OpenStatus::Locked);
}

void ExternalChangeTest::anotherWritersEditIsAnnouncedWithinASecond()
{
    WindowAndCli both(m_dir.filePath(u"announce.db"_s));
    QVERIFY(both.ok());
    const Todo added = both.cliStore.newTodo({}, u"Added elsewhere"_s);
    QVERIFY2(both.cliStore.apply({{}, {added}}), qPrintable(both.cliStore.lastError()));

    QTRY_VERIFY_WITH_TIMEOUT(announcedExternally(both.heard, added.id), kWithinMs);
    QCOMPARE(both.windowStore.todo(added.id)->title, u"Added elsewhere"_s);
    // External changes are this desktop's: they wait in the outbox and are pushed.
    QVERIFY(changesOf(both.heard, CacheChange::Origin::External).constFirst().isLocal());

    // An edit of an existing todo is told too.
    Todo edited = *both.cliStore.todo(added.id);
    edited.title = u"Edited elsewhere"_s;
    both.heard.clear();
    QVERIFY(both.cliStore.apply({{}, {edited}}));
    QTRY_VERIFY_WITH_TIMEOUT(announcedExternally(both.heard, added.id), kWithinMs);
    QCOMPARE(both.windowStore.todo(added.id)->title, u"Edited elsewhere"_s);
}

void ExternalChangeTest::ownCommitsAreNotAnnouncedAgain()
{
    const QString path = m_dir.filePath(u"own.db"_s);
    WindowAndCli both(path);
    QVERIFY(both.ok());
    const Todo todo = both.windowStore.newTodo({}, u"Mine"_s);
    QVERIFY(both.windowStore.apply({{}, {todo}}));
    // Written through another connection of this process, as the sync engine
    // writes a pull (and announces it itself, with origin Pull).
    {
        QString error;
        QSqlDatabase engine = LocalDatabase::openExtraConnection(path, u"engine-like"_s, &error);
        QVERIFY2(engine.isOpen(), qPrintable(error));
        Sql::WriteTransaction transaction(engine);
        QVERIFY(transaction.isActive());
        QVERIFY(Sql::exec(engine, u"UPDATE todos SET title = 'Pulled' WHERE id = ?"_s, {todo.id}));
        QVERIFY(transaction.commit());
        engine.close();
    }
    QSqlDatabase::removeDatabase(u"engine-like"_s);
    QTest::qWait(3 * ExternalChangeWatcher::kIntervalMs);
    QCOMPARE(changesOf(both.heard, CacheChange::Origin::External).size(), 0);
    QCOMPARE(changesOf(both.heard, CacheChange::Origin::LocalEdit).size(), 1);

    // And after them, another process's edit is still told, once.
    const Todo theirs = both.cliStore.newTodo({}, u"Theirs"_s);
    QVERIFY(both.cliStore.apply({{}, {theirs}}));
    QTRY_VERIFY_WITH_TIMEOUT(announcedExternally(both.heard, theirs.id), kWithinMs);
    QTest::qWait(3 * ExternalChangeWatcher::kIntervalMs);
    const QList<CacheChange> external = changesOf(both.heard, CacheChange::Origin::External);
    QCOMPARE(external.size(), 1);
    QVERIFY(!external.constFirst().todoIds.contains(todo.id));
}

void ExternalChangeTest::aGuestThatOnlyReadsIsNotAnnounced()
{
    // tandem-cli list: its opening checks the file in a write transaction
    // that changes nothing, and the window has nothing to re-read.
    const QString path = m_dir.filePath(u"reads.db"_s);
    LocalDatabase window;
    QVERIFY(window.open(path).ok());
    QSignalSpy heard(&window, &LocalDatabase::changed);
    for (int i = 0; i < 3; ++i) {
        LocalDatabase cli;
        QVERIFY(cli.open(path, LocalDatabase::Role::Guest).ok());
        TodoStore cliStore(&cli);
        QCOMPARE(cliStore.lists().size(), 1); // the Inbox
    }
    QTest::qWait(3 * ExternalChangeWatcher::kIntervalMs);
    QCOMPARE(heard.size(), 0);
}

void ExternalChangeTest::manyWritesFromAnotherWriterAllArrive()
{
    // Commits on both sides, interleaved: every one of the other side's
    // todos is announced; this side's are told once each, as its edits.
    WindowAndCli both(m_dir.filePath(u"many.db"_s));
    QVERIFY(both.ok());
    QStringList theirs;
    for (int i = 0; i < 20; ++i) {
        const Todo other = both.cliStore.newTodo({}, u"Theirs %1"_s.arg(i));
        QVERIFY(both.cliStore.apply({{}, {other}}));
        theirs << other.id;
        const Todo own = both.windowStore.newTodo({}, u"Mine %1"_s.arg(i));
        QVERIFY(both.windowStore.apply({{}, {own}}));
        QTest::qWait(i * 7 % 50);
    }
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(theirs.cbegin(), theirs.cend(),
                                         [&both](const QString &id) { return announcedExternally(both.heard, id); }),
                             kWithinMs);
    QCOMPARE(changesOf(both.heard, CacheChange::Origin::LocalEdit).size(), 20);
    QVERIFY(changesOf(both.heard, CacheChange::Origin::External).size() <= 20);
}

QTEST_GUILESS_MAIN(ExternalChangeTest)
#include "externalchangetest.moc"
