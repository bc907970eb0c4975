#pragma once

#include <QString>

class PgConnection;
struct PullSet;

namespace PullFetcher {

// Reads everything the server changed at or after cursor (an xid8) in one
// REPEATABLE READ transaction and one round trip: lists, todos, tag links,
// the conflict log and reminders, plus the next cursor, which is that transaction's
// snapshot xmin (see docs/sync.md, "Pull"). False when the server failed;
// the connection's lastError() and lastSqlState() say why.
bool fetch(PgConnection &pg, const QString &cursor, int statementTimeoutMs, PullSet *pull);

} // namespace PullFetcher
