#include "cloud/cloudschema.h"
#include "cloud/pgconnection.h"
#include "scratchdatabase.h"

#include <QElapsedTimer>
#include <QTest>
#include <QThread>
#include <QUuid>

#include <libpq-fe.h>

using namespace Qt::StringLiterals;

// The references between lists, todos, tags and tag links, which the cloud
// checks per statement (schema steps 6 and 7) instead of with declared foreign
// keys: against a real PostgreSQL, what a key refused is still refused, with
// the key's SQLSTATE and name, and what it allowed is still allowed.
class CloudKeysTest : public QObject
{
    Q_OBJECT

    // Fixed ids, so that the _data() rows can name them.
    static constexpr auto kList = "10000000-0000-4000-8000-000000000001"_L1;
    static constexpr auto kOtherList = "10000000-0000-4000-8000-000000000002"_L1;
    static constexpr auto kTodo = "20000000-0000-4000-8000-000000000001"_L1;
    static constexpr auto kOtherTodo = "20000000-0000-4000-8000-000000000002"_L1;
    static constexpr auto kTag = "30000000-0000-4000-8000-000000000001"_L1;
    static constexpr auto kOtherTag = "30000000-0000-4000-8000-000000000002"_L1;
    static constexpr auto kMissing = "99999999-0000-4000-8000-000000000009"_L1;

    static std::unique_ptr<PgConnection> connect(const ScratchDatabase &scratch, const QString &user = {})
    {
        auto connection = std::make_unique<PgConnection>(
            scratch.connection(u"keys-"_s + QUuid::createUuid().toString(QUuid::Id128), user));
        if (!connection->open())
            qWarning("cannot connect: %s", qPrintable(connection->lastError()));
        return connection;
    }

    // Two lists, two todos in the first, two tags, one link (kTodo, kTag).
    static bool seed(PgConnection &db)
    {
        return db.runScript(statement(u"INSERT INTO tandem.lists (id, name) VALUES ('%1', 'Home'), ('%2', 'Work');"
                                      " INSERT INTO tandem.todos (id, list_id, title) VALUES ('%3', '%1', 'Paint'),"
                                      " ('%4', '%1', 'Sand');"
                                      " INSERT INTO tandem.tags (id, name) VALUES ('%5', 'diy'), ('%6', 'weekend');"
                                      " INSERT INTO tandem.todo_tags (todo_id, tag_id) VALUES ('%3', '%5');"_s));
    }

    static QString counts(PgConnection &db)
    {
        const PgResult r = db.exec(u"SELECT (SELECT count(*) FROM tandem.lists) || '/' || (SELECT count(*) FROM tandem.todos)"
                                   " || '/' || (SELECT count(*) FROM tandem.tags) || '/' || (SELECT count(*) FROM tandem.todo_tags)"
                                   " || ' ' || (SELECT string_agg(list_id::text, ',' ORDER BY id) FROM tandem.todos)"
                                   " || ' ' || (SELECT string_agg(todo_id || ':' || tag_id, ',' ORDER BY todo_id, tag_id)"
                                   " FROM tandem.todo_tags)"_s);
        return r.ok() ? r.text(0, 0) : r.errorMessage();
    }

    // The statement, with %1 … %7 standing for the ids above.
    static QString statement(QString sql)
    {
        const QLatin1StringView ids[] = {kList, kOtherList, kTodo, kOtherTodo, kTag, kOtherTag, kMissing};
        for (qsizetype i = 0; i < qsizetype(std::size(ids)); ++i)
            sql.replace(u'%' + QString::number(i + 1), ids[i]);
        return sql;
    }

    // The one boolean a check query gives, or a failure saying why not.
    static bool holds(PgConnection &db, const QString &check)
    {
        const PgResult r = db.exec(statement(check));
        if (!r.ok() || r.rowCount() != 1) {
            qWarning("%s: %s", qPrintable(check), qPrintable(r.errorMessage()));
            return false;
        }
        return r.boolean(0, 0);
    }

    // Sends sql on a raw connection without waiting; true while the server
    // is still working on it after a moment (it waits for a lock).
    static bool sendAndSeeItWait(pg_conn *conn, const QString &sql)
    {
        if (PQsendQuery(conn, sql.toUtf8().constData()) != 1)
            return false;
        QThread::msleep(300);
        PQconsumeInput(conn);
        return PQisBusy(conn) == 1;
    }

