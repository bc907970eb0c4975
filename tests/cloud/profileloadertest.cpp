// ProfileLoader: which profile, which value wins (command line > environment
// > .env.<profile> file > defaults), the .env files and the refusals with
// their messages. The security rules are in profilesecuritytest.cpp, the
// connection string against every PG* variable in connectionprecedencetest.cpp.

#include "cloud/profileloader.h"

#include "profilefixture.h"

#include <QObject>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

// The client-side deadlines connectOptions() adds after a profile's own options.
const QString kDeadlines
    = u";keepalives_idle=30;keepalives_interval=10;keepalives_count=3;tcp_user_timeout=30000"_s;

const QString kNeonPooledUri
    = u"postgresql://alex:AbC123dEf@ep-cool-darkness-123456-pooler.us-east-2.aws.neon.tech/neondb?sslmode=require&channel_binding=require"_s;

// One setting of a profile as text, by a short name used in the _data rows.
QString setting(const Profile &profile, const QString &name)
{
    const ConnectionConfig &c = profile.connection;
    if (name == u"host")
        return c.host;
    if (name == u"port")
        return QString::number(c.port);
    if (name == u"dbname")
        return c.database;
    if (name == u"user")
        return c.user;
    if (name == u"password")
        return c.password;
    if (name == u"sslmode")
        return c.sslMode;
    if (name == u"sslrootcert")
        return c.sslRootCert;
    if (name == u"channel_binding")
        return c.channelBinding;
    if (name == u"connect_timeout")
        return QString::number(c.connectTimeoutSeconds);
    if (name == u"application_name")
        return c.applicationName;
    if (name == u"pooled")
        return c.isPooled() ? u"true"_s : u"false"_s;
    if (name == u"sync")
        return QString::number(profile.syncIntervalSeconds);
    if (name == u"idle")
        return QString::number(profile.idleDisconnectSeconds);
    if (name == u"statement")
        return QString::number(profile.statementTimeoutMs);
    if (name == u"options")
        return c.connectOptions();
    if (name == u"profile")
        return ProfileNames::toString(profile.name);
    return u"<unknown setting "_s + name + u'>';
}

} // namespace

class ProfileLoaderTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void shouldStartFromProfileDefaults_data();
    void shouldStartFromProfileDefaults();
    void shouldPreferCommandLineThenEnvironmentThenFile_data();
    void shouldPreferCommandLineThenEnvironmentThenFile();
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

void ProfileLoaderTest::shouldPreferCommandLineThenEnvironmentThenFile_data()
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

void ProfileLoaderTest::shouldPreferCommandLineThenEnvironmentThenFile()
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
