#include "migrationrunner.h"

#include "importvalidator.h"
#include "legacyreader.h"
#include "legacysource.h"
#include "migrationlog.h"

#include "cloud/cloudschema.h"
#include "cloud/pgconnection.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QThread>
#include <QUuid>

#include <future>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

// Every way out of run(): the exit code, status and message, set together.
MigrationReport finish(MigrationReport report, int exitCode, const QString &status, const QString &message)
{
    report.exitCode = exitCode;
    report.status = status;
    report.message = message;
    return report;
}

bool cancelled(const MigrationRunner::Options &options)
{
    return options.cancel && options.cancel->load();
}

// The QPSQL connection is named per run, so that two runners in one
// process (tests) do not share it.
class ScopedConnection
{
public:
    explicit ScopedConnection(const ConnectionConfig &config)
        : m_name(u"tandem-migrate-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, m_name);
        config.applyTo(db);
        m_pg = std::make_unique<PgConnection>(db);
    }
    ~ScopedConnection()
    {
        m_pg.reset();
        QSqlDatabase::removeDatabase(m_name);
    }
    PgConnection &pg() { return *m_pg; }

private:
    QString m_name;
    std::unique_ptr<PgConnection> m_pg;
};

// What the worker thread of run() prepares from the legacy file.
struct LocalWork
{
    QString error; // empty when the backup and the scan succeeded
    int exitCode = MigrationRunner::Failed;
    QString backupPath;
    bool backupMade = false;
    std::unique_ptr<LegacyReader> reader;
    MigrationPlan plan;
};

// The backup comes before any read of the rows: beside the file for a real
// run (unless the caller made and verified one already: the wizard's Backup
// page), at previewPath for a dry run. Then the first pass over its rows.
LocalWork prepareLocally(const MigrationRunner::Options &options, int schemaVersion, const QString &previewPath)
{
    LocalWork local;
    QElapsedTimer phase;
    phase.start();
    const auto backupFailed = [&local, &options](const QString &why) {
        local.exitCode = options.dryRun ? MigrationRunner::BadInput : MigrationRunner::Failed;
        local.error = why + MigrationRunner::tr("; the cloud is unchanged");
        return std::move(local);
    };
    local.backupPath = options.existingBackup;
    // The copy's check (quick_check, row counts) runs on a thread of its
    // own beside the first read of the copy; both end before this returns,
    // so nothing reaches the cloud from a backup that failed its check.
    std::future<QString> verified;
    if (local.backupPath.isEmpty() || options.dryRun) {
        local.backupPath = options.dryRun ? previewPath : LegacySource::backupPathFor(options.sourcePath);
        QString error;
        if (!LegacySource::copy(options.sourcePath, local.backupPath, &error))
            return backupFailed(error);
        local.backupMade = true;
        verified = std::async(std::launch::async, [source = options.sourcePath, backup = local.backupPath] {
            QString error;
            return LegacySource::verify(source, backup, &error) ? QString() : error;
        });
    }
    qCDebug(lcMigration) << "backup:" << phase.restart() << "ms";
    const QDateTime mtime = QFileInfo(options.sourcePath).lastModified();
    local.reader = std::make_unique<LegacyReader>(local.backupPath, schemaVersion, mtime.toMSecsSinceEpoch() * 1000);
    // A dry run maps every row now; an import maps them as it sends them.
    // A dry run is a preview that a newer one may replace: cancelled, it
    // stops between the two passes or between rows of the second.
    QString error;
    bool read = local.reader->readStructure(&local.plan, &error);
    if (read && options.dryRun)
        read = !cancelled(options) && local.reader->mapRest(&local.plan, &error, options.cancel);
    const QString verifyError = verified.valid() ? verified.get() : QString();
    if (!verifyError.isEmpty())
        return backupFailed(verifyError);
    if (!read) {
        local.error = MigrationRunner::tr("cannot read the backup: %1; the cloud is unchanged").arg(error);
        return local;
    }
    qCDebug(lcMigration) << "scan:" << phase.restart() << "ms";
    return local;
}

