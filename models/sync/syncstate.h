#pragma once

#include "domain/timestamp.h"

#include <QSqlDatabase>
#include <QString>

// What this desktop remembers about its sync, in the local cache's meta table.
class SyncState
{
public:
    explicit SyncState(const QSqlDatabase &db);

    // This cache's id towards the server; made on first use. A cache that
    // meets a new identity, or finds that the server already holds other
    // changes under its id (a restored or copied data folder), takes a new one.
    QString deviceId();
    QString renewDeviceId();
    // The pull cursor: an xid8, as text. "0" pulls everything.
    QString pullCursor() const;
    bool setPullCursor(const QString &xid);
    // database_id/role of the server last synced with; empty before the first sync.
    QString serverIdentity() const;
    bool setServerIdentity(const QString &identity);
    std::optional<Timestamp::Micros> lastSyncAt() const;
    bool setLastSyncAt(Timestamp::Micros when);
    // The list the legacy import wrote (the wizard's MigrationReport::importedListId).
    // The window finds the Imported list by it, never by its name: the person
    // may rename it, call another list "Imported", or read the app in another
    // language. Recorded when the import finishes, before the pull brings the
    // list; empty when this cache never saw an import finish.
    QString importedListId() const;
    bool setImportedListId(const QString &listId);

    QString value(const QString &key) const;
    bool setValue(const QString &key, const QString &value);

private:
    QSqlDatabase m_db;
};
