#pragma once

#include <QJsonArray>
#include <QSqlDatabase>
#include <QStringList>

// The oldest changes of the outbox, as the JSON array tandem.push() takes,
// in the order they were made. Each carries its row's sync_xid as "base".
struct OutboxBatch
{
    qint64 lastSeq = 0;
    int changeCount = 0;
    QJsonArray changes;
    QStringList todoIds;
    QStringList listIds;
    QStringList reminderIds;

    bool isEmpty() const { return changeCount == 0; }

    static OutboxBatch read(const QSqlDatabase &db, int maxChanges, QString *error);
    // After the server acknowledged: drops the pushed changes, and records the
    // server transaction as the base of the rows it wrote. One local transaction.
    bool acknowledge(const QSqlDatabase &db, const QString &serverXid, QString *error) const;
    // Drops changes the server reported as applied earlier (under a device
    // id this cache gives up). One local transaction.
    static bool forget(const QSqlDatabase &db, const QList<qint64> &seqs, QString *error);
};
