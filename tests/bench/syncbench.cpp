#include "syncbench.h"

#include "cloud/pgconnection.h"
#include "scratchdatabase.h"
#include "store/localdatabase.h"
#include "store/sqlhelpers.h"
#include "store/todostore.h"
#include "sync/synccontroller.h"
#include "sync/syncsession.h"
#include "tcpproxy.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kNsPerMs = 1'000'000;
constexpr int kOneWayLatencyMs = 12; // plus the loopback itself: about 25 ms per round trip
constexpr int kListenTargetMs = 250;
constexpr int kListenWaitMs = 10'000;

std::optional<TestPostgres::Server> server()
{
    TestPostgres::Server found;
    if (!TestPostgres::unavailableReason(&found).isEmpty())
        return std::nullopt;
    return found;
}

// One desktop: a cache in a temporary folder and a session as the admin role.
struct Desktop
{
    QTemporaryDir dir;
    LocalDatabase database;
    std::unique_ptr<TodoStore> store;
    std::unique_ptr<SyncSession> session;

    bool open(const QString &connectionString, QString *error)
    {
        const auto opened = database.open(dir.filePath(u"tandem.db"_s));
        if (!opened.ok()) {
            *error = opened.detail;
            return false;
        }
        store = std::make_unique<TodoStore>(&database);
        const auto config = ConnectionConfig::parse(connectionString, error);
        if (!config)
            return false;
        session = std::make_unique<SyncSession>(database.database(), *config);
        return true;
    }
    ~Desktop()
    {
        session.reset();
        store.reset();
    }
};

QString rate(double perSecond)
{
    return QLocale::c().toString(perSecond, 'f', 0);
}

} // namespace

SyncBench::SyncBench(const Config &config)
    : m_config(config)
{
}

bool SyncBench::run(QList<Measurement> *measurements, QStringList *details, QString *error)
{
    if (!server()) {
        for (const char *name : {"First sync into an empty cache", "Push through a 25 ms link", "Change seen over LISTEN (p95)"})
            measurements->append(Measurement::info(QString::fromLatin1(name), u"not measured: no PostgreSQL (run ./dev bench)"_s));
        return true;
    }
    return firstSync(measurements, details, error) && pushThroughSlowLink(measurements, details, error)
        && listenLatency(measurements, details, error) && crudComparison(details, error);
}

bool SyncBench::firstSync(QList<Measurement> *measurements, QStringList *details, QString *error)
{
    const auto pg = server();
    ScratchDatabase cloud(*pg);
    Desktop seed;
    if (!cloud.isValid() || !seed.open(cloud.connectionString(), error))
        return false;
    // The schema, the Inbox and one list, then the rows straight in SQL: preparing is not measured.
    if (!seed.session->sync().ok()) {
        *error = u"cannot set up the cloud"_s;
        return false;
    }
    const QString fill = u"INSERT INTO tandem.todos (list_id, title, notes, priority, position, due_at, completed)"
                         " SELECT (SELECT id FROM tandem.lists WHERE is_inbox), 'Cloud todo ' || g,"
                         " CASE WHEN g % 3 = 0 THEN 'Some notes for ' || g ELSE '' END, g % 4, g,"
                         " CASE WHEN g % 5 = 0 THEN now() + (g % 90 - 45) * interval '1 day' END, g % 5 = 1"
                         " FROM generate_series(1, %1) g"_s.arg(m_config.cloudRows);
    if (!cloud.adminExec(fill)) {
        *error = u"cannot fill the cloud"_s;
        return false;
    }
    Desktop fresh;
    if (!fresh.open(cloud.connectionString(), error))
        return false;
    QElapsedTimer timer;
    timer.start();
    const SyncResult result = fresh.session->sync();
    const qint64 ns = timer.nsecsElapsed();
    if (!result.ok()) {
        *error = result.message;
        return false;
    }
    const double perSecond = double(result.pulledRows) / (double(ns) / 1e9);
    Measurement row = Measurement::info(u"First sync of %1 todos into an empty cache"_s.arg(m_config.cloudRows),
                                        u"%1 rows/s (%2 s)"_s.arg(rate(perSecond)).arg(double(ns) / 1e9, 0, 'f', 2));
    row.target = u"≥ 50,000 rows/s"_s;
    row.verdict = perSecond >= 50'000 ? Measurement::Verdict::Pass : Measurement::Verdict::Fail;
    measurements->append(row);
    details->append(u"- First sync: %1 rows pulled and written in %2 ms over loopback, %3 round trips"
                    " (connect and schema check included)."_s.arg(result.pulledRows).arg(ns / kNsPerMs).arg(result.roundTrips));
    return true;
}

