#include "clirunner.h"
#include "scratchdatabase.h"
#include "store/localdatabase.h"
#include "store/todostore.h"

#include <QTest>
#include <QUrl>

using namespace Qt::StringLiterals;

// Two desktops, each a tandem-cli with its own data folder, against one
// scratch database on the throwaway PostgreSQL, logged in as an ordinary
// role (row-level security applies to it) through DATABASE_URL.
class CliSyncTest : public QObject
{
    Q_OBJECT

private:
    // postgresql://user:password@host:port/dbname?sslmode=disable, as Neon's console gives it.
    static QString uri(const ScratchDatabase &cloud, const QString &user, const QString &password)
    {
        const TestPostgres::Server &server = cloud.server();
        return u"postgresql://%1:%2@%3:%4/%5?sslmode=disable&connect_timeout=5"_s.arg(
            QString::fromLatin1(QUrl::toPercentEncoding(user)), QString::fromLatin1(QUrl::toPercentEncoding(password)),
            server.host, QString::number(server.port), cloud.name());
    }

    // The owner sets the cloud up once (an ordinary role may not create the
    // schema), the way the schema's own message tells a person to.
    static bool setUpAsOwner(const ScratchDatabase &cloud)
    {
        CliRunner owner;
        owner.environment.insert(u"DATABASE_URL"_s, uri(cloud, cloud.server().user, cloud.server().password));
        const CliRunner::Result result = owner.cli({u"sync"_s});
        if (result.exitCode != 0)
            qWarning("owner's sync failed: %s", result.err.constData());
        return result.exitCode == 0;
    }

    static void sync(const CliRunner &desktop, const QStringList &options = {})
    {
        const CliRunner::Result result = desktop.cli(QStringList{u"sync"_s} + options, 60000);
        QVERIFY2(result.exitCode == 0, result.err.constData());
        QCOMPARE(result.errText(), QString());
        QVERIFY2(result.outText().startsWith(u"Synced"_s), result.out.constData());
    }