// Opens the connection, brings the cloud schema up to date and asks who we
// are; the reason it cannot, with "the cloud is unchanged", or empty.
QString connectToCloud(PgConnection &pg, QString *owner)
{
    if (!pg.open())
        return MigrationRunner::tr("cannot connect to the cloud database (%1); the cloud is unchanged")
            .arg(pg.lastError());
    const CloudSchema::Result schema = CloudSchema::ensure(pg);
    if (!schema.usable())
        return MigrationRunner::tr("the cloud schema is not usable (%1); the cloud is unchanged").arg(schema.message);
    QString error;
    *owner = CloudImporter::currentUser(pg, &error);
    if (owner->isEmpty())
        return error + MigrationRunner::tr("; the cloud is unchanged");
    return {};
}

} // namespace

MigrationReport MigrationRunner::run(const Options &options)
{
    QElapsedTimer clock;
    clock.start();
    MigrationReport report;
    report.source = options.sourcePath;
    report.dryRun = options.dryRun;

    const LegacySource::Inspection inspection = LegacySource::inspect(options.sourcePath);
    if (!inspection.ok)
        return finish(report, BadInput, u"refused"_s, inspection.error + tr("; nothing was written"));
    report.schemaVersion = inspection.schemaVersion;
    if (!options.dryRun && !options.connection)
        return finish(report, BadInput, u"refused"_s,
                      tr("no cloud database given: use --to URL, --profile or DATABASE_URL; nothing was written"));
    if (options.dryRun && options.faultHook)
        options.faultHook(u"dry-run"_s, 0);

    // The local work (backup, then the first pass over its rows) runs on a
    // worker thread while this one connects to the cloud and checks its
    // schema: over a real network the connection takes as long as the scan.
    // The reader's SQLite handle is used by one thread at a time: the
    // worker's, then, after get(), this one's. A dry run writes its backup
    // into a temporary folder, nothing beside the legacy file.
    QTemporaryDir scratch;
    std::future<LocalWork> localWork = std::async(std::launch::async, [&options, &inspection, &scratch] {
        return prepareLocally(options, inspection.schemaVersion,
                              options.dryRun ? scratch.filePath(u"preview.db"_s) : QString());
    });

    std::unique_ptr<ScopedConnection> connection;
    QString owner;
    QString cloudFailure;
    if (!options.dryRun) {
        connection = std::make_unique<ScopedConnection>(*options.connection);
        cloudFailure = connectToCloud(connection->pg(), &owner);
    }
    LocalWork local = localWork.get();
    // On the ways out where nothing happened to the cloud, the backup this
    // run made is not needed (one the caller made is theirs).
    const auto discardBackup = [&local, &report] {
        if (local.backupMade) {
            QFile::remove(local.backupPath);
            report.backup.clear();
        }
    };
    // Cancelled while connecting (a closed wizard) or during a preview: the
    // cloud is unchanged, and an unreachable server is not this run's error.
    if (cancelled(options)) {
        discardBackup();
        return finish(report, Failed, u"cancelled"_s, tr("cancelled before anything was written; the cloud is unchanged"));
    }
    if (!cloudFailure.isEmpty()) {
        discardBackup();
        return finish(report, Failed, u"failed"_s, cloudFailure);
    }
    if (!local.error.isEmpty())
        return finish(report, local.exitCode, u"failed"_s, local.error);
    if (!options.dryRun)
        report.backup = local.backupPath;
    MigrationPlan &plan = local.plan;
    LegacyReader &reader = *local.reader;
    LegacyReader::assignIds(&plan, owner);
    // The report needs every row's problems: rows an import did not reach
    // (it stopped, or the file was migrated already) are mapped for it.
    const auto complete = [&plan, &reader, &report] {
        QString error;
        if (!reader.mapRest(&plan, &error))
            qCWarning(lcMigration) << "the report misses rows the backup no longer gives:" << error;
        report.fromPlan(plan);
        return !plan.problems.isEmpty();
    };

    qCDebug(lcMigration) << "connection, backup and scan:" << clock.elapsed() << "ms";
    QElapsedTimer phase;
    phase.start();

    if (options.dryRun) {
        const bool repaired = complete();
        if (options.faultHook)
            options.faultHook(u"dry-run-mapped"_s, 0);
        report.totalSeconds = double(clock.elapsed()) / 1000;
        return finish(report, repaired ? MigratedRepaired : Migrated, u"dry-run"_s,
                      tr("Dry run: nothing was written. %n todos would be migrated, %1 problems listed above.",
                         nullptr, int(plan.todos.size()))
                          .arg(plan.problems.size()));
    }

    PgConnection &pg = connection->pg();
    CloudImporter importer(pg);
    CloudImporter::Options transfer;
    transfer.batchSize = options.batchSize;
    transfer.leaseSeconds = options.leaseSeconds;
    transfer.statementTimeoutMs = options.statementTimeoutMs;
    transfer.sourcePath = options.sourcePath;
    transfer.appVersion = options.appVersion;
    transfer.progress = options.progress;
    transfer.cancel = options.cancel;
    transfer.faultHook = options.faultHook;
    QString message;
    CloudImporter::Outcome outcome = importer.transfer(plan, reader, transfer, &message);
    bool announced = false;
    // Another run holds the import: wait for it to finish or to die (its
    // lease then runs out and this run takes over).
    while (outcome == CloudImporter::Outcome::Busy) {
        if (!announced && options.waiting)
            options.waiting();
        announced = true;
        if (options.cancel && options.cancel->load()) {
            discardBackup();
            complete();
            return finish(report, Failed, u"cancelled"_s,
                          tr("cancelled while waiting for another run; the cloud is unchanged by this run"));
        }
        QThread::msleep(250);
        message.clear();
        outcome = importer.transfer(plan, reader, transfer, &message);
    }
    const bool repaired = complete();
    // The claim (tandem.legacy_import_claim) wrote the Imported list under
    // exactly this id, and keeps it in legacy_imports.list_id: the id is
    // derived from the role and the file, so a file migrated before has it too.
    if (outcome == CloudImporter::Outcome::AlreadyMigrated || outcome == CloudImporter::Outcome::Transferred)
        report.importedListId = plan.listId;
    if (outcome == CloudImporter::Outcome::AlreadyMigrated) {
        // A backup of this file was made by the run that migrated it.
        discardBackup();
        return finish(report, AlreadyMigrated, u"already-migrated"_s,
                      tr("This file was already migrated (fingerprint %1); nothing was changed.")
                          .arg(plan.fingerprint));
    }
    if (outcome == CloudImporter::Outcome::Cancelled)
        return finish(report, Failed, u"cancelled"_s, message);
    if (outcome == CloudImporter::Outcome::Failed)
        return finish(report, Failed, u"failed"_s, tr("The migration failed: %1").arg(message));

    for (TableCount &t : report.tables) {
        t.seconds = t.table == u"todo"_s ? importer.todoSeconds()
                    : t.table == u"tag"_s ? importer.tagSeconds()
                                          : importer.linkSeconds();
    }
    qCDebug(lcMigration) << "transfer:" << phase.restart() << "ms";
    const ImportValidator::Result validation = ImportValidator::validate(pg, plan, importer.runId(), importer.secondConnection());
    qCDebug(lcMigration) << "validation:" << phase.restart() << "ms";
    report.mismatches = validation.mismatches;
    report.totalSeconds = double(clock.elapsed()) / 1000;
    if (!validation.error.isEmpty())
        return finish(report, Failed, u"failed"_s,
                      tr("The rows were transferred but could not be validated (%1); running the migration again"
                         " validates them")
                          .arg(validation.error));
    if (!validation.ok)
        return finish(report, Failed, u"failed"_s,
                      tr("Validation failed: %1 of %2 rows differ in the cloud (listed above); the import is not"
                         " marked validated")
                          .arg(validation.mismatches.size())
                          .arg(plan.todos.size()));
    qCInfo(lcMigration) << "validated" << plan.todos.size() << "todos, checksum" << validation.checksum;
    return finish(report, repaired ? MigratedRepaired : Migrated, u"validated"_s,
                  repaired ? tr("Migrated and validated; %n rows were repaired or left out (listed above).", nullptr,
                                int(plan.problems.size()))
                           : tr("Migrated and validated: every row arrived as it was."));
}
