#include "cloud/cloudschema.h"
#include "cloud/pgconnection.h"
#include "domain/tagkey.h"
#include "scratchdatabase.h"
#include "syncreplica.h"
#include "syncsnapshot.h"

#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using SyncSnapshot::CloudConnection;

// Cloud schema step 9 on a database that has tags already: it gives every
// person's plain ASCII names their key (row-level security would hide the
// other people's rows from the role that runs the step), leaves the others
// without one, and a desktop's first change of such a tag gives it its key.
class CloudTagKeysTest : public QObject
{
    Q_OBJECT

private:
    // The steps before 9, as the role that will own the tables: an ordinary
    // role, which row-level security applies to (the admin is a superuser).
    static bool migrateBeforeTagKeys(PgConnection &owner)
    {
        QString script = u"CREATE SCHEMA tandem; CREATE TABLE tandem.schema_migrations ("
                         " version integer PRIMARY KEY, checksum text NOT NULL,"
                         " applied_at timestamptz NOT NULL DEFAULT now());"_s;
        for (int step = 1; step < 9; ++step) {
            script += CloudSchema::stepSql(step) + u";\nINSERT INTO tandem.schema_migrations(version, checksum) VALUES (%1, '%2');\n"_s
                                                       .arg(step)
                                                       .arg(CloudSchema::checksum(step));
        }
        if (!owner.runScript(u"BEGIN;\n"_s + script + u"\nCOMMIT;"_s)) {
            qWarning("steps 1 to 8: %s", qPrintable(owner.lastError()));
            return false;
        }
        return true;
    }

    static QString keyOf(const CloudConnection &admin, const QString &owner, const QString &name)
    {
        const PgResult row = admin->exec(u"SELECT coalesce(name_key, '<null>') FROM tandem.tags WHERE owner = $1 AND name = $2"_s,
                                         {owner, name});
        return row.ok() && row.rowCount() == 1 ? row.text(0, 0) : u"<no row>"_s;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void shouldKeyExistingTagsThenLetADesktopKeyTheRest()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        const QStringList roles = ScratchDatabase::roles();
        QVERIFY2(roles.size() >= 2, "two ordinary roles are needed");
        const QString alice = roles.at(0);
        const QString bob = roles.at(1);
        ScratchDatabase cloud(server, u"TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'"_s);
        QVERIFY(cloud.isValid());
        QVERIFY(cloud.adminExec(u"GRANT CREATE ON DATABASE %1 TO %2"_s.arg(cloud.name(), alice)));
        {
            const CloudConnection owner(cloud, alice);
            QVERIFY(migrateBeforeTagKeys(*owner));
            QVERIFY(owner->runScript(
                u"INSERT INTO tandem.lists (id, name, is_inbox) VALUES ('11111111-1111-1111-1111-111111111111', 'Inbox', true);"
                " INSERT INTO tandem.todos (id, list_id, title) VALUES"
                "  ('22222222-2222-2222-2222-222222222222', '11111111-1111-1111-1111-111111111111', 'Tagged');"
                " INSERT INTO tandem.tags (id, name, created_at) VALUES"
                "  ('33333333-3333-3333-3333-333333333331', 'Work', now() - interval '1 day'),"
                "  ('33333333-3333-3333-3333-333333333332', ' work', now()),"
                "  ('33333333-3333-3333-3333-333333333333', 'ÄRGER', now());"
                " INSERT INTO tandem.todo_tags (todo_id, tag_id) VALUES"
                "  ('22222222-2222-2222-2222-222222222222', '33333333-3333-3333-3333-333333333333'),"
                "  ('22222222-2222-2222-2222-222222222222', '33333333-3333-3333-3333-333333333331');"_s));
        }
        {
            const CloudConnection other(cloud, bob);
            QVERIFY(other->runScript(u"INSERT INTO tandem.tags (name) VALUES ('Home'), ('Straße')"_s));
        }
        const CloudConnection admin(cloud);
        const qint64 stampBefore = admin.number(u"SELECT max(change_xid::text::bigint) FROM tandem.tags"_s);

        {
            const CloudConnection owner(cloud, alice);
            const CloudSchema::Result step9 = CloudSchema::ensure(*owner);
            QVERIFY2(step9.usable(), qPrintable(step9.message));
            QCOMPARE(step9.appliedSteps, CloudSchema::knownVersion() - 8); // step 9 and the ones after it
        }
        QCOMPARE(keyOf(admin, alice, u"Work"_s), u"work"_s);
        QCOMPARE(keyOf(admin, alice, u" work"_s), u"<null>"_s); // the older one has the key
        QCOMPARE(keyOf(admin, alice, u"ÄRGER"_s), u"<null>"_s); // no SQL gives the desktop's key
        QCOMPARE(keyOf(admin, bob, u"Home"_s), u"home"_s);      // not hidden by row-level security
        QCOMPARE(keyOf(admin, bob, u"Straße"_s), u"<null>"_s);
        // Nothing for the desktops to pull again.
        QCOMPARE(admin.number(u"SELECT max(change_xid::text::bigint) FROM tandem.tags"_s), stampBefore);
        QCOMPARE(admin.number(u"SELECT count(*) FROM pg_class WHERE relname = 'tags' AND relforcerowsecurity"_s), 1);

        // A desktop of Alice's removes "ÄRGER" by its name in another case:
        // the tag it names exactly gets its key, and the link goes.
        SyncReplica desk(cloud, alice);
        const SyncResult first = desk.sync();
        QVERIFY2(first.ok(), qPrintable(first.message));
        const QString todoId = u"22222222-2222-2222-2222-222222222222"_s;
        QCOMPARE(desk.store->todo(todoId)->tags.size(), 2);
        desk.edit(todoId, [](Todo &todo) {
            todo.tags.removeIf([](const QString &tag) { return TagKey::of(tag) == TagKey::of(u"ärger"_s); });
        });
        const SyncResult pushed = desk.sync();
        QVERIFY2(pushed.ok(), qPrintable(pushed.message));
        QCOMPARE(keyOf(admin, alice, u"ÄRGER"_s), TagKey::of(u"ÄRGER"_s));
        QCOMPARE(admin.number(u"SELECT count(*) FROM tandem.todo_tags WHERE deleted_at IS NULL"_s), 1);

        // Adding it again finds the keyed tag: no second row.
        desk.edit(todoId, [](Todo &todo) { todo.tags << u"Ärger"_s; });
        QVERIFY(desk.sync().ok());
        QCOMPARE(admin.number(u"SELECT count(*) FROM tandem.tags WHERE owner = $1"_s, {alice}), 3);
        QCOMPARE(admin.number(u"SELECT count(*) FROM tandem.todo_tags WHERE deleted_at IS NULL"_s), 2);
    }