    // The todos as a desktop exports them, without the times a sync may restamp.
    static QJsonArray todosOf(const CliRunner &desktop)
    {
        QJsonArray todos;
        for (const QJsonValue &value : desktop.exported().value(u"todos"_s).toArray()) {
            QJsonObject todo = value.toObject();
            todo.remove(u"updated_at"_s);
            todos.append(todo);
        }
        return todos;
    }

private Q_SLOTS:
    void shouldBringOneDesktopsTodosToAnother()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server);
        QVERIFY(cloud.isValid());
        QVERIFY2(!ScratchDatabase::roles().isEmpty(), "TANDEM_TEST_PGROLES is not set");
        QVERIFY(setUpAsOwner(cloud));
        const QString url = uri(cloud, ScratchDatabase::roles().at(0), server.password);
        CliRunner a, b;
        a.environment.insert(u"DATABASE_URL"_s, url);
        b.environment.insert(u"DATABASE_URL"_s, url);
        { // a list of A's own, made the way the window makes one
            LocalDatabase database;
            QVERIFY(database.open(a.databasePath()).ok());
            TodoStore store(&database);
            QVERIFY(store.apply({{store.newList(u"Errands"_s)}, {}}));
        }

        const QString milk = a.add({u"Buy milk 🥛 'n' \"bread\""_s, u"--list"_s, u"errands"_s, u"--due"_s,
                                    u"2026-04-30"_s, u"--tag"_s, u"shop"_s, u"--notes"_s, u"Oat\nmilk"_s});
        const QString call = a.add({u"Call Bob"_s, u"--due"_s, u"2026-05-01T08:15"_s, u"--priority"_s, u"3"_s});
        const QString gone = a.add({u"Never mind"_s});
        QCOMPARE(a.cli({u"delete"_s, gone}).exitCode, 0);
        sync(a);
        sync(b);

        const QJsonArray there = todosOf(b);
        QCOMPARE(there.size(), 2);
        QCOMPARE(there, todosOf(a));
        QCOMPARE(b.exported().value(u"lists"_s), a.exported().value(u"lists"_s));
        QCOMPARE(b.exportedTodo(milk).value(u"title"_s).toString(), u"Buy milk 🥛 'n' \"bread\""_s);
        QCOMPARE(b.exportedTodo(call).value(u"due_has_time"_s), QJsonValue(true));

        // And back: B's edit reaches A.
        QCOMPARE(b.cli({u"done"_s, call.left(8)}).exitCode, 0);
        QCOMPARE(b.cli({u"edit"_s, milk, u"--remove-tag"_s, u"shop"_s, u"--add-tag"_s, u"weekly"_s}).exitCode, 0);
        sync(b);
        sync(a);
        QCOMPARE(a.exportedTodo(call).value(u"completed"_s), QJsonValue(true));
        QCOMPARE(a.exportedTodo(milk).value(u"tags"_s), QJsonValue(QJsonArray{u"weekly"_s}));
        QCOMPARE(todosOf(a), todosOf(b));
    }

    void shouldWaitForYesBeforeAMassDeletion()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server);
        QVERIFY(cloud.isValid());
        QVERIFY(setUpAsOwner(cloud));
        const QString url = uri(cloud, ScratchDatabase::roles().at(0), server.password);
        CliRunner a, b;
        a.environment.insert(u"DATABASE_URL"_s, url);
        b.environment.insert(u"DATABASE_URL"_s, url);
        QStringList ids;
        for (int i = 0; i < 12; ++i)
            ids << a.add({u"Todo %1"_s.arg(i)});
        sync(a);
        sync(b);
        for (const QString &id : std::as_const(ids))
            QCOMPARE(a.cli({u"delete"_s, id}).exitCode, 0);
        sync(a);

        const CliRunner::Result waiting = b.cli({u"sync"_s}, 60000);
        QCOMPARE(waiting.exitCode, 1);
        QCOMPARE(waiting.errLines().size(), 1);
        QVERIFY2(waiting.errText().contains(u"--yes"_s), waiting.err.constData());
        QCOMPARE(todosOf(b).size(), 12); // nothing deleted yet
        sync(b, {u"--yes"_s});
        QCOMPARE(todosOf(b).size(), 0);
    }

    void shouldFailWithoutShowingTheWrongPassword()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server);
        QVERIFY(cloud.isValid());
        QVERIFY(setUpAsOwner(cloud));
        const QString password = u"Wr0ng-p@ss:w/rd%"_s;
        CliRunner desktop;
        desktop.environment.insert(u"DATABASE_URL"_s, uri(cloud, ScratchDatabase::roles().at(0), password));
        desktop.add({u"Waiting to sync"_s});

        const CliRunner::Result result = desktop.cli({u"sync"_s}, 60000);
        QCOMPARE(result.exitCode, 1);
        QCOMPARE(result.out, QByteArray());
        QCOMPARE(result.errLines().size(), 1);
        QVERIFY2(result.errText().startsWith(u"tandem-cli: "_s), result.err.constData());
        QVERIFY2(result.errText().contains(u"password"_s), result.err.constData());
        QVERIFY2(!result.errText().contains(password), result.err.constData());
        QVERIFY2(!result.errText().contains(QString::fromLatin1(QUrl::toPercentEncoding(password))),
                 result.err.constData());
        QVERIFY2(!result.errText().contains(server.password), result.err.constData());

        // With every level of every tandem.* category on, the log lines that
        // the one-line error holds back (info and debug too) do not name it.
        desktop.environment.insert(u"QT_LOGGING_RULES"_s, u"tandem.*=true"_s);
        const CliRunner::Result logged = desktop.cli({u"sync"_s}, 60000);
        QCOMPARE(logged.exitCode, 1);
        QVERIFY2(logged.errLines().size() > 1, logged.err.constData()); // the log, not just the error
        for (const QString &secret :
             {password, QString::fromLatin1(QUrl::toPercentEncoding(password)), server.password})
            QVERIFY2(!logged.errText().contains(secret), logged.err.constData());
    }

    void shouldSaySoWhenNoServerIsConfigured_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::newRow("default profile") << QStringList{};
        QTest::newRow("production") << QStringList{u"--profile"_s, u"production"_s};
    }

    void shouldSaySoWhenNoServerIsConfigured()
    {
        QFETCH(QStringList, options);
        CliRunner desktop; // no DATABASE_URL, no PG*, no .env file: local only
        const CliRunner::Result result = desktop.cli(QStringList{u"sync"_s} + options);
        QCOMPARE(result.exitCode, 1);
        QCOMPARE(result.out, QByteArray());
        QCOMPARE(result.errLines().size(), 1);
        QVERIFY2(result.errText().startsWith(u"tandem-cli: No cloud database is configured"_s), result.err.constData());
        QVERIFY2(result.errText().contains(u"DATABASE_URL"_s), result.err.constData());
        QVERIFY(!QFileInfo::exists(desktop.databasePath())); // it checked before touching the cache
    }
};

QTEST_GUILESS_MAIN(CliSyncTest)
#include "clisynctest.moc"
