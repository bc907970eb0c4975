#include "migrationbench.h"

#include "legacyfixture.h"
#include "scratchdatabase.h"
#include "tcpproxy.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUuid>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

// Plus the loopback itself: about 25 ms per round trip, as in SyncBench.
constexpr int kOneWayLatencyMs = 12;
constexpr double kTargetRatio = 1.0;
constexpr qint64 kTargetPeakMiB = 100;
constexpr int kRowsPerAllowedRoundTrip = 5000;
constexpr int kBaseAllowedRoundTrips = 50;
// A hung tool ends as a FAIL row rather than a bench that never finishes.
constexpr qint64 kRunTimeoutMs = 5 * 60 * 1000;
constexpr qint64 kKiBPerMiB = 1024;
const QString kRatioRowName = u"Migration: tandem-migrate time ÷ pgloader time"_s;
const QString kMemoryRowName = u"Migration: tandem-migrate peak memory (max RSS)"_s;

QString seconds(qint64 ns)
{
    return u"%1 s"_s.arg(double(ns) / 1e9, 0, 'f', 2);
}

QString mebibytes(qint64 kib)
{
    return u"%1 MB"_s.arg(kib / kKiBPerMiB);
}

// The environment both tools run in: the person's own, without anything
// that could point them at another database or profile (libpq's PG*
// variables, DATABASE_URL, TANDEM_*), and with tandem-migrate's profile
// folder in the work folder.
QProcessEnvironment toolEnvironment(const QString &configDir)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &key : env.keys()) {
        if (key.startsWith(u"PG"_s) || key.startsWith(u"TANDEM_"_s) || key == u"DATABASE_URL"_s)
            env.remove(key);
    }
    env.insert(u"XDG_CONFIG_HOME"_s, configDir);
    return env;
}

qint64 countIn(const ScratchDatabase &cloud, const QString &sql)
{
    const QString name = u"migration-bench-"_s + QUuid::createUuid().toString(QUuid::Id128);
    qint64 count = -1;
    {
        QSqlDatabase db = cloud.connection(name);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(sql) && query.next())
                count = query.value(0).toLongLong();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return count;
}

// The check after each run: the tool exited with 0 and every todo arrived.
QString problemOf(const ChildProcess::Result &process, qint64 cloudTodos, int expectedTodos,
    const QString &stdoutPath, const QString &stderrPath)
{
    if (!process.exitedWith(0)) {
        // pgloader logs to stdout, tandem-migrate to stderr: whichever said something.
        QString said = ChildProcess::reasonIn(stderrPath);
        if (said.isEmpty())
            said = ChildProcess::reasonIn(stdoutPath);
        return said.isEmpty() ? process.describe() : u"%1: %2"_s.arg(process.describe(), said);
    }
    if (cloudTodos != expectedTodos)
        return u"the cloud holds %1 todos, the file %2"_s.arg(cloudTodos).arg(expectedTodos);
    return {};
}

// "median 2.61 s (2.58 · 2.61 · 2.70 s)" over the runs that succeeded.
QString timesText(const Samples &samples)
{
    QStringList each;
    for (qint64 ns : samples.values())
        each << QString::number(double(ns) / 1e9, 'f', 2);
    return u"median %1 (%2 s)"_s.arg(seconds(samples.median()), each.join(u" · "_s));
}

QString roundTripRowName(int rows)
{
    return u"Migrate %1 legacy todos through a 25 ms-RTT proxy"_s.arg(rows);
}

// A run's folder holds a copy of the file (and tandem-migrate's backup of it):
// gone once the run succeeded, kept for a look when it failed.
void removeIfFine(const QString &dir, bool ok)
{
    if (ok)
        QDir(dir).removeRecursively();
}

} // namespace

MigrationBench::MigrationBench(const Config &config, const QString &workDir)
    : m_config(config)
    , m_workDir(workDir)
{ }

