#include "importbatch.h"

#include "migrationplan.h"
#include "pgbinarycopy.h"

#include <libpq-fe.h>

#include <QList>

using namespace Qt::StringLiterals;

namespace {

// The columns of migr_todos, in order: each tuple has this many fields.
constexpr qint16 kTodoFields = 12;

void rollback(pg_conn *conn)
{
    PQclear(PQexec(conn, "ROLLBACK"));
}

} // namespace

namespace ImportBatch {

void appendTodo(PgBinaryCopy &copy, const MappedTodo &t)
{
    // In the order of migr_todos' columns (start()).
    copy.startTuple(kTodoFields);
    copy.appendUuid(t.id);
    copy.appendText(t.title);
    copy.appendText(t.notes);
    copy.appendBool(t.completed);
    if (t.dueUs)
        copy.appendTimestamp(*t.dueUs);
    else
        copy.appendNull();
    copy.appendBool(t.dueHasTime);
    copy.appendInt16(qint16(t.priority));
    copy.appendFloat8(t.position);
    copy.appendTimestamp(t.createdUs);
    copy.appendTimestamp(t.updatedUs);
    copy.appendInt64(t.legacyId);
    copy.appendUuidArray(t.tagIds);
}

bool start(pg_conn *conn, const MigrationPlan &plan, const QString &runId, qint64 count, const QByteArray &rows,
           const CloudImporter::Options &options, int number, QString *error)
{
    const auto literal = [conn](const QString &text) {
        const QByteArray utf8 = text.toUtf8();
        char *escaped = PQescapeLiteral(conn, utf8.constData(), size_t(utf8.size()));
        const QByteArray out(escaped ? escaped : "NULL");
        PQfreemem(escaped);
        return out;
    };
    const QByteArray fingerprint = literal(plan.fingerprint);
    // The owner as a constant rather than each row's default: current_user
    // is looked up per row otherwise. Row-level security still checks it.
    const QByteArray owner = literal(plan.owner);
    // The links come from unnest() in the select list rather than a LATERAL
    // join, whose Memoize node hashed every todo's array: half the cost.
    QByteArray sql = "BEGIN;";
    if (options.statementTimeoutMs > 0)
        sql += " SET LOCAL statement_timeout = " + QByteArray::number(options.statementTimeoutMs) + ";";
    sql += " SELECT tandem.legacy_import_batch(" + fingerprint + ", " + literal(runId) + ");"
           " CREATE TEMP TABLE migr_todos (id uuid, title text, notes text, completed boolean,"
           " due_at timestamptz, due_has_time boolean, priority smallint, position double precision,"
           " created_at timestamptz, updated_at timestamptz, legacy_id bigint, tag_ids uuid[]) ON COMMIT DROP;"
           " COPY migr_todos FROM STDIN (FORMAT binary);"
           " INSERT INTO tandem.todos (id, owner, list_id, title, notes, completed, due_at, due_has_time, priority,"
           " position, created_at, updated_at, legacy_id)"
           " SELECT id, " + owner + ", " + literal(plan.listId.toString(QUuid::WithoutBraces)) + "::uuid, title, notes,"
           " completed, due_at, due_has_time, priority, position, created_at, updated_at, legacy_id"
           " FROM migr_todos;"
           " SELECT extract(epoch FROM clock_timestamp());"
           " INSERT INTO tandem.todo_tags (todo_id, tag_id, owner, created_at)"
           " SELECT id, unnest(tag_ids), " + owner + ", created_at FROM migr_todos;"
           " SELECT extract(epoch FROM clock_timestamp());"
           " UPDATE tandem.legacy_imports SET todos_done = todos_done + " + QByteArray::number(count) + ","
           " batches_done = batches_done + 1, heartbeat = clock_timestamp()"
           " WHERE owner = current_user AND fingerprint = " + fingerprint + ";"
           " COMMIT;";
    if (PQsendQuery(conn, sql.constData()) != 1) {
        *error = QString::fromUtf8(PQerrorMessage(conn)).trimmed();
        return false;
    }
    // Up to COPY: BEGIN, the check, the table.
    bool copying = false;
    while (!copying) {
        PGresult *r = PQgetResult(conn);
        if (!r)
            break;
        const ExecStatusType status = PQresultStatus(r);
        copying = status == PGRES_COPY_IN;
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && !copying && error->isEmpty())
            *error = QString::fromUtf8(PQresultErrorMessage(r)).trimmed();
        PQclear(r);
    }
    if (!copying) {
        // The server skipped the rest: drain what is left and give the
        // transaction back.
        while (PGresult *r = PQgetResult(conn))
            PQclear(r);
        if (error->isEmpty())
            *error = QString::fromUtf8(PQerrorMessage(conn)).trimmed();
        rollback(conn);
        return false;
    }
    // One COPY per batch: the header, the batch's tuples, the trailer.
    constexpr qsizetype kChunk = 1 << 18;
    const auto put = [conn](QByteArrayView bytes) {
        return PQputCopyData(conn, bytes.data(), int(bytes.size())) == 1;
    };
    bool sent = put(PgBinaryCopy::header());
    for (qsizetype at = 0; at < rows.size() && sent; at += kChunk)
        sent = put(QByteArrayView(rows).sliced(at, qMin(kChunk, rows.size() - at)));
    sent = sent && put(PgBinaryCopy::trailer());
    if (sent && options.faultHook)
        options.faultHook(u"in-batch"_s, number);
    if (PQputCopyEnd(conn, sent ? nullptr : "the client could not send the rows") != 1 || !sent) {
        *error = QString::fromUtf8(PQerrorMessage(conn)).trimmed();
        while (PGresult *r = PQgetResult(conn))
            PQclear(r);
        rollback(conn);
        return false;
    }
    return true;
}

bool finish(pg_conn *conn, double *linkSeconds, QString *error)
{
    QList<double> clocks;
    bool ok = true;
    while (PGresult *r = PQgetResult(conn)) {
        const ExecStatusType status = PQresultStatus(r);
        if (status == PGRES_TUPLES_OK && PQntuples(r) == 1 && PQnfields(r) == 1)
            clocks << QByteArray(PQgetvalue(r, 0, 0)).toDouble();
        else if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && ok) {
            ok = false;
            *error = QString::fromUtf8(PQresultErrorMessage(r)).trimmed();
        }
        PQclear(r);
    }
    if (!ok || PQtransactionStatus(conn) != PQTRANS_IDLE) {
        if (error->isEmpty())
            *error = QString::fromUtf8(PQerrorMessage(conn)).trimmed();
        rollback(conn);
        return false;
    }
    // The server's clock between the todo insert and the link insert: how
    // much of the batch the links took.
    if (clocks.size() == 2)
        *linkSeconds += clocks.at(1) - clocks.at(0);
    return true;
}

} // namespace ImportBatch
