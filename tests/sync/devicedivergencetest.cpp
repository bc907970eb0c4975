#include "scratchdatabase.h"
#include "sync/outboxbatch.h"
#include "sync/syncstate.h"
#include "syncreplica.h"
#include "syncsnapshot.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using SyncSnapshot::CloudConnection;

// How the server tells a batch sent again after a lost acknowledgement (a
// replay: skip it) from other changes under the same device id and sequence
// numbers (a restored or copied data folder: apply nothing, say "diverged").
class DeviceDivergenceTest : public QObject
{
    Q_OBJECT

private:
    static QJsonObject push(const CloudConnection &sql, const QString &device, const QJsonArray &changes)
    {
        const PgResult answer = sql->exec(u"SELECT tandem.push($1::uuid, $2::jsonb)::text"_s,
                                          {device, QJsonDocument(changes).toJson(QJsonDocument::Compact)});
        if (!answer.ok())
            qWarning("push failed: %s", qPrintable(answer.errorMessage()));
        return answer.ok() ? QJsonDocument::fromJson(answer.raw(0, 0)).object() : QJsonObject();
    }

    static QString serverTitles(const CloudConnection &sql)
    {
        const PgResult rows = sql->exec(u"SELECT coalesce(string_agg(title || '/' || notes, ',' ORDER BY title), '')"
                                        " FROM tandem.todos WHERE deleted_at IS NULL"_s);
        return rows.ok() ? rows.text(0, 0) : u"<error>"_s;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void shouldApplyNothingWhenOneChangeUnderAKnownNumberDiffers()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server);
        QVERIFY(SyncSnapshot::migrate(cloud));
        SyncReplica desk(cloud);
        desk.add(u"First"_s);
        desk.add(u"Second"_s);
        const QSqlDatabase db = desk.database->database();
        QString error;
        const OutboxBatch batch = OutboxBatch::read(db, 1000, &error);
        QVERIFY(batch.changeCount >= 3); // the Inbox and two todos
        const CloudConnection admin(cloud);
        const QString device = SyncState(db).deviceId();
        QCOMPARE(push(admin, device, batch.changes).value(u"applied"_s).toInt(), batch.changeCount);
        const QString before = serverTitles(admin);

        // The last change differs under its old number: a copy's own todo.
        QJsonArray other = batch.changes;
        QJsonObject last = other.last().toObject();
        QJsonObject values = last.value(u"values"_s).toObject();
        values.insert(u"title"_s, u"Made on the copy"_s);
        last.insert(u"values"_s, values);
        other.replace(other.size() - 1, last);
        const QJsonObject answer = push(admin, device, other);
        QVERIFY(answer.value(u"diverged"_s).toBool());
        QVERIFY(!answer.contains(u"xid"_s));
        QJsonArray expectedMatches;
        for (qsizetype i = 0; i + 1 < batch.changes.size(); ++i)
            expectedMatches.append(batch.changes.at(i).toObject().value(u"seq"_s).toInteger());
        QCOMPARE(answer.value(u"matched"_s).toArray(), expectedMatches);
        QCOMPARE(serverTitles(admin), before);
        QCOMPARE(admin.number(u"SELECT last_seq FROM tandem.devices WHERE device_id = $1"_s, {device}), batch.lastSeq);

        // The batch itself, sent again, is still a replay.
        const QJsonObject replay = push(admin, device, batch.changes);
        QCOMPARE(replay.value(u"skipped"_s).toInt(), batch.changeCount);
        QVERIFY(!replay.value(u"diverged"_s).toBool());
    }

    void shouldCallANumberWhoseDigestIsGoneDiverged()
    {
        // Only the newest 20,000 digests of a device are kept; a change below
        // them cannot be proved a replay, so it is never taken for one.
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server);
        QVERIFY(SyncSnapshot::migrate(cloud));
        SyncReplica desk(cloud);
        desk.add(u"Early"_s);
        const QSqlDatabase db = desk.database->database();
        QString error;
        const OutboxBatch early = OutboxBatch::read(db, 1000, &error);
        const CloudConnection admin(cloud);
        const QString device = SyncState(db).deviceId();
        QVERIFY(push(admin, device, early.changes).contains(u"xid"_s));
        QVERIFY(admin->run(u"UPDATE tandem.devices SET last_seq = 100000 WHERE device_id = $1"_s, {device}));
        const QJsonArray later{QJsonObject{{u"seq"_s, 100001}, {u"entity"_s, u"todo"_s},
                                           {u"id"_s, Todo::newId()}, {u"op"_s, u"upsert"_s},
                                           {u"values"_s, QJsonObject{{u"title"_s, u"Much later"_s}}}}};
        QVERIFY(push(admin, device, later).contains(u"xid"_s));
        QCOMPARE(admin.number(u"SELECT count(*) FROM tandem.device_changes WHERE device_id = $1 AND seq <= $2"_s,
                              {device, early.lastSeq}),
                 0);
        QVERIFY(push(admin, device, early.changes).value(u"diverged"_s).toBool());
    }

    void shouldNotSendAgainWhatARestoredFolderHadAlreadySent()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server);
        QVERIFY(SyncSnapshot::migrate(cloud));
        SyncReplica desk(cloud);
        const Todo kept = desk.add(u"Kept"_s);
        QVERIFY(desk.sync().ok());
        desk.edit(kept.id, [](Todo &t) { t.notes = u"pending at the backup"_s; });
        QTemporaryDir backups;
        const QString backup = backups.filePath(u"backup.db"_s);
        QVERIFY(desk.backUpTo(backup));
        QVERIFY(desk.sync().ok()); // sends the edit
        desk.add(u"After the backup"_s);
        QVERIFY(desk.sync().ok());
        const QString deviceBefore = SyncState(desk.database->database()).deviceId();

        desk.replaceCacheWith(backup);
        desk.add(u"After the restore"_s);
        const SyncResult restored = desk.sync();
        QVERIFY2(restored.ok(), qPrintable(restored.message));
        QVERIFY(!restored.notice.isEmpty());
        // The edit was recognised as sent, and only the new todo went out.
        QCOMPARE(restored.pushedChanges, 1);
        QVERIFY(SyncState(desk.database->database()).deviceId() != deviceBefore);
        const CloudConnection admin(cloud);
        QCOMPARE(serverTitles(admin), u"After the backup/,After the restore/,Kept/pending at the backup"_s);
        QCOMPARE(admin.number(u"SELECT count(*) FROM tandem.conflicts"_s), 0);
        QCOMPARE(desk.store->pendingChangeCount(), 0);
        QCOMPARE(SyncSnapshot::local(desk.database->database()).size(), 3);

        // Said once.
        const SyncResult again = desk.sync();
        QVERIFY(again.ok());
        QVERIFY(again.notice.isEmpty());
    }
};

QTEST_GUILESS_MAIN(DeviceDivergenceTest)
#include "devicedivergencetest.moc"
