// ProfileLoader: which profile, its defaults, the .env files and the refusals
// with their messages. Which value wins (command line > environment >
// .env.<profile> file > defaults) is in profileprecedencetest.cpp, the
// security rules in profilesecuritytest.cpp, the connection string against
// every PG* variable in connectionprecedencetest.cpp.

#include "cloud/profileloader.h"

#include "neonuris.h"
#include "profilefixture.h"
#include "profilesettings.h"

#include <QObject>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

class ProfileLoaderTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void shouldStartFromProfileDefaults_data();
    void shouldStartFromProfileDefaults();
    void shouldReadNeonProductionSetupFromFile();
    void shouldChooseProfile_data();
    void shouldChooseProfile();
    void shouldRefuse_data();
    void shouldRefuse();
    void shouldAcceptMissingFileAndFolder();

private:
    std::unique_ptr<ProfileFixture> m_fixture;
};

void ProfileLoaderTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void ProfileLoaderTest::init()
{
    m_fixture = std::make_unique<ProfileFixture>();
}

void ProfileLoaderTest::shouldStartFromProfileDefaults_data()
{
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QString>("options");
    QTest::addColumn<int>("statementMs");
    QTest::addColumn<int>("syncSeconds");
    QTest::addColumn<int>("idleSeconds");

    QTest::newRow("development")
        << u"development"_s
        << u"sslmode=prefer;connect_timeout=5;keepalives=1;application_name=tandem-dev"_s + kDeadlines
        << 30'000
        << 30 << 60;
    QTest::newRow("staging")
        << u"staging"_s
        << u"sslmode=require;connect_timeout=10;keepalives=1;application_name=tandem-staging"_s
            + kDeadlines
        << 15'000 << 60 << 240;
    QTest::newRow("production")
        << u"production"_s
        << u"sslmode=require;connect_timeout=10;keepalives=1;application_name=tandem"_s + kDeadlines
        << 15'000
        << 60 << 240;
}

