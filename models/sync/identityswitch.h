#pragma once

#include <QSqlDatabase>
#include <QString>

// What a cache does when the server it meets is not the identity it synced
// with before: another database (another Neon project, or the same one
// emptied and set up again), or another role of the same database.
//
// Nothing of the old identity is deleted anywhere: its rows stay on its
// server. The cache offers the new identity everything it holds, its
// pending edits included, as on a first sync:
// - every list and todo gets a new id, derived from the new identity and the
//   old id (UUID v5). The old ids may belong to another role of the same
//   database, where the new role could neither see nor reuse them; derived
//   ids let two desktops of one person that switch alike still converge;
// - the outbox is rebuilt from the whole cache (what waited for the old
//   identity is in it), the rows forget their server stamps, the pull starts
//   over, and the cache takes a new device id.
// All of it is one SQLite transaction.
namespace IdentitySwitch {

struct Outcome
{
    bool ok = false;
    int todos = 0; // live todos offered to the new identity
    QString deviceId;
    QString error;
};

Outcome apply(const QSqlDatabase &db, const QString &newIdentity);

// The id a row takes under newIdentity.
QString derivedId(const QString &newIdentity, const QString &oldId);

} // namespace IdentitySwitch