bool SyncBench::pushThroughSlowLink(QList<Measurement> *measurements, QStringList *details, QString *error)
{
    const auto pg = server();
    ScratchDatabase cloud(*pg);
    TcpProxy proxy(pg->host, quint16(pg->port));
    const QString viaProxy = u"host=127.0.0.1 port=%1 dbname=%2 user=%3 password=%4"_s.arg(
        QString::number(proxy.port()), cloud.name(), pg->user, pg->password);
    Desktop desktop;
    if (!cloud.isValid() || !desktop.open(viaProxy, error))
        return false;
    Changeset todos;
    for (int i = 0; i < m_config.pushedEdits; ++i) {
        Todo todo = desktop.store->newTodo({}, u"Edit me %1"_s.arg(i));
        todo.position = i;
        todos.todos << todo;
    }
    if (!desktop.store->apply(todos) || !desktop.session->sync().ok()) {
        *error = u"cannot prepare the todos to edit"_s;
        return false;
    }
    // The edits: one per todo, each its own outbox entry.
    for (Todo &todo : todos.todos)
        todo.title += u" (edited)"_s;
    for (const Todo &todo : std::as_const(todos.todos)) {
        if (!desktop.store->apply({{}, {todo}})) {
            *error = desktop.store->lastError();
            return false;
        }
    }
    proxy.setLatencyMs(kOneWayLatencyMs);
    SyncResult connected;
    if (!desktop.session->connectToServer(&connected)) {
        *error = connected.message;
        return false;
    }
    const qint64 before = proxy.roundTrips();
    QElapsedTimer timer;
    timer.start();
    const SyncResult pushed = desktop.session->push();
    const qint64 ns = timer.nsecsElapsed();
    const qint64 trips = proxy.roundTrips() - before;
    if (!pushed.ok() || pushed.pushedChanges != m_config.pushedEdits) {
        *error = u"push failed: %1 (%2 changes)"_s.arg(pushed.message).arg(pushed.pushedChanges);
        return false;
    }
    Measurement row = Measurement::info(u"Push %1 edits through a 25 ms-RTT proxy"_s.arg(m_config.pushedEdits),
                                        u"%1 round trips, %2 s"_s.arg(trips).arg(double(ns) / 1e9, 0, 'f', 2));
    row.target = u"≤ 20 round trips"_s;
    row.verdict = trips <= 20 ? Measurement::Verdict::Pass : Measurement::Verdict::Fail;
    measurements->append(row);
    details->append(u"- Push: %1 outbox entries in batches of %2, each one pipelined transaction;"
                    " %3 client turns counted by the proxy (one-way delay %4 ms each way)."_s
                        .arg(m_config.pushedEdits)
                        .arg(SyncOptions{}.pushBatchChanges)
                        .arg(trips)
                        .arg(kOneWayLatencyMs));
    return true;
}

bool SyncBench::listenLatency(QList<Measurement> *measurements, QStringList *details, QString *error)
{
    const auto pg = server();
    ScratchDatabase cloud(*pg);
    Desktop a;
    if (!cloud.isValid() || !a.open(cloud.connectionString(), error))
        return false;
    const Todo todo = [&a] {
        Todo t = a.store->newTodo({}, u"Shared"_s);
        a.store->apply({{}, {t}});
        return t;
    }();
    if (!a.session->sync().ok()) {
        *error = u"desktop A cannot sync"_s;
        return false;
    }

    QTemporaryDir dirB;
    LocalDatabase databaseB;
    if (!databaseB.open(dirB.filePath(u"tandem.db"_s)).ok()) {
        *error = u"desktop B cannot open its cache"_s;
        return false;
    }
    Profile profile = Profile::defaults(ProfileName::Development);
    profile.connection = *ConnectionConfig::parse(cloud.connectionString(), error);
    profile.syncIntervalSeconds = 3600; // only LISTEN can bring the changes in time
    profile.idleDisconnectSeconds = 0;
    SyncController b(&databaseB, profile);
    TodoStore storeB(&databaseB);

    auto waitFor = [&](const QString &title) {
        QEventLoop loop;
        QTimer deadline;
        deadline.setSingleShot(true);
        QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
        QObject::connect(&databaseB, &LocalDatabase::changed, &loop, [&] {
            const auto seen = storeB.todo(todo.id);
            if (seen && seen->title == title)
                loop.quit();
        });
        deadline.start(kListenWaitMs);
        const auto seen = storeB.todo(todo.id);
        if (!(seen && seen->title == title))
            loop.exec();
        return deadline.isActive();
    };
    if (!waitFor(u"Shared"_s)) {
        *error = u"desktop B did not start syncing"_s;
        return false;
    }
    QTest::qWait(500); // B has its LISTEN connection up after the first sync

    Samples samples;
    for (int i = 0; i < m_config.listenSamples; ++i) {
        Todo edited = *a.store->todo(todo.id);
        edited.title = u"Shared, version %1"_s.arg(i);
        a.store->apply({{}, {edited}});
        QElapsedTimer timer;
        timer.start();
        if (!a.session->push().ok() || !waitFor(edited.title)) {
            *error = u"desktop B did not see change %1 within %2 ms"_s.arg(i).arg(kListenWaitMs);
            return false;
        }
        samples.add(timer.nsecsElapsed());
    }
    measurements->append(Measurement::fromSamples(u"A change on desktop A until desktop B sees it (LISTEN)"_s, samples,
                                                  Target{Target::Stat::P95, kListenTargetMs * kNsPerMs}));
    details->append(u"- LISTEN: from desktop A's edit being pushed until desktop B's cache holds it, %1 samples;"
                    " B's poll interval was an hour, so only the notification could bring them."_s
                        .arg(m_config.listenSamples));
    return true;
}