void ProfileLoaderTest::shouldStartFromProfileDefaults()
{
    QFETCH(QString, profile);
    QFETCH(QString, options);
    QFETCH(int, statementMs);
    QFETCH(int, syncSeconds);
    QFETCH(int, idleSeconds);

    QString error;
    const auto loaded = ProfileLoader::load(m_fixture->inputs({}, {}, profile), &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(setting(*loaded, u"profile"_s), profile);
    QCOMPARE(loaded->connection.connectOptions(), options);
    QCOMPARE(loaded->statementTimeoutMs, statementMs);
    QCOMPARE(loaded->syncIntervalSeconds, syncSeconds);
    QCOMPARE(loaded->idleDisconnectSeconds, idleSeconds);
    QVERIFY(loaded->idleDisconnectSeconds < Profile::kNeonSuspendSeconds);
    QCOMPARE(loaded->connection.port, 5432);
    QVERIFY(!loaded->hasServer());
    QVERIFY(!loaded->connection.isPooled());
    QVERIFY(loaded->envFilePath.isEmpty());
}

void ProfileLoaderTest::shouldReadNeonProductionSetupFromFile()
{
    QVERIFY(m_fixture->writeEnvFile(u"production"_s,
        {u"# Neon, pooled endpoint (copied from the console)"_s,
            u"export DATABASE_URL='"_s + kNeonPooledUri + u"'"_s,
            u"TANDEM_SYNC_INTERVAL=120   # every two minutes"_s, u"NODE_ENV=production"_s}));
    QString error;
    const auto loaded
        = ProfileLoader::load(m_fixture->inputs({u"TANDEM_PROFILE=production"_s}, {}), &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(loaded->name, ProfileName::Production);
    QVERIFY(loaded->hasServer());
    QVERIFY(loaded->connection.isPooled());
    QCOMPARE(loaded->connection.host, u"ep-cool-darkness-123456-pooler.us-east-2.aws.neon.tech"_s);
    QCOMPARE(loaded->connection.password, u"AbC123dEf"_s);
    QCOMPARE(loaded->connection.connectOptions(),
        u"sslmode=require;channel_binding=require;connect_timeout=10;keepalives=1;application_name=tandem"_s
            + kDeadlines);
    QCOMPARE(loaded->syncIntervalSeconds, 120);
    QCOMPARE(loaded->idleDisconnectSeconds, 240);
    QVERIFY(!loaded->describe().contains(u"AbC123dEf"_s));
}

void ProfileLoaderTest::shouldChooseProfile_data()
{
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("expected");

    QTest::newRow("neither: development") << QString() << QString() << u"development"_s;
    QTest::newRow("TANDEM_PROFILE") << QString() << u"staging"_s << u"staging"_s;
    QTest::newRow("--profile") << u"production"_s << QString() << u"production"_s;
    QTest::newRow("--profile beats TANDEM_PROFILE")
        << u"staging"_s << u"production"_s << u"staging"_s;
    QTest::newRow("any case") << u"Production"_s << QString() << u"production"_s;
    QTest::newRow("empty TANDEM_PROFILE") << QString() << u" "_s << u"development"_s;
}

void ProfileLoaderTest::shouldChooseProfile()
{
    QFETCH(QString, option);
    QFETCH(QString, variable);
    QFETCH(QString, expected);

    // Each profile's file names its own application, to see which was read.
    for (const QString &name : ProfileNames::all())
        QVERIFY(m_fixture->writeEnvFile(name, {u"PGAPPNAME=from-"_s + name}));
    QString error;
    const auto loaded = ProfileLoader::load(
        m_fixture->inputs({u"TANDEM_PROFILE="_s + variable}, {}, option), &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(setting(*loaded, u"profile"_s), expected);
    QCOMPARE(loaded->connection.applicationName, u"from-"_s + expected);
    QCOMPARE(loaded->envFilePath, m_fixture->envPath(expected));
}

void ProfileLoaderTest::shouldRefuse_data()
{
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QStringList>("file");
    QTest::addColumn<QStringList>("environment");
    QTest::addColumn<QStringList>("commandLine");
    QTest::addColumn<QString>("message"); // %1 = the .env.development path

    const QStringList none;
    QTest::newRow("unknown --profile")
        << u"prod"_s << none << none << none
        << u"Unknown profile \"prod\" (from --profile); expected development, staging or production."_s;
    QTest::newRow("unknown TANDEM_PROFILE")
        << QString() << none << QStringList {u"TANDEM_PROFILE=qa"_s} << none
        << u"Unknown profile \"qa\" (from TANDEM_PROFILE); expected development, staging or production."_s;
    QTest::newRow("malformed line in the file")
        << QString() << QStringList {u"# comment"_s, u""_s, u"PGHOST db.example.com"_s} << none
        << none << u"%1, line 3: expected KEY=value, but the line has no \"=\"."_s;
    QTest::newRow("bad value in the file")
        << QString() << QStringList {u"PGHOST=db.example.com"_s, u"PGPORT=five"_s} << none << none
        << u"%1, line 2 (PGPORT): The port must be a number from 1 to 65535."_s;
    QTest::newRow("bad DATABASE_URL in the file")
        << QString() << QStringList {u"DATABASE_URL=mysql://db.example.com/x"_s} << none << none
        << u"%1, line 1 (DATABASE_URL): Unsupported URI scheme \"mysql://\"; use postgresql:// or postgres://, or libpq key=value pairs."_s;
    QTest::newRow("typo of a PG variable in the file")
        << QString() << QStringList {u"PGPASWORD=x"_s} << none << none
        << u"%1, line 1: unknown setting PGPASWORD (known: DATABASE_URL, PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD, PGSSLMODE, PGSSLROOTCERT, PGCONNECT_TIMEOUT, PGAPPNAME, PGCHANNELBINDING, TANDEM_SYNC_INTERVAL, TANDEM_IDLE_DISCONNECT, TANDEM_STATEMENT_TIMEOUT_MS, TANDEM_POOLED)."_s;
    QTest::newRow("TANDEM_PROFILE in the file")
        << QString() << QStringList {u"TANDEM_PROFILE=production"_s} << none << none
        << u"%1, line 1: TANDEM_PROFILE cannot be set in a profile file (the profile picks the file)."_s;
    QTest::newRow("bad PGSSLMODE")
        << QString() << none << QStringList {u"PGSSLMODE=yes"_s} << none
        << u"environment variable PGSSLMODE: Unknown sslmode \"yes\"; expected disable, allow, prefer, require, verify-ca, verify-full."_s;
    QTest::newRow("bad DATABASE_URL in the environment")
        << QString() << none << QStringList {u"DATABASE_URL=postgresql:///neondb"_s} << none
        << u"environment variable DATABASE_URL: The URI has no host (expected postgresql://user:password@host/database)."_s;
    QTest::newRow("two hosts on the command line")
        << QString() << none << none << QStringList {u"host=a.example.com,b.example.com"_s}
        << u"command line (host): Multiple hosts (host1,host2) are not supported; give exactly one host."_s;
    QTest::newRow("sync interval 0")
        << QString() << none << QStringList {u"TANDEM_SYNC_INTERVAL=0"_s} << none
        << u"environment variable TANDEM_SYNC_INTERVAL: TANDEM_SYNC_INTERVAL must be a whole number of seconds from 1 to 86400."_s;
    QTest::newRow("idle disconnect not a number")
        << QString() << none << QStringList {u"TANDEM_IDLE_DISCONNECT=4m"_s} << none
        << u"environment variable TANDEM_IDLE_DISCONNECT: TANDEM_IDLE_DISCONNECT must be a whole number of seconds from 0 to 86400."_s;
    QTest::newRow("negative statement timeout")
        << QString() << none << none << QStringList {u"statement-timeout-ms=-1"_s}
        << u"command line (statement-timeout-ms): TANDEM_STATEMENT_TIMEOUT_MS must be a whole number of milliseconds from 0 to 86400000."_s;
    QTest::newRow("bad TANDEM_POOLED")
        << QString() << QStringList {u"TANDEM_POOLED=maybe"_s} << none << none
        << u"%1, line 1 (TANDEM_POOLED): TANDEM_POOLED must be 1 or 0 (or true/false, yes/no, on/off)."_s;
    QTest::newRow("unknown command-line key")
        << QString() << none << none << QStringList {u"password=x"_s}
        << u"Unknown command-line setting \"password\" (known: url, host, port, dbname, user, sslmode, sslrootcert, connect-timeout, application-name, channel-binding, sync-interval, idle-disconnect, statement-timeout-ms, pooled)."_s;
}

void ProfileLoaderTest::shouldRefuse()
{
    QFETCH(QString, profile);
    QFETCH(QStringList, file);
    QFETCH(QStringList, environment);
    QFETCH(QStringList, commandLine);
    QFETCH(QString, message);

    if (!file.isEmpty())
        QVERIFY(m_fixture->writeEnvFile(u"development"_s, file));
    QString error;
    QVERIFY(!ProfileLoader::load(m_fixture->inputs(environment, commandLine, profile), &error));
    QCOMPARE(error,
        message.contains(u"%1"_s) ? message.arg(m_fixture->envPath(u"development"_s)) : message);
}

void ProfileLoaderTest::shouldAcceptMissingFileAndFolder()
{
    QString error;
    ProfileLoader::Inputs in = m_fixture->inputs({u"PGHOST=db.example.com"_s}, {}, u"staging"_s);
    QVERIFY2(ProfileLoader::load(in, &error), qPrintable(error)); // folder without files
    in.profileDir = m_fixture->filePath(u"does/not/exist"_s);
    QVERIFY2(ProfileLoader::load(in, &error), qPrintable(error));
    in.profileDir.clear();
    const auto loaded = ProfileLoader::load(in, &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(loaded->connection.host, u"db.example.com"_s);
    QVERIFY(loaded->envFilePath.isEmpty());
}

QTEST_GUILESS_MAIN(ProfileLoaderTest)

#include "profileloadertest.moc"
