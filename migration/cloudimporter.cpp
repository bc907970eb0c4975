#include "cloudimporter.h"

#include "legacyvalues.h"
#include "migrationlog.h"

#include "cloud/pgconnection.h"

#include <QElapsedTimer>
#include <QUuid>

#include <libpq-fe.h>

using namespace Qt::StringLiterals;

namespace {

// Run by the first import against a database. The cloud schema steps belong
// to CloudSchema; this bookkeeping table is the migration's own, with the
// same row-level security as the synced tables.
const QString kCreateTable = uR"(
CREATE TABLE IF NOT EXISTS tandem.legacy_imports (
    fingerprint     text NOT NULL,
    owner           text NOT NULL DEFAULT current_user,
    source_path     text NOT NULL DEFAULT '',
    schema_version  int NOT NULL DEFAULT 0,
    list_id         uuid NOT NULL,
    status          text NOT NULL DEFAULT 'running',
    run_id          uuid,
    heartbeat       timestamptz,
    todos_total     bigint NOT NULL DEFAULT 0,
    todos_done      bigint NOT NULL DEFAULT 0,
    tags_total      bigint NOT NULL DEFAULT 0,
    links_total     bigint NOT NULL DEFAULT 0,
    batches_done    int NOT NULL DEFAULT 0,
    checksum        text,
    app_version     text NOT NULL DEFAULT '',
    started_at      timestamptz NOT NULL DEFAULT now(),
    transferred_at  timestamptz,
    validated_at    timestamptz,
    finished_at     timestamptz,
    PRIMARY KEY (owner, fingerprint)
);
ALTER TABLE tandem.legacy_imports ENABLE ROW LEVEL SECURITY;
ALTER TABLE tandem.legacy_imports FORCE ROW LEVEL SECURITY;
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = 'tandem' AND tablename = 'legacy_imports') THEN
        CREATE POLICY own_rows ON tandem.legacy_imports
            USING (owner = current_user) WITH CHECK (owner = current_user);
    END IF;
END $$;
GRANT SELECT, INSERT, UPDATE ON tandem.legacy_imports TO PUBLIC;
)"_s;

QString ts(qint64 us)
{
    return LegacyValues::formatMicros(us);
}

double secondsSince(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e9;
}

} // namespace

CloudImporter::CloudImporter(PgConnection &connection) : m_pg(connection)
{
    m_runId = QUuid::createUuid().toString(QUuid::WithoutBraces);
}

