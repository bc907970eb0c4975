#include "cloudschema.h"

#include "pgconnection.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QHash>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcSchema, "tandem.cloud.schema")

namespace {

// The steps, embedded as resources (models/cloud/migrations/*.sql).
const char *const kSteps[] = {
    ":/tandem/migrations/0001_contract.sql",
    ":/tandem/migrations/0002_bookkeeping.sql",
    ":/tandem/migrations/0003_isolation.sql",
    ":/tandem/migrations/0004_push.sql",
    ":/tandem/migrations/0005_bulk.sql",
    ":/tandem/migrations/0006_keys.sql",
    ":/tandem/migrations/0007_key_checks.sql",
    ":/tandem/migrations/0008_device_digests.sql",
    ":/tandem/migrations/0009_tag_keys.sql",
    ":/tandem/migrations/0010_repeats.sql",
    ":/tandem/migrations/0011_reminders.sql",
};
constexpr int kStepCount = int(std::size(kSteps));

// Any constant shared by all clients; hashtext() turns it into the lock key.
const QString kLockSql = u"SELECT pg_advisory_xact_lock(hashtext('tandem.schema_migrations'))"_s;

const QString kBootstrapSql = u"SET LOCAL client_min_messages TO warning;"
                              " CREATE SCHEMA IF NOT EXISTS tandem;"
                              " CREATE TABLE IF NOT EXISTS tandem.schema_migrations ("
                              "   version integer PRIMARY KEY,"
                              "   checksum text NOT NULL,"
                              "   applied_at timestamptz NOT NULL DEFAULT now())"_s;

// A role that may not create or alter the schema, on a database with no
// step yet or at an older one (seen before trying).
QString notAllowedMessage(const CloudSchema::Result &seen)
{
    if (seen.serverVersion > 0)
        return CloudSchema::tr(
                   "The cloud database needs an update of Tandem's schema (step %1) that only the owner of its "
                   "tables may make. Sync once as that role (for example with tandem-cli sync), then try again.")
            .arg(seen.serverVersion + 1);
    return CloudSchema::tr(
        "The cloud database is not set up for Tandem yet, and this role may not set it up. "
        "Sync once as the database's owner (for example with tandem-cli sync), then try again.");
}

// version -> checksum, or nullopt (with message) when it cannot be read.
std::optional<QHash<int, QString>> appliedSteps(PgConnection &connection, QString *message)
{
    const PgResult exists = connection.exec(u"SELECT to_regclass('tandem.schema_migrations') IS NOT NULL"_s);
    if (!exists.ok()) {
        *message = connection.lastError();
        return std::nullopt;
    }
    QHash<int, QString> applied;
    if (!exists.boolean(0, 0))
        return applied;
    const PgResult rows = connection.exec(u"SELECT version, checksum FROM tandem.schema_migrations"_s);
    if (!rows.ok()) {
        *message = connection.lastError();
        return std::nullopt;
    }
    for (int row = 0; row < rows.rowCount(); ++row)
        applied.insert(int(rows.int64(row, 0)), rows.text(row, 1));
    return applied;
}

CloudSchema::Result judge(const QHash<int, QString> &applied)
{
    CloudSchema::Result result;
    for (auto it = applied.cbegin(); it != applied.cend(); ++it)
        result.serverVersion = std::max(result.serverVersion, it.key());
    if (result.serverVersion > CloudSchema::knownVersion()) {
        result.status = CloudSchema::Status::TooNew;
        result.message = CloudSchema::tr(
            "The cloud database uses a newer Tandem (schema %1; this one knows %2). "
            "Please update Tandem; until then it will not write to the cloud.")
                             .arg(result.serverVersion)
                             .arg(CloudSchema::knownVersion());
        return result;
    }
    for (auto it = applied.cbegin(); it != applied.cend(); ++it) {
        if (it.value() != CloudSchema::checksum(it.key())) {
            result.status = CloudSchema::Status::ChecksumMismatch;
            result.message
                = CloudSchema::tr("Cloud schema step %1 differs from the one this Tandem knows. "
                                  "Refusing to sync until it is checked.")
                      .arg(it.key());
            return result;
        }
    }
    result.status = applied.size() == CloudSchema::knownVersion() ? CloudSchema::Status::UpToDate
                                                                  : CloudSchema::Status::Migrated;
    return result;
}

} // namespace

