#include "cloudimporter.h"

#include "importbatch.h"
#include "legacyreader.h"
#include "migrationlog.h"
#include "pgbinarycopy.h"

#include "cloud/pgconnection.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

#include <libpq-fe.h>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

// A todo's binary COPY tuple is about 170 bytes with a title, a short note
// and a tag; the buffer grows past this when they are longer.
constexpr qint64 kBytesPerRowGuess = 256;

double secondsSince(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e9;
}

} // namespace

void CloudImporter::ConnectionCloser::operator()(pg_conn *conn) const
{
    PQfinish(conn);
}

CloudImporter::~CloudImporter() = default;

std::unique_ptr<pg_conn, CloudImporter::ConnectionCloser> CloudImporter::openSecondConnection()
{
    // The same server, role and settings as the first connection, straight
    // through libpq: QPSQL would spend five more round trips setting up a
    // connection that only sends batches.
    PQconninfoOption *options = PQconninfo(m_pg.handle());
    if (!options)
        return {};
    QList<QByteArray> keys, values;
    for (PQconninfoOption *o = options; o->keyword; ++o) {
        if (o->val && *o->val && qstrcmp(o->keyword, "client_encoding") != 0) {
            keys.append(o->keyword);
            values.append(o->val);
        }
    }
    PQconninfoFree(options);
    keys.append("client_encoding");
    values.append("UTF8");
    QList<const char *> k, v;
    for (qsizetype i = 0; i < keys.size(); ++i) {
        k.append(keys.at(i).constData());
        v.append(values.at(i).constData());
    }
    k.append(nullptr);
    v.append(nullptr);
    std::unique_ptr<pg_conn, ConnectionCloser> conn(PQconnectdbParams(k.constData(), v.constData(), 0));
    if (!conn || PQstatus(conn.get()) != CONNECTION_OK) {
        qCInfo(lcMigration) << "one connection only:" << (conn ? PQerrorMessage(conn.get()) : "out of memory");
        return {};
    }
    return conn;
}

