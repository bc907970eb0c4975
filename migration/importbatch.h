#pragma once

#include "cloudimporter.h"

#include <QByteArray>
#include <QString>

class PgBinaryCopy;
struct MappedTodo;
struct MigrationPlan;
struct pg_conn;

// One batch of CloudImporter on one libpq connection: the todo tuples it
// copies, the query string that commits them, and its two round trips
// (start: up to COPY and the rows; finish: the rest, up to COMMIT). Both
// leave the connection idle when they fail: nothing of the batch commits.
namespace ImportBatch {

// A todo as one tuple of the batch's temporary table, in its column order.
void appendTodo(PgBinaryCopy &copy, const MappedTodo &todo);

// Sends the batch (count todos, rows: appendTodo's tuples without the
// header and trailer) of the run runId; number is its 1-based number in
// this run, for options.faultHook.
bool start(pg_conn *conn, const MigrationPlan &plan, const QString &runId, qint64 count, const QByteArray &rows,
           const CloudImporter::Options &options, int number, QString *error);

// Waits for the batch's commit; adds the server's seconds for the links
// to *linkSeconds.
bool finish(pg_conn *conn, double *linkSeconds, QString *error);

} // namespace ImportBatch
