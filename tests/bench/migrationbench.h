#pragma once

#include "childprocess.h"
#include "measurement.h"
#include "testpostgres.h"

#include <QList>
#include <QStringList>

#include <functional>

class ScratchDatabase;

// The legacy migration's targets, against the throwaway PostgreSQL that
// ./dev bench starts (TANDEM_TEST_PG*):
//
// - against pgloader: the same legacy v2 file (LegacyFixture) loaded by
//   pgloader and migrated by tandem-migrate, each into a fresh scratch
//   database, runs interleaved; wall time and peak memory (max RSS) of each
//   whole process. Ours should take no longer (ratio of medians ≤ 1.0) and
//   stay under 100 MB, backup and validation included;
// - round trips: tandem-migrate through a TcpProxy that adds 25 ms round
//   trips, at most rows / 5000 + 50 client turns.
//
// A tool that fails (an exit code other than 0, or fewer todos in the cloud
// than in the file) gives FAIL rows, not an error.
class MigrationBench
{
public:
    struct Config
    {
        int rows = 200'000;
        int runs = 5;
        int roundTripRows = 200'000;
        // The tandem-migrate to measure: the one built beside the bench, or
        // another build of it (--tandem-migrate), to compare two versions.
        QString tandemMigrate = QStringLiteral(TANDEM_MIGRATE_PATH);
    };

    MigrationBench(const Config &config, const QString &workDir);

    // False with *error when a measurement could not be made (no legacy
    // file, no scratch database). Without a server it adds "not measured"
    // rows and returns true.
    bool run(QList<Measurement> *measurements, QStringList *details, QString *error);

private:
    // One run of one tool: the process, and the todos the cloud holds after it.
    struct ToolRun
    {
        ChildProcess::Result process;
        qint64 cloudTodos = -1;
        QString problem; // empty when it did its job

        bool ok() const { return problem.isEmpty(); }
    };

    bool againstPgloader(const TestPostgres::Server &pg, QList<Measurement> *measurements,
        QStringList *details, QString *error);
    bool roundTrips(const TestPostgres::Server &pg, QList<Measurement> *measurements,
        QStringList *details, QString *error);

    struct Command
    {
        QString program;
        QStringList arguments;
    };
    // One run of a tool: a folder of its own with a copy of the legacy file,
    // the command made for them, the cloud's todo count (countSql) against
    // expectedTodos, the folder removed when all went well.
    ToolRun runTool(const QString &name, const QString &legacyFile, const ScratchDatabase &cloud,
        int expectedTodos, qint64 timeoutMs, const QString &countSql,
        const std::function<Command(const QString &dir, const QString &copy)> &command, QString *error);
    ToolRun runPgloader(
        const QString &legacyFile, const ScratchDatabase &cloud, int expectedTodos, QString *error);
    // host/port: where tandem-migrate connects (the server, or a proxy before it).
    ToolRun runTandemMigrate(const QString &legacyFile, const ScratchDatabase &cloud,
        const QString &host, int port, int expectedTodos, qint64 timeoutMs, QString *error);
    // A fresh folder under the work folder for one run's copy and output.
    QString runDir(const QString &name, QString *error);

    Config m_config;
    QString m_workDir;
    int m_runCounter = 0;
    bool m_tandemMigrateFailed = false;
};
