#include "clirunner.h"
#include "scratchdatabase.h"

#include <QDirIterator>
#include <QSet>
#include <QTest>
#include <QUrl>

using namespace Qt::StringLiterals;

// Data folders that people restore from a backup, copy to a second computer,
// or point at another role or database, each driven through the real
// tandem-cli against the throwaway PostgreSQL. Every todo made anywhere must
// reach the server, and `tandem-cli sync` exits 0 only when it did.
class CliDataFolderTest : public QObject
{
    Q_OBJECT

private:
    static QString uri(const ScratchDatabase &cloud, const QString &user)
    {
        const TestPostgres::Server &server = cloud.server();
        return u"postgresql://%1:%2@%3:%4/%5?sslmode=disable&connect_timeout=5"_s.arg(
            QString::fromLatin1(QUrl::toPercentEncoding(user)),
            QString::fromLatin1(QUrl::toPercentEncoding(server.password)), server.host,
            QString::number(server.port), cloud.name());
    }

    static QString role(int index) { return ScratchDatabase::roles().value(index); }

    // The owner sets the schema up once; the desktops are ordinary roles.
    static bool setUp(const ScratchDatabase &cloud)
    {
        CliRunner owner;
        owner.environment.insert(u"DATABASE_URL"_s, uri(cloud, cloud.server().user));
        const CliRunner::Result result = owner.cli({u"sync"_s});
        if (result.exitCode != 0)
            qWarning("owner's sync failed: %s", result.err.constData());
        return result.exitCode == 0 && ScratchDatabase::roles().size() >= 2;
    }

    static CliRunner::Result sync(const CliRunner &desktop)
    {
        const CliRunner::Result result = desktop.cli({u"sync"_s}, 60000);
        if (result.exitCode != 0)
            qWarning("sync failed (%d): %s", result.exitCode, result.err.constData());
        return result;
    }

    // A data folder's files, copied as a backup tool or a person would.
    static bool copyFolder(const QString &from, const QString &to)
    {
        QDir target(to);
        for (const QString &name : target.entryList(QDir::Files))
            target.remove(name);
        QDirIterator files(from, QDir::Files);
        while (files.hasNext()) {
            const QString path = files.next();
            if (!QFile::copy(path, target.filePath(QFileInfo(path).fileName())))
                return false;
        }
        return true;
    }

    static QSet<QString> titles(const CliRunner &desktop)
    {
        QSet<QString> found;
        for (const QJsonValue &todo : desktop.exported().value(u"todos"_s).toArray())
            found.insert(todo.toObject().value(u"title"_s).toString());
        return found;
    }