int CloudSchema::knownVersion()
{
    return kStepCount;
}

QString CloudSchema::stepSql(int version)
{
    if (version < 1 || version > kStepCount)
        return {};
    QFile file(QString::fromLatin1(kSteps[version - 1]));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

QString CloudSchema::checksum(int version)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(stepSql(version).toUtf8(), QCryptographicHash::Sha256).toHex());
}

CloudSchema::Result CloudSchema::inspect(PgConnection &connection)
{
    QString message;
    const auto applied = appliedSteps(connection, &message);
    if (!applied)
        return {Status::Failed, 0, 0, message};
    return judge(*applied);
}

CloudSchema::Result CloudSchema::ensure(PgConnection &connection)
{
    Result result = inspect(connection);
    if (result.status != Status::Migrated)
        return result; // up to date, too new, tampered with, or unreadable

    // Fast path, one round trip: every missing step in one script and one
    // transaction, in order, under the lock. If another client applied a
    // step meanwhile, the script fails and writes nothing, and the careful
    // loop below looks again step by step. (With a transaction per step, a
    // script that failed halfway kept the steps before, and this client
    // did not count them as its own.)
    {
        QString message;
        const auto before = appliedSteps(connection, &message);
        QString script = u"BEGIN;\n"_s + kLockSql + u";\n"_s + kBootstrapSql + u";\n"_s;
        QList<int> pending;
        for (int version = 1; before && version <= kStepCount; ++version) {
            if (before->contains(version))
                continue;
            pending << version;
            script += stepSql(version)
                      + u"\n;\nINSERT INTO tandem.schema_migrations(version, checksum) VALUES (%1, '%2');\n"_s
                            .arg(version)
                            .arg(checksum(version));
        }
        script += u"COMMIT;\n"_s;
        if (!pending.isEmpty()) {
            if (connection.runScript(script)) {
                for (const int version : std::as_const(pending))
                    qCInfo(lcSchema) << "applied cloud schema step" << version;
                result = inspect(connection);
                result.appliedSteps = int(pending.size());
                if (result.status == Status::UpToDate)
                    result.status = Status::Migrated;
                return result;
            }
            qCInfo(lcSchema) << "applying the schema steps at once failed, one by one now:" << connection.lastError();
            connection.rollback();
        }
    }

    int applied = 0;
    for (int version = 1; version <= kStepCount; ++version) {
        // One transaction per step. Under the lock, look again: another
        // client may have applied it while this one waited.
        if (!connection.begin()) {
            return {Status::Failed, result.serverVersion, applied, connection.lastError()};
        }
        QString message;
        std::optional<QHash<int, QString>> done;
        if (connection.run(kLockSql) && connection.runScript(kBootstrapSql))
            done = appliedSteps(connection, &message);
        if (!done) {
            const QString error = message.isEmpty() ? connection.lastError() : message;
            const bool notAllowed = connection.lastSqlState() == u"42501"_s;
            connection.rollback();
            return {Status::Failed, result.serverVersion, applied, notAllowed ? notAllowedMessage(result) : error};
        }
        if (done->contains(version)) {
            connection.rollback();
            continue;
        }
        const bool ok = connection.runScript(stepSql(version))
            && connection.run(u"INSERT INTO tandem.schema_migrations(version, checksum) VALUES ($1, $2)"_s,
                              {version, checksum(version)})
            && connection.commit();
        if (!ok) {
            const QString error = connection.lastError();
            connection.rollback();
            const bool notAllowed = connection.lastSqlState() == u"42501"_s;
            qCWarning(lcSchema) << "schema step" << version << "failed:" << error;
            if (notAllowed)
                return {Status::Failed, result.serverVersion, applied, notAllowedMessage(result)};
            return {Status::Failed, result.serverVersion, applied,
                    tr("Cloud schema step %1 failed: %2").arg(version).arg(error)};
        }
        ++applied;
        qCInfo(lcSchema) << "applied cloud schema step" << version;
    }
    result = inspect(connection);
    result.appliedSteps = applied;
    if (result.status == Status::UpToDate && applied > 0)
        result.status = Status::Migrated;
    return result;
}