    // The result of what sendAndSeeItWait() sent: its SQLSTATE, empty on success.
    static QString finish(pg_conn *conn)
    {
        QString state;
        while (PGresult *r = PQgetResult(conn)) {
            if (PQresultStatus(r) == PGRES_FATAL_ERROR && state.isEmpty())
                state = QString::fromLatin1(PQresultErrorField(r, PG_DIAG_SQLSTATE));
            PQclear(r);
        }
        return state;
    }

private Q_SLOTS:
    void shouldAllowWhatTheKeysAllowed_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("check"); // true afterwards, false before
        QTest::newRow("todo in a list")
            << u"INSERT INTO tandem.todos (list_id, title) VALUES ('%1', 'Fill')"_s
            << u"SELECT EXISTS (SELECT 1 FROM tandem.todos WHERE title = 'Fill')"_s;
        QTest::newRow("500 todos in two lists")
            << u"INSERT INTO tandem.todos (list_id, title) SELECT CASE WHEN i % 2 = 0 THEN '%1'::uuid ELSE '%2'::uuid END,"
               " 'Todo ' || i FROM generate_series(1, 500) AS i"_s
            << u"SELECT count(*) = 250 FROM tandem.todos WHERE list_id = '%2'"_s;
        QTest::newRow("link")
            << u"INSERT INTO tandem.todo_tags (todo_id, tag_id) VALUES ('%4', '%6')"_s
            << u"SELECT EXISTS (SELECT 1 FROM tandem.todo_tags WHERE todo_id = '%4' AND tag_id = '%6')"_s;
        QTest::newRow("two links of one todo another transaction wrote")
            << u"INSERT INTO tandem.todo_tags (todo_id, tag_id) VALUES ('%4', '%5'), ('%4', '%6')"_s
            << u"SELECT count(*) = 2 FROM tandem.todo_tags WHERE todo_id = '%4'"_s;
        QTest::newRow("links to todos written by the same transaction")
            << u"WITH t AS (INSERT INTO tandem.todos (list_id, title) SELECT '%2', 'New ' || i FROM generate_series(1, 300) AS i"
               " RETURNING id) INSERT INTO tandem.todo_tags (todo_id, tag_id) SELECT id, '%5' FROM t"_s
            << u"SELECT count(*) = 301 FROM tandem.todo_tags WHERE tag_id = '%5'"_s;
        QTest::newRow("todo moved to another list")
            << u"UPDATE tandem.todos SET list_id = '%2' WHERE id = '%3'"_s
            << u"SELECT list_id = '%2' FROM tandem.todos WHERE id = '%3'"_s;
        QTest::newRow("link pointed at another tag")
            << u"UPDATE tandem.todo_tags SET tag_id = '%6' WHERE todo_id = '%3'"_s
            << u"SELECT tag_id = '%6' FROM tandem.todo_tags WHERE todo_id = '%3'"_s;
        QTest::newRow("edit that keeps the references")
            << u"UPDATE tandem.todos SET title = 'Paint twice' WHERE id = '%3'"_s
            << u"SELECT title = 'Paint twice' FROM tandem.todos WHERE id = '%3'"_s;
        QTest::newRow("id of a list nothing refers to")
            << u"UPDATE tandem.lists SET id = '%7' WHERE id = '%2'"_s
            << u"SELECT EXISTS (SELECT 1 FROM tandem.lists WHERE id = '%7')"_s;
        QTest::newRow("purge of a todo with its links")
            << u"SELECT set_config('tandem.purging', 'on', false); DELETE FROM tandem.todo_tags WHERE todo_id = '%3';"
               " DELETE FROM tandem.todos WHERE id = '%3'"_s
            << u"SELECT NOT EXISTS (SELECT 1 FROM tandem.todos WHERE id = '%3')"_s;
        QTest::newRow("TRUNCATE of links, todos and tags together")
            << u"TRUNCATE tandem.todo_tags, tandem.todos, tandem.tags"_s
            << u"SELECT NOT EXISTS (SELECT 1 FROM tandem.todos) AND NOT EXISTS (SELECT 1 FROM tandem.tags)"_s;
        QTest::newRow("purge_tombstones() of a deleted list")
            << u"DELETE FROM tandem.lists WHERE id = '%1'; SELECT tandem.purge_tombstones('-1 second')"_s
            << u"SELECT NOT EXISTS (SELECT 1 FROM tandem.lists WHERE id = '%1') AND NOT EXISTS (SELECT 1 FROM tandem.todos)"_s;
    }

    void shouldAllowWhatTheKeysAllowed()
    {
        QFETCH(QString, sql);
        QFETCH(QString, check);
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase scratch(server);
        auto db = connect(scratch);
        QVERIFY(db->isOpen() && CloudSchema::ensure(*db).usable() && seed(*db));
        QVERIFY(!holds(*db, check));
        QVERIFY2(db->runScript(statement(sql)), qPrintable(db->lastError()));
        QVERIFY(holds(*db, check));
    }

    void shouldRefuseWhatTheKeysRefused_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("constraintName");
        QTest::newRow("todo in a missing list")
            << u"INSERT INTO tandem.todos (list_id, title) VALUES ('%7', 'Lost')"_s << u"todos_list_id_fkey"_s;
        QTest::newRow("one of 500 todos in a missing list")
            << u"INSERT INTO tandem.todos (list_id, title) SELECT CASE WHEN i = 377 THEN '%7'::uuid ELSE '%1'::uuid END,"
               " 'Todo ' || i FROM generate_series(1, 500) AS i"_s
            << u"todos_list_id_fkey"_s;
        QTest::newRow("link to a missing todo")
            << u"INSERT INTO tandem.todo_tags (todo_id, tag_id) VALUES ('%7', '%5')"_s << u"todo_tags_todo_id_fkey"_s;
        QTest::newRow("link to a missing tag")
            << u"INSERT INTO tandem.todo_tags (todo_id, tag_id) VALUES ('%4', '%7')"_s << u"todo_tags_tag_id_fkey"_s;
        QTest::newRow("links to new todos and one missing")
            << u"WITH t AS (INSERT INTO tandem.todos (list_id, title) SELECT '%2', 'New ' || i FROM generate_series(1, 300) AS i"
               " RETURNING id) INSERT INTO tandem.todo_tags (todo_id, tag_id) SELECT id, '%5' FROM t"
               " UNION ALL SELECT '%7'::uuid, '%5'::uuid"_s
            << u"todo_tags_todo_id_fkey"_s;
        QTest::newRow("todo moved to a missing list")
            << u"UPDATE tandem.todos SET list_id = '%7' WHERE id = '%4'"_s << u"todos_list_id_fkey"_s;
        QTest::newRow("link pointed at a missing todo")
            << u"UPDATE tandem.todo_tags SET todo_id = '%7'"_s << u"todo_tags_todo_id_fkey"_s;
        QTest::newRow("link pointed at a missing tag")
            << u"UPDATE tandem.todo_tags SET tag_id = '%7'"_s << u"todo_tags_tag_id_fkey"_s;
        QTest::newRow("id of a list with todos")
            << u"UPDATE tandem.lists SET id = '%7' WHERE id = '%1'"_s << u"todos_list_id_fkey"_s;
        QTest::newRow("id of a tagged todo")
            << u"UPDATE tandem.todos SET id = '%7' WHERE id = '%3'"_s << u"todo_tags_todo_id_fkey"_s;
        QTest::newRow("id of a tag in use")
            << u"UPDATE tandem.tags SET id = '%7' WHERE id = '%5'"_s << u"todo_tags_tag_id_fkey"_s;
        QTest::newRow("purge of a list with todos")
            << u"SELECT set_config('tandem.purging', 'on', false); DELETE FROM tandem.lists WHERE id = '%1'"_s
            << u"todos_list_id_fkey"_s;
        QTest::newRow("purge of a tagged todo")
            << u"SELECT set_config('tandem.purging', 'on', false); DELETE FROM tandem.todos"_s
            << u"todo_tags_todo_id_fkey"_s;
        QTest::newRow("TRUNCATE of the lists alone")
            << u"TRUNCATE tandem.lists"_s << u"todos_list_id_fkey"_s;
        QTest::newRow("TRUNCATE of the todos without their links")
            << u"TRUNCATE tandem.todos"_s << u"todo_tags_todo_id_fkey"_s;
        QTest::newRow("purge of a tag in use")
            << u"SELECT set_config('tandem.purging', 'on', false); DELETE FROM tandem.tags WHERE id = '%5'"_s
            << u"todo_tags_tag_id_fkey"_s;
    }

    void shouldRefuseWhatTheKeysRefused()
    {
        QFETCH(QString, sql);
        QFETCH(QString, constraintName);
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase scratch(server);
        auto db = connect(scratch);
        QVERIFY(db->isOpen() && CloudSchema::ensure(*db).usable() && seed(*db));
        const QString before = counts(*db);
        QVERIFY(!db->runScript(u"BEGIN; "_s + statement(sql) + u"; COMMIT"_s));
        QCOMPARE(db->lastSqlState(), u"23503"_s);
        QVERIFY2(db->lastError().contains(constraintName), qPrintable(db->lastError()));
        db->rollback();
        QCOMPARE(counts(*db), before);
    }

    // Under REPEATABLE READ the check of a removal would not see referring
    // rows committed meanwhile, so removals and id changes refuse to run
    // there (a key checked with a newer snapshot); the purge runs in READ
    // COMMITTED.
    void shouldRefuseRemovalsOutsideReadCommitted_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("check"); // true once it went through
        QTest::newRow("purge of an untagged todo")
            << u"SELECT set_config('tandem.purging', 'on', true); DELETE FROM tandem.todos WHERE id = '%4'"_s
            << u"SELECT NOT EXISTS (SELECT 1 FROM tandem.todos WHERE id = '%4')"_s;
        QTest::newRow("id of a list nothing refers to")
            << u"UPDATE tandem.lists SET id = '%7' WHERE id = '%2'"_s
            << u"SELECT EXISTS (SELECT 1 FROM tandem.lists WHERE id = '%7')"_s;
    }

    void shouldRefuseRemovalsOutsideReadCommitted()
    {
        QFETCH(QString, sql);
        QFETCH(QString, check);
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase scratch(server);
        auto db = connect(scratch);
        QVERIFY(db->isOpen() && CloudSchema::ensure(*db).usable() && seed(*db));
        QVERIFY(!db->runScript(u"BEGIN ISOLATION LEVEL REPEATABLE READ; "_s + statement(sql) + u"; COMMIT"_s));
        QCOMPARE(db->lastSqlState(), u"0A000"_s);
        db->rollback();
        QVERIFY(!holds(*db, check));
        // The same in READ COMMITTED goes through.
        QVERIFY2(db->runScript(u"BEGIN; "_s + statement(sql) + u"; COMMIT"_s), qPrintable(db->lastError()));
        QVERIFY(holds(*db, check));
    }

    void shouldNotLetATodoReferToAnotherPersonsList()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase scratch(server);
        const QStringList roles = ScratchDatabase::roles();
        QVERIFY2(roles.size() >= 2, "two ordinary roles are needed");
        QVERIFY(CloudSchema::ensure(*connect(scratch)).usable());
        auto alice = connect(scratch, roles.at(0));
        auto bob = connect(scratch, roles.at(1));
        QVERIFY(alice->run(statement(u"INSERT INTO tandem.lists (id, name) VALUES ('%1', 'Alice''s')"_s)));
        QVERIFY(alice->run(statement(u"INSERT INTO tandem.todos (list_id, title) VALUES ('%1', 'Hers')"_s)));

        QVERIFY(!bob->run(statement(u"INSERT INTO tandem.todos (list_id, title) VALUES ('%1', 'Sneaky')"_s)));
        QCOMPARE(bob->lastSqlState(), u"23503"_s);
        QVERIFY(bob->run(statement(u"INSERT INTO tandem.lists (id, name) VALUES ('%2', 'Bob''s')"_s)));
        QVERIFY(bob->run(statement(u"INSERT INTO tandem.todos (list_id, title) VALUES ('%2', 'His')"_s)));
        QCOMPARE(alice->exec(u"SELECT count(*) FROM tandem.todos"_s).int64(0, 0), 1);
        QCOMPARE(bob->exec(u"SELECT count(*) FROM tandem.todos"_s).int64(0, 0), 1);
    }

    // A writer that refers to a row holds it until it ends, as a key's FOR
    // KEY SHARE did. Whichever of the two comes second waits for the first,
    // then is refused: the purge finds the new link, or the link finds its
    // todo gone.
    // A new reference locks the row it names until its writer commits,
    // for each kind of reference: a purge of that row waits and then
    // refuses, or, purged first, the reference waits and then refuses.
    void shouldLetAReferenceAndARemovalWaitForEachOther_data()
    {
        QTest::addColumn<bool>("writerFirst");
        QTest::addColumn<QString>("reference");
        QTest::addColumn<QString>("purge");
        QTest::addColumn<QString>("referenced"); // a count: 1 if the purge refused
        QTest::addColumn<QString>("referring");  // a count: 1 if the reference was made
        const QString linkToTodo = u"INSERT INTO tandem.todo_tags (todo_id, tag_id) VALUES ('%4', '%6')"_s;
        const QString purgeTodo = u"DELETE FROM tandem.todos WHERE id = '%4'"_s;
        const QString todo = u"SELECT count(*) FROM tandem.todos WHERE id = '%4'"_s;
        const QString linksOfTodo = u"SELECT count(*) FROM tandem.todo_tags WHERE todo_id = '%4'"_s;
        const QString todoInList = u"INSERT INTO tandem.todos (list_id, title) VALUES ('%2', 'Report')"_s;
        const QString purgeList = u"DELETE FROM tandem.lists WHERE id = '%2'"_s;
        const QString list = u"SELECT count(*) FROM tandem.lists WHERE id = '%2'"_s;
        const QString todosInList = u"SELECT count(*) FROM tandem.todos WHERE list_id = '%2'"_s;
        const QString linkToTag = u"INSERT INTO tandem.todo_tags (todo_id, tag_id) VALUES ('%3', '%6')"_s;
        const QString purgeTag = u"DELETE FROM tandem.tags WHERE id = '%6'"_s;
        const QString tag = u"SELECT count(*) FROM tandem.tags WHERE id = '%6'"_s;
        const QString linksToTag = u"SELECT count(*) FROM tandem.todo_tags WHERE tag_id = '%6'"_s;
        QTest::newRow("todo: the purge waits for the writer") << true << linkToTodo << purgeTodo << todo << linksOfTodo;
        QTest::newRow("todo: the writer waits for the purge") << false << linkToTodo << purgeTodo << todo << linksOfTodo;
        QTest::newRow("list: the purge waits for the writer") << true << todoInList << purgeList << list << todosInList;
        QTest::newRow("list: the writer waits for the purge") << false << todoInList << purgeList << list << todosInList;
        QTest::newRow("tag: the purge waits for the writer") << true << linkToTag << purgeTag << tag << linksToTag;
        QTest::newRow("tag: the writer waits for the purge") << false << linkToTag << purgeTag << tag << linksToTag;
    }

    void shouldLetAReferenceAndARemovalWaitForEachOther()
    {
        QFETCH(bool, writerFirst);
        QFETCH(QString, reference);
        QFETCH(QString, purge);
        QFETCH(QString, referenced);
        QFETCH(QString, referring);
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase scratch(server);
        auto writer = connect(scratch);
        auto purger = connect(scratch);
        QVERIFY(CloudSchema::ensure(*writer).usable());
        QVERIFY(seed(*writer));
        const QString link = statement(reference);
        const QString removal = statement(u"SELECT set_config('tandem.purging', 'on', true); "_s + purge);
        PgConnection &first = writerFirst ? *writer : *purger;
        PgConnection &second = writerFirst ? *purger : *writer;

        QVERIFY(first.begin());
        QVERIFY2(first.runScript(writerFirst ? link : removal), qPrintable(first.lastError()));
        QVERIFY(second.begin());
        QVERIFY(sendAndSeeItWait(second.handle(), writerFirst ? removal : link));
        QVERIFY(first.commit());
        QCOMPARE(finish(second.handle()), u"23503"_s);
        second.rollback();
        QCOMPARE(writer->exec(statement(referenced)).int64(0, 0), writerFirst ? 1 : 0);
        QCOMPARE(writer->exec(statement(referring)).int64(0, 0), writerFirst ? 1 : 0);
    }
};

QTEST_GUILESS_MAIN(CloudKeysTest)
#include "cloudkeystest.moc"