    // The server never guesses a key from a name: a tag change without one
    // is refused, and the push writes nothing.
    void shouldRefuseATagChangeWithoutItsKey()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server);
        QVERIFY(cloud.isValid());
        QVERIFY(SyncSnapshot::migrate(cloud));
        const CloudConnection admin(cloud);
        QVERIFY(admin->runScript(
            u"INSERT INTO tandem.lists (id, name, is_inbox) VALUES ('11111111-1111-1111-1111-111111111111', 'Inbox', true);"
            " INSERT INTO tandem.todos (id, list_id, title) VALUES"
            "  ('22222222-2222-2222-2222-222222222222', '11111111-1111-1111-1111-111111111111', 'Tagged');"_s));
        const QString change = uR"([{"seq": 1, "entity": "todo_tag", "id": "22222222-2222-2222-2222-222222222222",
                                     "op": "add", "tag": "ÄRGER"}])"_s;
        QVERIFY(!admin->run(u"SELECT tandem.push(gen_random_uuid(), $1::jsonb)"_s, {change}));
        QCOMPARE(admin->lastSqlState(), u"22023"_s);
        QCOMPARE(admin.number(u"SELECT count(*) FROM tandem.tags"_s), 0);
    }

    // The legacy import sends each tag's key; a tag of the person's with the
    // same key but another case is the one the file's todos get.
    void shouldMatchImportedTagsByKey()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server, u"TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'"_s);
        QVERIFY(cloud.isValid());
        QVERIFY(SyncSnapshot::migrate(cloud));
        const CloudConnection admin(cloud);
        QVERIFY(admin->run(u"INSERT INTO tandem.tags (id, name, name_key) VALUES"
                           " ('44444444-4444-4444-4444-444444444444', 'ärger', 'ärger')"_s));
        const QString tags = uR"([{"id": "55555555-5555-5555-5555-555555555555", "name": "ÄRGER", "key": "ärger"},
                                  {"id": "66666666-6666-6666-6666-666666666666", "name": "İstanbul", "key": "%1"}])"_s
                                 .arg(TagKey::of(u"İstanbul"_s));
        const PgResult claimed = admin->exec(
            u"SELECT outcome FROM tandem.legacy_import_claim('fp', gen_random_uuid(), 60, 'file', 2,"
            " gen_random_uuid(), 1, $1::jsonb, 2, 'test', gen_random_uuid(), gen_random_uuid())"_s,
            {tags});
        QVERIFY2(claimed.ok(), qPrintable(admin->lastError()));
        QCOMPARE(claimed.text(0, 0), u"claimed"_s);
        const PgResult resolved
            = admin->exec(u"SELECT tag_index, tag_id::text FROM tandem.legacy_import_tags($1::jsonb) ORDER BY 1"_s, {tags});
        QVERIFY2(resolved.ok(), qPrintable(admin->lastError()));
        QCOMPARE(resolved.rowCount(), 2);
        QCOMPARE(resolved.text(0, 1), u"44444444-4444-4444-4444-444444444444"_s);
        QCOMPARE(resolved.text(1, 1), u"66666666-6666-6666-6666-666666666666"_s);
        QCOMPARE(admin.number(u"SELECT count(*) FROM tandem.tags"_s), 2);
    }
};

QTEST_GUILESS_MAIN(CloudTagKeysTest)
#include "cloudtagkeystest.moc"