bool MigrationBench::run(QList<Measurement> *measurements, QStringList *details, QString *error)
{
    // The steps below tell a setup failure by a non-empty *error.
    error->clear();
    TestPostgres::Server pg;
    if (!TestPostgres::unavailableReason(&pg).isEmpty()) {
        for (const QString &name :
            {kRatioRowName, kMemoryRowName, roundTripRowName(m_config.roundTripRows)})
            measurements->append(
                Measurement::info(name, u"not measured: no PostgreSQL (run ./dev bench)"_s));
        return true;
    }
    if (!QFileInfo(m_config.tandemMigrate).isExecutable()) {
        *error = u"tandem-migrate is not built: %1"_s.arg(m_config.tandemMigrate);
        return false;
    }
    if (!againstPgloader(pg, measurements, details, error))
        return false;
    if (m_tandemMigrateFailed) {
        measurements->append(Measurement {roundTripRowName(m_config.roundTripRows), u"—"_s,
            u"not measured: tandem-migrate failed above"_s, Measurement::Verdict::Fail});
        return true;
    }
    return roundTrips(pg, measurements, details, error);
}

bool MigrationBench::againstPgloader(const TestPostgres::Server &pg,
    QList<Measurement> *measurements, QStringList *details, QString *error)
{
    const int rows = m_config.rows;
    qint64 generatedMs = 0;
    const QString legacy = LegacyFixture::file(rows, &generatedMs, error);
    if (legacy.isEmpty())
        return false;
    const QString pgloader = QStandardPaths::findExecutable(u"pgloader"_s);

    // Interleaved, so both see the same machine: a build starting in the
    // middle slows one run of each rather than all runs of one.
    Samples pgloaderTimes;
    Samples ourTimes;
    qint64 pgloaderPeakKiB = 0;
    qint64 ourPeakKiB = 0;
    QStringList pgloaderProblems;
    QStringList ourProblems;
    if (pgloader.isEmpty())
        pgloaderProblems << u"pgloader is not installed (./dev deps installs it)"_s;
    // A tool that failed once is not run again: the failure is in the table
    // either way, and a hang would cost its timeout every time.
    for (int i = 0; i < m_config.runs; ++i) {
        if (!pgloader.isEmpty() && pgloaderProblems.isEmpty()) {
            ScratchDatabase cloud(pg);
            if (!cloud.isValid()) {
                *error = u"cannot create a scratch database"_s;
                return false;
            }
            const ToolRun theirs = runPgloader(legacy, cloud, rows, error);
            if (!error->isEmpty())
                return false;
            if (theirs.ok()) {
                pgloaderTimes.add(theirs.process.wallNs);
                pgloaderPeakKiB = std::max(pgloaderPeakKiB, theirs.process.maxRssKiB);
            } else {
                pgloaderProblems << theirs.problem;
            }
        }
        if (!ourProblems.isEmpty())
            continue;
        ScratchDatabase cloud(pg);
        if (!cloud.isValid()) {
            *error = u"cannot create a scratch database"_s;
            return false;
        }
        const ToolRun ours
            = runTandemMigrate(legacy, cloud, pg.host, pg.port, rows, kRunTimeoutMs, error);
        if (!error->isEmpty())
            return false;
        if (ours.ok()) {
            ourTimes.add(ours.process.wallNs);
            ourPeakKiB = std::max(ourPeakKiB, ours.process.maxRssKiB);
        } else {
            ourProblems << ours.problem;
        }
    }

    auto toolRow = [&](const QString &tool, const Samples &times, qint64 peakKiB,
                       const QStringList &problems) {
        Measurement row
            = Measurement::info(u"Migrate %1 legacy todos: %2"_s.arg(rows).arg(tool), {});
        if (!problems.isEmpty()) {
            row.result = u"failed: %1"_s.arg(problems.first().left(160));
            row.target = u"exit code 0, all todos"_s;
            row.verdict = Measurement::Verdict::Fail;
        } else {
            row.result = u"%1, peak %2"_s.arg(timesText(times), mebibytes(peakKiB));
        }
        return row;
    };
    measurements->append(toolRow(u"pgloader"_s, pgloaderTimes, pgloaderPeakKiB, pgloaderProblems));
    measurements->append(toolRow(u"tandem-migrate"_s, ourTimes, ourPeakKiB, ourProblems));
    m_tandemMigrateFailed = !ourProblems.isEmpty();

    Measurement ratio = Measurement::info(kRatioRowName, {});
    ratio.target = u"≤ %1 (medians)"_s.arg(kTargetRatio, 0, 'f', 1);
    if (pgloaderProblems.isEmpty() && ourProblems.isEmpty()) {
        const double value = double(ourTimes.median()) / double(pgloaderTimes.median());
        ratio.result = u"%1 (%2 against %3)"_s.arg(value, 0, 'f', 2)
                           .arg(seconds(ourTimes.median()), seconds(pgloaderTimes.median()));
        ratio.verdict
            = value <= kTargetRatio ? Measurement::Verdict::Pass : Measurement::Verdict::Fail;
    } else {
        ratio.result = u"not comparable: a tool failed (see above)"_s;
        ratio.verdict = Measurement::Verdict::Fail;
    }
    measurements->append(ratio);

    Measurement memory = Measurement::info(kMemoryRowName, {});
    memory.target = u"≤ %1 MB (max of runs)"_s.arg(kTargetPeakMiB);
    if (ourProblems.isEmpty()) {
        memory.result = u"%1 (pgloader %2)"_s.arg(mebibytes(ourPeakKiB),
            pgloaderProblems.isEmpty() ? mebibytes(pgloaderPeakKiB) : u"failed"_s);
        memory.verdict = ourPeakKiB <= kTargetPeakMiB * kKiBPerMiB ? Measurement::Verdict::Pass
                                                                   : Measurement::Verdict::Fail;
    } else {
        memory.result = u"not measured: tandem-migrate failed"_s;
        memory.verdict = Measurement::Verdict::Fail;
    }
    measurements->append(memory);

    details->append(
        u"- Migration: a legacy v2 file with %1 todos (make_legacy_db.py --seed %2, %3 MB; %4)."
        " Each run copies it into a folder of its own and loads it into a new scratch database:"
        " `pgloader sqlite://… pgsql://…` (a plain load: tables, COPY, indexes) and"
        " `tandem-migrate FILE --to URL --yes` (backup, transfer, validation), taking turns,"
        " %5 × each; wall time and max RSS of each whole process."_s.arg(rows)
            .arg(LegacyFixture::kSeed)
            .arg(double(QFileInfo(legacy).size()) / double(kKiBPerMiB * kKiBPerMiB), 0, 'f', 1)
            .arg(generatedMs > 0
                    ? u"made in %1 s, then cached"_s.arg(double(generatedMs) / 1000, 0, 'f', 1)
                    : u"cached"_s)
            .arg(m_config.runs));
    for (const QString &problem : std::as_const(pgloaderProblems))
        details->append(u"  - pgloader failed: "_s + problem);
    for (const QString &problem : std::as_const(ourProblems))
        details->append(u"  - tandem-migrate failed: "_s + problem);
    return true;
}

