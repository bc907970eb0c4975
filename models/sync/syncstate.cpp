#include "syncstate.h"

#include "store/sqlhelpers.h"

#include <QUuid>

using namespace Qt::StringLiterals;

namespace {
const QString kDeviceId = u"sync.device_id"_s;
const QString kPullCursor = u"sync.pull_cursor"_s;
const QString kServerIdentity = u"sync.server_identity"_s;
const QString kLastSyncAt = u"sync.last_sync_at"_s;
const QString kImportedListId = u"import.list_id"_s;
} // namespace

SyncState::SyncState(const QSqlDatabase &db)
    : m_db(db)
{
}

QString SyncState::value(const QString &key) const
{
    auto query = Sql::select(m_db, u"SELECT value FROM meta WHERE key = ?"_s, {key});
    return query && query->next() ? query->value(0).toString() : QString();
}

bool SyncState::setValue(const QString &key, const QString &value)
{
    return Sql::exec(m_db,
                     u"INSERT INTO meta(key, value) VALUES (?, ?)"
                     " ON CONFLICT(key) DO UPDATE SET value = excluded.value"_s,
                     {key, value});
}

QString SyncState::deviceId()
{
    QString id = value(kDeviceId);
    if (id.isEmpty()) {
        id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        setValue(kDeviceId, id);
    }
    return id;
}

QString SyncState::renewDeviceId()
{
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    return setValue(kDeviceId, id) ? id : QString();
}

QString SyncState::pullCursor() const
{
    const QString cursor = value(kPullCursor);
    return cursor.isEmpty() ? u"0"_s : cursor;
}

bool SyncState::setPullCursor(const QString &xid)
{
    return setValue(kPullCursor, xid);
}

QString SyncState::serverIdentity() const
{
    return value(kServerIdentity);
}

bool SyncState::setServerIdentity(const QString &identity)
{
    return setValue(kServerIdentity, identity);
}

std::optional<Timestamp::Micros> SyncState::lastSyncAt() const
{
    const QString text = value(kLastSyncAt);
    if (text.isEmpty())
        return std::nullopt;
    return text.toLongLong();
}

bool SyncState::setLastSyncAt(Timestamp::Micros when)
{
    return setValue(kLastSyncAt, QString::number(when));
}

QString SyncState::importedListId() const
{
    return value(kImportedListId);
}

bool SyncState::setImportedListId(const QString &listId)
{
    return setValue(kImportedListId, listId);
}
