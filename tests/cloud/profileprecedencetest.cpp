// ProfileLoader's order of sources: for every setting, the command line wins
// over the environment, the environment over the .env.<profile> file and the
// file over the profile's defaults. The rest of ProfileLoader is in
// profileloadertest.cpp.

#include "cloud/profileloader.h"

#include "neonuris.h"
#include "profilefixture.h"
#include "profilesettings.h"

#include <QObject>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

class ProfilePrecedenceTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void shouldPreferCommandLineThenEnvironmentThenFile_data();
    void shouldPreferCommandLineThenEnvironmentThenFile();

private:
    std::unique_ptr<ProfileFixture> m_fixture;
};

void ProfilePrecedenceTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void ProfilePrecedenceTest::init()
{
    m_fixture = std::make_unique<ProfileFixture>();
}

void ProfilePrecedenceTest::shouldPreferCommandLineThenEnvironmentThenFile_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("file");
    QTest::addColumn<QStringList>("environment");
    QTest::addColumn<QStringList>("commandLine");
    QTest::addColumn<QString>("expected");

    const QString fileUrl = u"DATABASE_URL=postgresql://fu:fpw@file.example.com:6001/fdb"_s;
    const QString envUrl = u"DATABASE_URL=postgresql://eu:epw@env.example.com:6002/edb"_s;
    const QString cliUrl = u"url=host=cli.example.com port=6003 dbname=cdb"_s;
    const QStringList none;

    QTest::newRow("host: default") << u"host"_s << none << none << none << QString();
    QTest::newRow("host: file") << u"host"_s << QStringList {fileUrl} << none << none
                                << u"file.example.com"_s;
    QTest::newRow("host: env beats file") << u"host"_s << QStringList {fileUrl}
                                          << QStringList {envUrl} << none << u"env.example.com"_s;
    QTest::newRow("host: cli beats env")
        << u"host"_s << QStringList {fileUrl} << QStringList {envUrl} << QStringList {cliUrl}
        << u"cli.example.com"_s;
    QTest::newRow("host: DATABASE_URL of the file beats its PGHOST")
        << u"host"_s << QStringList {fileUrl, u"PGHOST=pg.file.example.com"_s} << none << none
        << u"file.example.com"_s;
    QTest::newRow("host: env DATABASE_URL beats file PGHOST")
        << u"host"_s << QStringList {u"PGHOST=pg.file.example.com"_s} << QStringList {envUrl}
        << none << u"env.example.com"_s;
    QTest::newRow("host: env DATABASE_URL beats env PGHOST")
        << u"host"_s << none << QStringList {envUrl, u"PGHOST=pg.env.example.com"_s} << none
        << u"env.example.com"_s;
    QTest::newRow("host: cli url beats env PGHOST")
        << u"host"_s << none << QStringList {u"PGHOST=pg.env.example.com"_s} << QStringList {cliUrl}
        << u"cli.example.com"_s;
    QTest::newRow("host: cli host beats cli url")
        << u"host"_s << none << none << QStringList {cliUrl, u"host=h.cli.example.com"_s}
        << u"h.cli.example.com"_s;
    QTest::newRow("port: default") << u"port"_s << none << none << none << u"5432"_s;
    QTest::newRow("port: file") << u"port"_s << QStringList {fileUrl} << none << none << u"6001"_s;
    QTest::newRow("port: env") << u"port"_s << QStringList {u"PGPORT=6001"_s}
                               << QStringList {u"PGPORT=6100"_s} << none << u"6100"_s;
    QTest::newRow("port: file URL beats env PGPORT")
        << u"port"_s << QStringList {fileUrl} << QStringList {u"PGPORT=6100"_s} << none
        << u"6001"_s;
    QTest::newRow("port: cli") << u"port"_s << QStringList {fileUrl}
                               << QStringList {u"PGPORT=6100"_s} << QStringList {u"port=6200"_s}
                               << u"6200"_s;
    QTest::newRow("port: empty env variable counts as unset")
        << u"port"_s << QStringList {fileUrl} << QStringList {u"PGPORT="_s} << none << u"6001"_s;
    QTest::newRow("dbname: file URL beats env PGDATABASE")
        << u"dbname"_s << QStringList {fileUrl} << QStringList {u"PGDATABASE=pgdb"_s} << none
        << u"fdb"_s;
    QTest::newRow("user: a URL without user keeps the lower one")
        << u"user"_s << QStringList {fileUrl} << none
        << QStringList {u"url=postgresql://cli.example.com/cdb"_s} << u"fu"_s;
    QTest::newRow("password: file PGPASSWORD")
        << u"password"_s << QStringList {u"PGPASSWORD=filepw"_s} << none << none << u"filepw"_s;
    QTest::newRow("password: env URL beats file PGPASSWORD")
        << u"password"_s << QStringList {u"PGPASSWORD=filepw"_s} << QStringList {envUrl} << none
        << u"epw"_s;
    QTest::newRow("password: file URL beats env PGPASSWORD")
        << u"password"_s << QStringList {fileUrl} << QStringList {u"PGPASSWORD=envpw"_s} << none
        << u"fpw"_s;
    QTest::newRow("sslmode: default") << u"sslmode"_s << none << none << none << u"prefer"_s;
    QTest::newRow("sslmode: file")
        << u"sslmode"_s << QStringList {u"PGSSLMODE=require"_s} << none << none << u"require"_s;
    QTest::newRow("sslmode: file URL query")
        << u"sslmode"_s << QStringList {fileUrl + u"?sslmode=allow"_s} << none << none
        << u"allow"_s;
    QTest::newRow("sslmode: env") << u"sslmode"_s << QStringList {u"PGSSLMODE=require"_s}
                                  << QStringList {u"PGSSLMODE=disable"_s} << none << u"disable"_s;
    QTest::newRow("sslmode: cli") << u"sslmode"_s << QStringList {u"PGSSLMODE=require"_s}
                                  << QStringList {u"PGSSLMODE=disable"_s}
                                  << QStringList {u"sslmode=allow"_s} << u"allow"_s;
    QTest::newRow("sslmode: empty in a URL clears it")
        << u"sslmode"_s << QStringList {u"PGSSLMODE=require"_s} << none
        << QStringList {u"url=postgresql://cli.example.com/cdb?sslmode="_s} << QString();
    QTest::newRow("channel_binding: env")
        << u"channel_binding"_s << none << QStringList {u"PGCHANNELBINDING=require"_s} << none
        << u"require"_s;
    QTest::newRow("application_name: default")
        << u"application_name"_s << none << none << none << u"tandem-dev"_s;
    QTest::newRow("application_name: file")
        << u"application_name"_s << QStringList {u"PGAPPNAME='file app'"_s} << none << none
        << u"file app"_s;
    QTest::newRow("application_name: env")
        << u"application_name"_s << QStringList {u"PGAPPNAME='file app'"_s}
        << QStringList {u"PGAPPNAME=env-app"_s} << none << u"env-app"_s;
    QTest::newRow("application_name: cli")
        << u"application_name"_s << QStringList {u"PGAPPNAME='file app'"_s}
        << QStringList {u"PGAPPNAME=env-app"_s} << QStringList {u"application-name=cli-app"_s}
        << u"cli-app"_s;
    QTest::newRow("connect_timeout: default")
        << u"connect_timeout"_s << none << none << none << u"5"_s;
    QTest::newRow("connect_timeout: file")
        << u"connect_timeout"_s << QStringList {u"PGCONNECT_TIMEOUT=7"_s} << none << none << u"7"_s;
    QTest::newRow("connect_timeout: env")
        << u"connect_timeout"_s << QStringList {u"PGCONNECT_TIMEOUT=7"_s}
        << QStringList {u"PGCONNECT_TIMEOUT=8"_s} << none << u"8"_s;
    QTest::newRow("connect_timeout: cli")
        << u"connect_timeout"_s << QStringList {u"PGCONNECT_TIMEOUT=7"_s}
        << QStringList {u"PGCONNECT_TIMEOUT=8"_s} << QStringList {u"connect-timeout=9"_s} << u"9"_s;
    QTest::newRow("sslrootcert: env")
        << u"sslrootcert"_s << none << QStringList {u"PGSSLROOTCERT=/etc/ssl/x.crt"_s} << none
        << u"/etc/ssl/x.crt"_s;
    QTest::newRow("sync: default") << u"sync"_s << none << none << none << u"30"_s;
    QTest::newRow("sync: file") << u"sync"_s << QStringList {u"TANDEM_SYNC_INTERVAL=45"_s} << none
                                << none << u"45"_s;
    QTest::newRow("sync: env") << u"sync"_s << QStringList {u"TANDEM_SYNC_INTERVAL=45"_s}
                               << QStringList {u"TANDEM_SYNC_INTERVAL=50"_s} << none << u"50"_s;
    QTest::newRow("sync: cli") << u"sync"_s << QStringList {u"TANDEM_SYNC_INTERVAL=45"_s}
                               << QStringList {u"TANDEM_SYNC_INTERVAL=50"_s}
                               << QStringList {u"sync-interval=55"_s} << u"55"_s;
    QTest::newRow("idle: file 0 = never")
        << u"idle"_s << QStringList {u"TANDEM_IDLE_DISCONNECT=0"_s} << none << none << u"0"_s;
    QTest::newRow("idle: env") << u"idle"_s << QStringList {u"TANDEM_IDLE_DISCONNECT=0"_s}
                               << QStringList {u"TANDEM_IDLE_DISCONNECT=120"_s} << none << u"120"_s;
    QTest::newRow("idle: cli") << u"idle"_s << QStringList {u"TANDEM_IDLE_DISCONNECT=0"_s}
                               << QStringList {u"TANDEM_IDLE_DISCONNECT=120"_s}
                               << QStringList {u"idle-disconnect=200"_s} << u"200"_s;
    QTest::newRow("statement: file")
        << u"statement"_s << QStringList {u"TANDEM_STATEMENT_TIMEOUT_MS=1000"_s} << none << none
        << u"1000"_s;
    QTest::newRow("statement: env")
        << u"statement"_s << QStringList {u"TANDEM_STATEMENT_TIMEOUT_MS=1000"_s}
        << QStringList {u"TANDEM_STATEMENT_TIMEOUT_MS=2000"_s} << none << u"2000"_s;
    QTest::newRow("statement: cli")
        << u"statement"_s << QStringList {u"TANDEM_STATEMENT_TIMEOUT_MS=1000"_s}
        << QStringList {u"TANDEM_STATEMENT_TIMEOUT_MS=2000"_s}
        << QStringList {u"statement-timeout-ms=3000"_s} << u"3000"_s;
    QTest::newRow("pooled: default") << u"pooled"_s << none << none << none << u"false"_s;
    QTest::newRow("pooled: file") << u"pooled"_s << QStringList {u"TANDEM_POOLED=1"_s} << none
                                  << none << u"true"_s;
    QTest::newRow("pooled: env off beats file")
        << u"pooled"_s << QStringList {u"TANDEM_POOLED=1"_s}
        << QStringList {u"TANDEM_POOLED=false"_s} << none << u"false"_s;
    QTest::newRow("pooled: cli") << u"pooled"_s << QStringList {u"TANDEM_POOLED=1"_s}
                                 << QStringList {u"TANDEM_POOLED=off"_s}
                                 << QStringList {u"pooled=yes"_s} << u"true"_s;
    QTest::newRow("pooled: from a neon pooler host")
        << u"pooled"_s << none << QStringList {u"DATABASE_URL="_s + kNeonPooledUri} << none
        << u"true"_s;
    QTest::newRow("extras from the file, options from all")
        << u"options"_s
        << QStringList {u"DATABASE_URL='host=f.example.com options=-cx=1 target_session_attrs=any'"_s}
        << QStringList {u"PGCONNECT_TIMEOUT=3"_s} << QStringList {u"sslmode=disable"_s}
        << u"sslmode=disable;connect_timeout=3;keepalives=1;application_name=tandem-dev;options=-cx=1;target_session_attrs=any"_s
            + kDeadlines;
}

void ProfilePrecedenceTest::shouldPreferCommandLineThenEnvironmentThenFile()
{
    QFETCH(QString, name);
    QFETCH(QStringList, file);
    QFETCH(QStringList, environment);
    QFETCH(QStringList, commandLine);
    QFETCH(QString, expected);

    if (!file.isEmpty())
        QVERIFY(m_fixture->writeEnvFile(u"development"_s, file));
    QString error;
    const auto loaded = ProfileLoader::load(m_fixture->inputs(environment, commandLine), &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(setting(*loaded, name), expected);
    QCOMPARE(
        loaded->envFilePath, file.isEmpty() ? QString() : m_fixture->envPath(u"development"_s));
}

QTEST_GUILESS_MAIN(ProfilePrecedenceTest)

#include "profileprecedencetest.moc"
