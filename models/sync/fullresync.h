#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

struct PullSet;

// A pull from cursor 0 after this desktop was offline for longer than the
// server keeps tombstones: the rows the server purged meanwhile are not in
// it, so they are found by their absence and deleted here too.
namespace FullResync {

// Whether a pull from cursor has to start again from 0: the server purged
// tombstones newer than the cursor (pull: what the pull from cursor brought).
bool needed(const QString &cursor, const PullSet &pull);

// The live todos of the cache that came from the server and are not in
// full (a pull from 0), leaving out those with changes still to push.
QStringList missingTodos(const QSqlDatabase &local, const PullSet &full);

// Deletes missingTodos() in one write transaction, and appends their ids to
// *retired.
bool retireMissingTodos(const QSqlDatabase &local, const PullSet &full, QStringList *retired,
                        QString *error);

} // namespace FullResync
