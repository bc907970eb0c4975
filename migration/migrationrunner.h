#pragma once

#include "cloudimporter.h"
#include "migrationreport.h"

#include "cloud/connectionconfig.h"

#include <QCoreApplication>
#include <QString>

#include <atomic>
#include <functional>
#include <optional>

// The whole one-time migration of one legacy file, in the order that keeps
// it safe: inspect the file (refusing bad input before anything is written
// anywhere), connect, back the file up beside itself with SQLite's backup
// API and verify the copy, read and map the copy, transfer, validate, report.
// tandem-migrate is a thin command line around it.
class MigrationRunner
{
    Q_DECLARE_TR_FUNCTIONS(MigrationRunner)

public:
    // The command's exit codes.
    enum Exit {
        Migrated = 0,        // validated, every row as it was
        Failed = 1,          // message says whether the cloud is unchanged or resumable
        BadInput = 2,        // bad usage or bad input: nothing written
        MigratedRepaired = 3, // validated, with rows repaired or left out (each in the report)
        AlreadyMigrated = 4,
    };

    struct Options
    {
        QString sourcePath;
        std::optional<ConnectionConfig> connection; // not needed for a dry run
        bool dryRun = false;
        // A backup of sourcePath made and verified by the caller
        // (LegacySource::backup); empty: run() makes one.
        QString existingBackup;
        int batchSize = 10000;
        int leaseSeconds = 10;
        int statementTimeoutMs = 0; // 0: the server's
        QString appVersion;
        std::function<void(qint64 done, qint64 total, double seconds)> progress;
        const std::atomic<bool> *cancel = nullptr;
        std::function<void(const QString &phase, int batch)> faultHook;
        // Called once when another run holds the import and this one waits.
        std::function<void()> waiting;
    };

    static MigrationReport run(const Options &options);
};