bool MigrationBench::roundTrips(const TestPostgres::Server &pg, QList<Measurement> *measurements,
    QStringList *details, QString *error)
{
    const int rows = m_config.roundTripRows;
    qint64 generatedMs = 0;
    const QString legacy = LegacyFixture::file(rows, &generatedMs, error);
    if (legacy.isEmpty())
        return false;
    ScratchDatabase cloud(pg);
    if (!cloud.isValid()) {
        *error = u"cannot create a scratch database"_s;
        return false;
    }
    TcpProxy proxy(pg.host, quint16(pg.port));
    if (!proxy.isListening()) {
        *error = u"the proxy does not listen"_s;
        return false;
    }
    proxy.setLatencyMs(kOneWayLatencyMs);
    const qint64 before = proxy.roundTrips();
    const ToolRun ours
        = runTandemMigrate(legacy, cloud, proxy.host(), proxy.port(), rows, kRunTimeoutMs, error);
    if (!error->isEmpty())
        return false;
    const qint64 trips = proxy.roundTrips() - before;
    const qint64 allowed = rows / kRowsPerAllowedRoundTrip + kBaseAllowedRoundTrips;

    Measurement row = Measurement::info(roundTripRowName(rows), {});
    row.target = u"≤ %1 round trips (rows/%2 + %3)"_s.arg(allowed)
                     .arg(kRowsPerAllowedRoundTrip)
                     .arg(kBaseAllowedRoundTrips);
    if (ours.ok()) {
        row.result = u"%1 round trips, %2"_s.arg(trips).arg(seconds(ours.process.wallNs));
        row.verdict = trips <= allowed ? Measurement::Verdict::Pass : Measurement::Verdict::Fail;
    } else {
        row.result = u"failed after %1 round trips: %2"_s.arg(trips).arg(ours.problem.left(160));
        row.verdict = Measurement::Verdict::Fail;
    }
    measurements->append(row);
    details->append(
        u"- Migration round trips: the same kind of file with %1 todos, tandem-migrate connecting"
        " through the proxy (%2 ms each way); client turns counted on every connection it opens,"
        " backup and validation included."_s.arg(rows)
            .arg(kOneWayLatencyMs));
    return true;
}