bool CloudImporter::ensureTable(PgConnection &pg, QString *error)
{
    const PgResult exists = pg.exec(u"SELECT to_regclass('tandem.legacy_imports') IS NOT NULL"_s);
    if (exists.ok() && exists.rowCount() == 1 && exists.boolean(0, 0))
        return true;
    // A fixed key: two first imports at once would both try to create it.
    const QString sql = u"BEGIN; SELECT pg_advisory_xact_lock(hashtext('tandem.legacy_imports')); "_s + kCreateTable
                        + u" COMMIT;"_s;
    if (!pg.runScript(sql)) {
        *error = u"cannot create tandem.legacy_imports: %1"_s.arg(pg.lastError());
        pg.runScript(u"ROLLBACK"_s);
        return false;
    }
    return true;
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

QByteArray CloudImporter::copyField(const QString &text)
{
    // COPY's text format: backslash escapes for the characters it uses.
    QByteArray out;
    const QByteArray in = text.toUtf8();
    out.reserve(in.size() + 8);
    for (const char c : in) {
        switch (c) {
        case '\\': out += "\\\\"; break;
        case '\t': out += "\\t"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        default: out += c;
        }
    }
    return out;
}

bool CloudImporter::lock(const MigrationPlan &plan)
{
    return m_pg.run(u"SELECT pg_advisory_xact_lock(hashtextextended($1, 0))"_s, {plan.fingerprint});
}

bool CloudImporter::copyRows(const QString &sql, const QByteArray &data, QString *error)
{
    PGconn *conn = m_pg.handle();
    PGresult *start = PQexec(conn, sql.toUtf8().constData());
    const bool copying = PQresultStatus(start) == PGRES_COPY_IN;
    PQclear(start);
    if (!copying) {
        *error = QString::fromUtf8(PQerrorMessage(conn)).trimmed();
        return false;
    }
    constexpr qsizetype kChunk = 1 << 20;
    bool sent = true;
    for (qsizetype at = 0; at < data.size() && sent; at += kChunk) {
        const qsizetype n = qMin(kChunk, data.size() - at);
        sent = PQputCopyData(conn, data.constData() + at, int(n)) == 1;
    }
    sent = PQputCopyEnd(conn, sent ? nullptr : "client failed") == 1 && sent;
    bool ok = sent;
    while (PGresult *r = PQgetResult(conn)) {
        if (PQresultStatus(r) != PGRES_COMMAND_OK) {
            ok = false;
            *error = QString::fromUtf8(PQresultErrorMessage(r)).trimmed();
        }
        PQclear(r);
    }
    if (!sent && error->isEmpty())
        *error = QString::fromUtf8(PQerrorMessage(conn)).trimmed();
    return ok;
}

CloudImporter::Outcome CloudImporter::claim(const MigrationPlan &plan, const Options &options, qint64 *done,
                                            QString *message)
{
    QElapsedTimer timer;
    timer.start();
    if (!m_pg.begin() || !lock(plan)) {
        *message = m_pg.lastError();
        m_pg.rollback();
        return Outcome::Failed;
    }
    const PgResult row = m_pg.exec(
        u"SELECT status, run_id::text, coalesce(heartbeat > now() - make_interval(secs => $2), false), todos_done"
        " FROM tandem.legacy_imports WHERE owner = current_user AND fingerprint = $1"_s,
        {plan.fingerprint, options.leaseSeconds});
    if (!row.ok()) {
        *message = row.errorMessage();
        m_pg.rollback();
        return Outcome::Failed;
    }
    bool ok = true;
    if (row.rowCount() == 1) {
        const QString status = row.text(0, 0);
        if (status == u"validated"_s) {
            m_pg.rollback();
            *message = u"this file was already migrated"_s;
            return Outcome::AlreadyMigrated;
        }
        if (row.boolean(0, 2) && row.text(0, 1) != m_runId) {
            m_pg.rollback();
            *message = u"another migration of this file is running"_s;
            return Outcome::Busy;
        }
        *done = row.int64(0, 3);
        ok = m_pg.run(u"UPDATE tandem.legacy_imports SET run_id = $2, heartbeat = now(), status = 'running'"
                      " WHERE owner = current_user AND fingerprint = $1"_s,
                      {plan.fingerprint, m_runId});
    } else {
        *done = 0;
        ok = m_pg.run(u"INSERT INTO tandem.legacy_imports (fingerprint, source_path, schema_version, list_id, run_id,"
                      " heartbeat, todos_total, tags_total, links_total, app_version)"
                      " VALUES ($1, $2, $3, $4, $5, now(), $6, $7, $8, $9)"_s,
                      {plan.fingerprint, options.sourcePath, plan.schemaVersion,
                       plan.listId.toString(QUuid::WithoutBraces), m_runId, qint64(plan.todos.size()),
                       qint64(plan.tags.size()), qint64(plan.links.size()), options.appVersion})
             && m_pg.run(u"INSERT INTO tandem.lists (id, name, position) VALUES ($1, 'Imported', 0)"
                         " ON CONFLICT (id) DO NOTHING"_s,
                         {plan.listId.toString(QUuid::WithoutBraces)});
        // Tags are few: all of them in the claiming transaction. A tag the
        // person already has (same name but for case) is reused, through the
        // unique index on (owner, lower(name)).
        QByteArray data;
        for (const MappedTag &tag : plan.tags)
            data += tag.id.toString(QUuid::WithoutBraces).toLatin1() + '\t' + copyField(tag.name) + '\n';
        ok = ok && m_pg.run(u"CREATE TEMP TABLE migr_tags (id uuid, name text) ON COMMIT DROP"_s)
             && copyRows(u"COPY migr_tags FROM STDIN"_s, data, message)
             && m_pg.run(u"INSERT INTO tandem.tags (id, name) SELECT id, name FROM migr_tags ON CONFLICT DO NOTHING"_s);
    }
    if (!ok || !m_pg.commit()) {
        if (message->isEmpty())
            *message = m_pg.lastError();
        m_pg.rollback();
        return Outcome::Failed;
    }
    m_tagSeconds += secondsSince(timer);
    return Outcome::Transferred;
}

bool CloudImporter::writeBatch(const MigrationPlan &plan, qsizetype from, qsizetype to, const Options &options,
                               int batch, QString *error)
{
    QElapsedTimer timer;
    timer.start();
    if (!m_pg.begin() || !lock(plan)) {
        *error = m_pg.lastError();
        m_pg.rollback();
        return false;
    }
    // Under the lock: is the import still ours? A run whose lease went stale
    // (a very slow batch) must stop instead of racing the run that took over.
    const PgResult owner = m_pg.exec(u"SELECT run_id::text, todos_done FROM tandem.legacy_imports"
                                     " WHERE owner = current_user AND fingerprint = $1"_s,
                                     {plan.fingerprint});
    if (!owner.ok() || owner.rowCount() != 1 || owner.text(0, 0) != m_runId || owner.int64(0, 1) != from) {
        *error = owner.ok() ? u"another run took over this import"_s : owner.errorMessage();
        m_pg.rollback();
        return false;
    }
    QByteArray todos;
    QByteArray links;
    for (qsizetype i = from; i < to; ++i) {
        const MappedTodo &t = plan.todos.at(i);
        const QByteArray id = t.id.toString(QUuid::WithoutBraces).toLatin1();
        todos += id + '\t' + copyField(t.title) + '\t' + copyField(t.notes) + '\t' + (t.completed ? "t" : "f") + '\t'
                 + (t.dueUs ? ts(*t.dueUs).toLatin1() : copyNull()) + '\t' + (t.dueHasTime ? "t" : "f") + '\t'
                 + QByteArray::number(t.priority) + '\t' + QByteArray::number(t.position, 'g', 17) + '\t'
                 + ts(t.createdUs).toLatin1() + '\t' + ts(t.updatedUs).toLatin1() + '\t'
                 + QByteArray::number(t.legacyId) + '\n';
        for (const QString &key : t.tags)
            links += id + '\t' + copyField(key) + '\t' + ts(t.createdUs).toLatin1() + '\n';
    }
    bool ok = m_pg.run(u"CREATE TEMP TABLE migr_todos (id uuid, title text, notes text, completed boolean,"
                       " due_at timestamptz, due_has_time boolean, priority smallint, position double precision,"
                       " created_at timestamptz, updated_at timestamptz, legacy_id bigint) ON COMMIT DROP"_s)
              && copyRows(u"COPY migr_todos FROM STDIN"_s, todos, error)
              && m_pg.run(u"INSERT INTO tandem.todos (id, list_id, title, notes, completed, due_at, due_has_time,"
                          " priority, position, created_at, updated_at, legacy_id)"
                          " SELECT id, $1::uuid, title, notes, completed, due_at, due_has_time, priority, position,"
                          " created_at, updated_at, legacy_id FROM migr_todos ON CONFLICT (id) DO NOTHING"_s,
                          {plan.listId.toString(QUuid::WithoutBraces)});
    m_todoSeconds += secondsSince(timer);
    timer.restart();
    if (ok && !links.isEmpty()) {
        ok = m_pg.run(u"CREATE TEMP TABLE migr_links (todo_id uuid, tag_key text, created_at timestamptz)"
                      " ON COMMIT DROP"_s)
             && copyRows(u"COPY migr_links FROM STDIN"_s, links, error)
             && m_pg.run(u"INSERT INTO tandem.todo_tags (todo_id, tag_id, created_at)"
                         " SELECT l.todo_id, g.id, l.created_at FROM migr_links l"
                         " JOIN tandem.tags g ON g.owner = current_user AND lower(g.name) = l.tag_key"
                         " ON CONFLICT DO NOTHING"_s);
    }
    ok = ok
         && m_pg.run(u"UPDATE tandem.legacy_imports SET todos_done = $2, batches_done = batches_done + 1,"
                     " heartbeat = now() WHERE owner = current_user AND fingerprint = $1"_s,
                     {plan.fingerprint, qint64(to)});
    if (ok && options.faultHook)
        options.faultHook(u"in-batch"_s, batch);
    if (!ok || !m_pg.commit()) {
        if (error->isEmpty())
            *error = m_pg.lastError();
        m_pg.rollback();
        return false;
    }
    m_linkSeconds += secondsSince(timer);
    return true;
}

CloudImporter::Outcome CloudImporter::transfer(const MigrationPlan &plan, const Options &options, QString *message)
{
    QElapsedTimer timer;
    timer.start();
    qint64 done = 0;
    const Outcome claimed = claim(plan, options, &done, message);
    if (claimed != Outcome::Transferred)
        return claimed;
    m_resumedFrom = done;
    if (done > 0)
        qCInfo(lcMigration) << "resuming at todo" << done << "of" << plan.todos.size();
    const qint64 total = plan.todos.size();
    const qsizetype batchSize = qMax(1, options.batchSize);
    int batch = 0;
    while (done < total) {
        if (options.cancel && options.cancel->load()) {
            // Give the lease back so the next run need not wait for it.
            m_pg.run(u"UPDATE tandem.legacy_imports SET heartbeat = NULL WHERE owner = current_user"
                     " AND fingerprint = $1 AND run_id = $2"_s,
                     {plan.fingerprint, m_runId});
            *message = u"cancelled after %1 of %2 todos; the cloud holds whole batches only, and running the"
                       " migration again resumes it"_s.arg(done).arg(total);
            return Outcome::Cancelled;
        }
        const qsizetype to = qMin<qsizetype>(total, done + batchSize);
        ++batch;
        QString error;
        if (!writeBatch(plan, done, to, options, batch, &error)) {
            *message = u"batch %1 failed (%2); %3 of %4 todos are in the cloud, running the migration again"
                       " resumes it"_s.arg(batch).arg(error).arg(done).arg(total);
            return Outcome::Failed;
        }
        done = to;
        if (options.progress)
            options.progress(done, total, secondsSince(timer));
        if (options.faultHook)
            options.faultHook(u"after-batch"_s, batch);
    }
    // The lease is kept until validation ends, so that a waiting run does
    // not take over between the two.
    if (!m_pg.run(u"UPDATE tandem.legacy_imports SET status = 'transferred', transferred_at = now(), heartbeat = now()"
                  " WHERE owner = current_user AND fingerprint = $1 AND run_id = $2"_s,
                  {plan.fingerprint, m_runId})) {
        *message = m_pg.lastError();
        return Outcome::Failed;
    }
    return Outcome::Transferred;
}