CloudImporter::CloudImporter(PgConnection &connection) : m_pg(connection)
{
    m_runId = QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString CloudImporter::currentUser(PgConnection &pg, QString *error)
{
    const PgResult r = pg.exec(u"SELECT current_user::text"_s);
    if (!r.ok() || r.rowCount() != 1) {
        *error = r.errorMessage();
        return {};
    }
    return r.text(0, 0);
}

CloudImporter::Outcome CloudImporter::claim(MigrationPlan &plan, const Options &options, qint64 *done,
                                            QString *message)
{
    QElapsedTimer timer;
    timer.start();
    m_present.clear();
    QJsonArray tags;
    for (const MappedTag &tag : std::as_const(plan.tags))
        tags.append(QJsonObject{
            {u"id"_s, tag.id.toString(QUuid::WithoutBraces)}, {u"name"_s, tag.name}, {u"key"_s, tag.key}});
    const QString tagJson = QString::fromUtf8(QJsonDocument(tags).toJson(QJsonDocument::Compact));
    const auto [low, high] = LegacyReader::idRange(plan);
    const QString idLow = low.toString(QUuid::WithoutBraces);
    const QString idHigh = high.toString(QUuid::WithoutBraces);
    // The claim, and the cloud's id for each of the file's tags: tags are one
    // when their TagKey is, computed here and sent; never the server's
    // lower(), which depends on the database's LC_CTYPE or collation.
    bool ok = false;
    const QList<PgResult> results = m_pg.transaction(
        {{u"SELECT outcome, done FROM tandem.legacy_import_claim($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10,"
          " $11, $12)"_s,
          {plan.fingerprint, m_runId, options.leaseSeconds, options.sourcePath, plan.schemaVersion,
           plan.listId.toString(QUuid::WithoutBraces), qint64(plan.todos.size()), tagJson, qint64(plan.links.size()),
           options.appVersion, idLow, idHigh}},
         {u"SELECT tag_index, tag_id::text FROM tandem.legacy_import_tags($1::jsonb)"_s, {tagJson}}},
        options.statementTimeoutMs, &ok);
    if (!ok || results.size() != 2 || results.at(0).rowCount() != 1) {
        *message = ok ? tr("the import could not be claimed") : m_pg.lastError();
        return Outcome::Failed;
    }
    const PgResult &claimed = results.at(0);
    const QString outcome = claimed.text(0, 0);
    *done = claimed.int64(0, 1);
    if (outcome == u"already-migrated"_s) {
        *message = tr("this file was already migrated");
        return Outcome::AlreadyMigrated;
    }
    if (outcome == u"busy"_s) {
        *message = tr("another migration of this file is running");
        return Outcome::Busy;
    }
    const PgResult &resolved = results.at(1);
    for (int r = 0; r < resolved.rowCount(); ++r) {
        const qsizetype at = resolved.int64(r, 0);
        if (at >= 0 && at < plan.tags.size())
            plan.tags[at].id = QUuid::fromString(resolved.text(r, 1));
    }
    if (*done > 0) {
        // What an earlier run committed is the progress: whole batches,
        // each todo with its tags. Found by id, not by list: a todo may
        // have been moved to another list since.
        const PgResult present = m_pg.exec(u"SELECT legacy_id FROM tandem.todos WHERE id BETWEEN $1 AND $2"
                                           " AND owner = current_user AND legacy_id IS NOT NULL ORDER BY legacy_id"_s,
                                           {idLow, idHigh});
        if (!present.ok()) {
            *message = present.errorMessage();
            return Outcome::Failed;
        }
        m_present.reserve(present.rowCount());
        for (int r = 0; r < present.rowCount(); ++r)
            m_present.append(present.int64(r, 0));
        *done = m_present.size();
    }
    m_tagSeconds += secondsSince(timer);
    return Outcome::Transferred;
}

bool CloudImporter::readBatch(LegacyReader &reader, qint64 limit, Batch *batch, QString *error)
{
    batch->count = 0;
    // The same buffer batch after batch: resize(0) keeps its capacity.
    batch->rows.resize(0);
    batch->rows.reserve(limit * kBytesPerRowGuess);
    PgBinaryCopy copy(&batch->rows);
    MappedTodo t;
    while (batch->count < limit && reader.next(&t, error)) {
        // Already in the cloud (a resumed run): both lists are in legacy id order.
        while (m_presentAt < m_present.size() && m_present.at(m_presentAt) < t.legacyId)
            ++m_presentAt;
        if (m_presentAt < m_present.size() && m_present.at(m_presentAt) == t.legacyId)
            continue;
        ImportBatch::appendTodo(copy, t);
        ++batch->count;
    }
    return error->isEmpty();
}

CloudImporter::Outcome CloudImporter::transfer(MigrationPlan &plan, LegacyReader &reader, const Options &options,
                                               QString *message)
{
    // The batches' binary timestamps are int64 microseconds, which a server
    // built with floating-point timestamps (none since PostgreSQL 10) would
    // misread; checked before the claim so that nothing is taken or written.
    if (qstrcmp(PQparameterStatus(m_pg.handle(), "integer_datetimes"), "on") != 0) {
        *message = tr("the server does not store timestamps as integers (integer_datetimes is not on)");
        return Outcome::Failed;
    }
    // The validation's checksums use hash_record_extended(), new in 14.
    if (PQserverVersion(m_pg.handle()) < 140000) {
        *message = tr("the server runs PostgreSQL %1; the migration needs 14 or later")
                       .arg(QString::fromUtf8(PQparameterStatus(m_pg.handle(), "server_version")));
        return Outcome::Failed;
    }
    QElapsedTimer timer;
    timer.start();
    qint64 done = 0;
    const Outcome claimed = claim(plan, options, &done, message);
    if (claimed != Outcome::Transferred)
        return claimed;
    m_resumedFrom = done;
    if (done > 0)
        qCInfo(lcMigration) << "resuming:" << done << "of" << plan.todos.size() << "todos are in the cloud";
    const qint64 total = plan.todos.size();
    const qint64 batchSize = qMax(1, options.batchSize);
    const double linkSecondsBefore = m_linkSeconds;
    const auto failed = [&](const QString &why) {
        *message = tr("%1; %2 of %n todos are in the cloud, and running the migration again resumes it", nullptr,
                      int(total))
                       .arg(why)
                       .arg(done);
        return Outcome::Failed;
    };
    QString error;
    m_presentAt = 0;
    if (!reader.seek(plan, 0, &error))
        return failed(tr("cannot read the backup (%1)").arg(error));

    // Lanes: this connection and, when it opens, a second one, so that the
    // server inserts two batches at once on two cores. Each lane has at
    // most one batch in flight; the next batch is read from the file while
    // they work.
    if (options.connections > 1 && total - done > batchSize && !m_second)
        m_second = openSecondConnection();
    struct Lane
    {
        pg_conn *conn = nullptr;
        bool busy = false;
        int number = 0;
        qint64 count = 0;
    };
    QList<Lane> lanes{{m_pg.handle()}};
    if (m_second)
        lanes.append({m_second.get()});

    Batch next;
    bool readOk = readBatch(reader, batchSize, &next, &error);
    int started = 0;
    QString failure;
    bool stopping = false;
    // Round robin: collect a lane's batch, give it the next one.
    for (qsizetype i = 0;; i = (i + 1) % lanes.size()) {
        Lane &lane = lanes[i];
        if (lane.busy) {
            QString batchError;
            lane.busy = false;
            if (!ImportBatch::finish(lane.conn, &m_linkSeconds, &batchError)) {
                if (failure.isEmpty())
                    failure = tr("batch %1 failed (%2)").arg(lane.number).arg(batchError);
                stopping = true;
            } else {
                done += lane.count;
                if (options.progress)
                    options.progress(done, total, secondsSince(timer));
                if (options.faultHook)
                    options.faultHook(u"after-batch"_s, lane.number);
            }
        }
        if (!readOk && failure.isEmpty()) {
            failure = tr("cannot read the backup (%1)").arg(error);
            stopping = true;
        }
        if (options.cancel && options.cancel->load())
            stopping = true;
        if (!stopping && next.count > 0) {
            QString batchError;
            lane.number = ++started;
            lane.count = next.count;
            if (!ImportBatch::start(lane.conn, plan, m_runId, next.count, next.rows, options, lane.number,
                                    &batchError)) {
                failure = tr("batch %1 failed (%2)").arg(lane.number).arg(batchError);
                stopping = true;
            } else {
                lane.busy = true;
                readOk = readBatch(reader, batchSize, &next, &error);
            }
        }
        if (std::none_of(lanes.cbegin(), lanes.cend(), [](const Lane &l) { return l.busy; })
            && (stopping || next.count == 0))
            break;
    }
    if (!failure.isEmpty())
        return failed(failure);
    if (options.cancel && options.cancel->load() && done < total) {
        // Give the lease back so the next run need not wait for it.
        m_pg.run(u"UPDATE tandem.legacy_imports SET heartbeat = NULL WHERE owner = current_user"
                 " AND fingerprint = $1 AND run_id = $2"_s,
                 {plan.fingerprint, m_runId});
        *message = tr("cancelled after %1 of %n todos; the cloud holds whole batches only, and running the"
                      " migration again resumes it",
                      nullptr, int(total))
                       .arg(done);
        return Outcome::Cancelled;
    }
    if (done != total)
        return failed(tr("the file had %n todos when it was read, %1 now", nullptr, int(total)).arg(done));
    m_todoSeconds += secondsSince(timer) - (m_linkSeconds - linkSecondsBefore);
    // The lease is kept until validation ends, so that a waiting run does
    // not take over between the two.
    if (!m_pg.run(u"UPDATE tandem.legacy_imports SET status = 'transferred', transferred_at = now(), heartbeat = clock_timestamp()"
                  " WHERE owner = current_user AND fingerprint = $1 AND run_id = $2"_s,
                  {plan.fingerprint, m_runId})) {
        *message = m_pg.lastError();
        return Outcome::Failed;
    }
    return Outcome::Transferred;
}