MigrationBench::ToolRun MigrationBench::runTool(const QString &name, const QString &legacyFile,
    const ScratchDatabase &cloud, int expectedTodos, qint64 timeoutMs, const QString &countSql,
    const std::function<Command(const QString &dir, const QString &copy)> &command, QString *error)
{
    ToolRun run;
    const QString dir = runDir(name, error);
    if (dir.isEmpty())
        return run;
    const QString copy = LegacyFixture::copyInto(legacyFile, dir, error);
    if (copy.isEmpty())
        return run;
    const QString out = QDir(dir).filePath(u"stdout.txt"_s);
    const QString err = QDir(dir).filePath(u"stderr.txt"_s);
    const Command c = command(dir, copy);
    run.process = ChildProcess::run(c.program, c.arguments,
        toolEnvironment(QDir(dir).filePath(u"config"_s)), out, err, timeoutMs);
    if (run.process.exitedWith(0))
        run.cloudTodos = countIn(cloud, countSql);
    run.problem = problemOf(run.process, run.cloudTodos, expectedTodos, out, err);
    if (!run.ok())
        run.problem += u" (its output, kept with --keep: %1)"_s.arg(dir);
    removeIfFine(dir, run.ok());
    return run;
}

MigrationBench::ToolRun MigrationBench::runPgloader(
    const QString &legacyFile, const ScratchDatabase &cloud, int expectedTodos, QString *error)
{
    const TestPostgres::Server &pg = cloud.server();
    // The password is hex (./dev pg-start), so it needs no escaping in the URL.
    const QString target = u"pgsql://%1:%2@%3:%4/%5"_s.arg(
        pg.user, pg.password, pg.host, QString::number(pg.port), cloud.name());
    return runTool(u"pgloader"_s, legacyFile, cloud, expectedTodos, kRunTimeoutMs,
        u"SELECT count(*) FROM public.todo"_s,
        [&](const QString &dir, const QString &copy) {
            return Command {u"pgloader"_s,
                {u"--root-dir"_s, QDir(dir).filePath(u"pgloader"_s), u"sqlite://"_s + copy, target}};
        },
        error);
}

MigrationBench::ToolRun MigrationBench::runTandemMigrate(const QString &legacyFile,
    const ScratchDatabase &cloud, const QString &host, int port, int expectedTodos,
    qint64 timeoutMs, QString *error)
{
    const TestPostgres::Server &pg = cloud.server();
    const QString url = u"host=%1 port=%2 dbname=%3 user=%4 password=%5"_s.arg(
        host, QString::number(port), cloud.name(), pg.user, pg.password);
    return runTool(u"tandem-migrate"_s, legacyFile, cloud, expectedTodos, timeoutMs,
        u"SELECT count(*) FROM tandem.todos"_s,
        [&](const QString &, const QString &copy) {
            return Command {m_config.tandemMigrate, {copy, u"--to"_s, url, u"--yes"_s}};
        },
        error);
}

QString MigrationBench::runDir(const QString &name, QString *error)
{
    const QString dir
        = QDir(m_workDir).filePath(u"migration/%1-%2"_s.arg(++m_runCounter).arg(name));
    if (!QDir().mkpath(dir)) {
        *error = u"cannot create %1"_s.arg(dir);
        return {};
    }
    return dir;
}