    // What a new desktop of this role sees after its first sync: the server's truth.
    static QSet<QString> serverTitles(const ScratchDatabase &cloud, const QString &user)
    {
        CliRunner fresh;
        fresh.environment.insert(u"DATABASE_URL"_s, uri(cloud, user));
        if (sync(fresh).exitCode != 0)
            return {u"<sync failed>"_s};
        return titles(fresh);
    }

private Q_SLOTS:
    void shouldSendEditsMadeAfterARestore()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server);
        QVERIFY(cloud.isValid());
        QVERIFY(setUp(cloud));
        CliRunner desktop;
        desktop.environment.insert(u"DATABASE_URL"_s, uri(cloud, role(0)));
        const QString early = desktop.add({u"Before the backup"_s});
        QCOMPARE(sync(desktop).exitCode, 0);
        QTemporaryDir backup;
        QVERIFY(copyFolder(desktop.dataDir(), backup.path()));

        desktop.add({u"After the backup 1"_s});
        desktop.add({u"After the backup 2"_s});
        QCOMPARE(sync(desktop).exitCode, 0);

        QVERIFY(copyFolder(backup.path(), desktop.dataDir()));
        desktop.add({u"After the restore"_s});
        QCOMPARE(
            desktop.cli({u"edit"_s, early, u"--title"_s, u"Edited after the restore"_s}).exitCode,
            0);
        const CliRunner::Result restored = sync(desktop);
        QCOMPARE(restored.exitCode, 0);

        const QSet<QString> expected {u"Edited after the restore"_s, u"After the backup 1"_s,
            u"After the backup 2"_s, u"After the restore"_s};
        QCOMPARE(serverTitles(cloud, role(0)), expected);
        QVERIFY2(restored.outText().contains(u"restored"_s), restored.out.constData());
        // The restored folder got back what it had lost, and says nothing more.
        const CliRunner::Result again = sync(desktop);
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(!again.outText().contains(u"restored"_s), again.out.constData());
        QCOMPARE(titles(desktop), expected);
    }

    void shouldKeepEveryTodoOfTwoCopiesOfOneFolder()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server);
        QVERIFY(cloud.isValid());
        QVERIFY(setUp(cloud));
        CliRunner first, second;
        first.environment.insert(u"DATABASE_URL"_s, uri(cloud, role(0)));
        second.environment.insert(u"DATABASE_URL"_s, uri(cloud, role(0)));
        first.add({u"Made before the copy"_s});
        QCOMPARE(sync(first).exitCode, 0);
        QVERIFY(copyFolder(first.dataDir(), second.dataDir()));

        QSet<QString> expected {u"Made before the copy"_s};
        for (int round = 0; round < 3; ++round) {
            for (const CliRunner *copy : {&first, &second}) {
                const QString title
                    = u"Round %1 on copy %2"_s.arg(round).arg(copy == &first ? 1 : 2);
                copy->add({title});
                expected.insert(title);
            }
            QCOMPARE(sync(first).exitCode, 0);
            QCOMPARE(sync(second).exitCode, 0);
        }
        QCOMPARE(sync(first).exitCode, 0);
        QCOMPARE(serverTitles(cloud, role(0)), expected);
        QCOMPARE(titles(first), expected);
        QCOMPARE(titles(second), expected);
    }

    void shouldSendTheCacheToANewIdentityAndKeepTheOldOnesRows_data()
    {
        QTest::addColumn<bool>("newRole"); // else another database, same role
        QTest::newRow("another role of the same database") << true;
        QTest::newRow("another database") << false;
    }

    void shouldSendTheCacheToANewIdentityAndKeepTheOldOnesRows()
    {
        QFETCH(bool, newRole);
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase first(server), second(server);
        QVERIFY(first.isValid() && second.isValid());
        QVERIFY(setUp(first));
        QVERIFY(newRole || setUp(second));
        const ScratchDatabase &target = newRole ? first : second;
        const QString targetRole = role(newRole ? 1 : 0);
        CliRunner desktop;
        desktop.environment.insert(u"DATABASE_URL"_s, uri(first, role(0)));
        desktop.add({u"Synced before the switch"_s});
        QCOMPARE(sync(desktop).exitCode, 0);
        desktop.add({u"Waiting at the switch"_s});

        desktop.environment.insert(u"DATABASE_URL"_s, uri(target, targetRole));
        const CliRunner::Result switched = sync(desktop);
        QCOMPARE(switched.exitCode, 0);
        QVERIFY2(switched.outText().contains(u"another cloud database or role (%1)"_s.arg(targetRole)),
                 switched.out.constData());
        const CliRunner::Result again = sync(desktop);
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(!again.outText().contains(u"another cloud database"_s), again.out.constData()); // said once

        const QSet<QString> both{u"Synced before the switch"_s, u"Waiting at the switch"_s};
        QCOMPARE(serverTitles(target, targetRole), both);
        QCOMPARE(serverTitles(first, role(0)), QSet<QString>{u"Synced before the switch"_s});
        // An edit after the switch goes to the new identity.
        desktop.add({u"After the switch"_s});
        QCOMPARE(sync(desktop).exitCode, 0);
        QVERIFY(serverTitles(target, targetRole).contains(u"After the switch"_s));
    }
};

QTEST_GUILESS_MAIN(CliDataFolderTest)
#include "clidatafoldertest.moc"