bool SyncBench::crudComparison(QStringList *details, QString *error)
{
    const auto pg = server();
    ScratchDatabase cloud(*pg);
    Desktop local;
    if (!cloud.isValid() || !local.open(cloud.connectionString(), error) || !local.session->sync().ok()) {
        *error = u"cannot prepare the CRUD comparison"_s;
        return false;
    }
    const int n = m_config.crudOperations;
    auto perSecond = [n](qint64 ns) { return rate(double(n) / (double(ns) / 1e9)); };
    QElapsedTimer timer;

    // SQLite, through the store: each operation one transaction with its outbox entry.
    QList<Todo> todos;
    timer.start();
    for (int i = 0; i < n; ++i) {
        Todo todo = local.store->newTodo({}, u"Local %1"_s.arg(i));
        local.store->apply({{}, {todo}});
        todos << todo;
    }
    const qint64 sqliteCreate = timer.nsecsElapsed();
    timer.restart();
    for (const Todo &todo : std::as_const(todos))
        local.store->todo(todo.id);
    const qint64 sqliteRead = timer.nsecsElapsed();
    timer.restart();
    for (Todo &todo : todos) {
        todo.title += u'!';
        local.store->apply({{}, {todo}});
    }
    const qint64 sqliteUpdate = timer.nsecsElapsed();
    timer.restart();
    for (Todo &todo : todos) {
        todo.deletedAt = Timestamp::now();
        local.store->apply({{}, {todo}});
    }
    const qint64 sqliteDelete = timer.nsecsElapsed();

    // PostgreSQL on loopback, one statement (and so one transaction) per operation.
    PgConnection &pgc = *local.session->connection();
    const QString inbox = pgc.exec(u"SELECT id::text FROM tandem.lists WHERE is_inbox LIMIT 1"_s).text(0, 0);
    QStringList ids;
    for (int i = 0; i < n; ++i)
        ids << QUuid::createUuid().toString(QUuid::WithoutBraces);
    timer.restart();
    for (int i = 0; i < n; ++i)
        pgc.run(u"INSERT INTO tandem.todos (id, list_id, title) VALUES ($1, $2, $3)"_s, {ids[i], inbox, u"Cloud %1"_s.arg(i)});
    const qint64 pgCreate = timer.nsecsElapsed();
    timer.restart();
    for (const QString &id : std::as_const(ids))
        pgc.exec(u"SELECT title, notes, completed, due_at FROM tandem.todos WHERE id = $1"_s, {id});
    const qint64 pgRead = timer.nsecsElapsed();
    timer.restart();
    for (const QString &id : std::as_const(ids))
        pgc.run(u"UPDATE tandem.todos SET title = title || '!' WHERE id = $1"_s, {id});
    const qint64 pgUpdate = timer.nsecsElapsed();
    timer.restart();
    for (const QString &id : std::as_const(ids))
        pgc.run(u"DELETE FROM tandem.todos WHERE id = $1"_s, {id});
    const qint64 pgDelete = timer.nsecsElapsed();

    details->append(u"\n### SQLite against PostgreSQL (operations per second, %1 each, one transaction each)\n"_s.arg(n));
    details->append(u"| operation | SQLite (local cache, with outbox) | PostgreSQL 15 (loopback) |"_s);
    details->append(u"|---|---:|---:|"_s);
    details->append(u"| create | %1 | %2 |"_s.arg(perSecond(sqliteCreate), perSecond(pgCreate)));
    details->append(u"| read | %1 | %2 |"_s.arg(perSecond(sqliteRead), perSecond(pgRead)));
    details->append(u"| update | %1 | %2 |"_s.arg(perSecond(sqliteUpdate), perSecond(pgUpdate)));
    details->append(u"| delete (tombstone) | %1 | %2 |"_s.arg(perSecond(sqliteDelete), perSecond(pgDelete)));
    return true;
}
