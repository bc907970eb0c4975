// ConnectionConfig: every connection-string form Tandem accepts (Neon's
// console URIs above all), what ends up in a QPSQL QSqlDatabase, the quoting
// for libpq and which hosts count as pooled. The refusals, the redacted URI
// and the log lines are in connectionredactiontest.cpp.

#include "cloud/connectionconfig.h"
#include "cloud/connectionstring.h"

#include "neonuris.h"

#include <QObject>
#include <QSqlDatabase>
#include <QStandardPaths>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

// A row's own options plus the client-side deadlines that connectOptions()
// adds for whatever the row leaves unset (connectiondeadlinetest.cpp checks
// those exactly).
QString withDeadlines(const QString &options)
{
    const QList<std::pair<QString, QString>> deadlines = {{u"connect_timeout"_s, u"10"_s},
        {u"keepalives_idle"_s, u"30"_s}, {u"keepalives_interval"_s, u"10"_s},
        {u"keepalives_count"_s, u"3"_s}, {u"tcp_user_timeout"_s, u"30000"_s}};
    const QStringList own = options.split(u';');
    QString result = options;
    for (const auto &[key, value] : deadlines) {
        const bool set = std::any_of(own.cbegin(), own.cend(),
            [&](const QString &pair) { return pair.startsWith(key + u'='); });
        const bool keepalivesOff = key.startsWith(u"keepalives_"_s) && own.contains(u"keepalives=0"_s);
        if (!set && !keepalivesOff)
            result += u';' + key + u'=' + value;
    }
    return result;
}

} // namespace

class ConnectionConfigTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void shouldParseAcceptedForms_data();
    void shouldParseAcceptedForms();
    void shouldApplyEveryFormToQpsqlDatabase_data();
    void shouldApplyEveryFormToQpsqlDatabase();
    void shouldRoundTripThroughUri_data();
    void shouldRoundTripThroughUri();
    void shouldKeepPasswordOutOfRedactedForm_data();
    void shouldKeepPasswordOutOfRedactedForm();
    void shouldQuoteValuesForLibpq_data();
    void shouldQuoteValuesForLibpq();
    void shouldDetectPooledEndpoints_data();
    void shouldDetectPooledEndpoints();
};

void ConnectionConfigTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(QSqlDatabase::isDriverAvailable(u"QPSQL"_s), "the QPSQL driver is not installed");
}

void ConnectionConfigTest::shouldParseAcceptedForms_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("sslMode");
    QTest::addColumn<QString>("connectOptions");
    QTest::addColumn<bool>("pooled");

    const QString neonOptions = u"sslmode=require;channel_binding=require;keepalives=1"_s;
    QTest::newRow("neon direct, as the console gives it")
        << kNeonUri << kNeonHost << 5432 << u"neondb"_s << u"alex"_s << kNeonPassword
        << u"require"_s << neonOptions << false;
    QTest::newRow("neon pooled, as the console gives it")
        << kNeonPooledUri << kNeonPoolerHost << 5432 << u"neondb"_s << u"alex"_s << kNeonPassword
        << u"require"_s << neonOptions << true;
    QTest::newRow("neon, copied with the quotes of psql '...'")
        << u"  '"_s + kNeonUri + u"'\n"_s << kNeonHost << 5432 << u"neondb"_s << u"alex"_s
        << kNeonPassword << u"require"_s << neonOptions << false;
    QTest::newRow("percent-encoded password with @:/?#%")
        << u"postgresql://alex:p%40ss%3Aw%2Fo%3Fr%23d%25@db.example.com/neondb?sslmode=require"_s
        << u"db.example.com"_s << 5432 << u"neondb"_s << u"alex"_s << u"p@ss:w/o?r#d%"_s
        << u"require"_s << u"sslmode=require;keepalives=1"_s << false;
    QTest::newRow("percent-encoded user, password and database")
        << u"postgresql://alex%40example.com:pw%20with%20space@db.example.com/my%20db"_s
        << u"db.example.com"_s << 5432 << u"my db"_s << u"alex@example.com"_s << u"pw with space"_s
        << QString() << u"keepalives=1"_s << false;
    QTest::newRow("unencoded @ in the password")
        << u"postgresql://alex:p@ss@db.example.com/neondb"_s << u"db.example.com"_s << 5432
        << u"neondb"_s << u"alex"_s << u"p@ss"_s << QString() << u"keepalives=1"_s << false;
    QTest::newRow("postgres:// scheme and a port")
        << u"postgres://alex:AbC123dEf@db.example.com:6543/neondb"_s << u"db.example.com"_s << 6543
        << u"neondb"_s << u"alex"_s << kNeonPassword << QString() << u"keepalives=1"_s << false;
    QTest::newRow("scheme in capitals")
        << u"PostgreSQL://alex@db.example.com/neondb"_s << u"db.example.com"_s << 5432
        << u"neondb"_s << u"alex"_s << QString() << QString() << u"keepalives=1"_s << false;
    QTest::newRow("IPv6 with port") << u"postgresql://alex:AbC123dEf@[::1]:5433/tandem_test"_s
                                    << u"::1"_s << 5433 << u"tandem_test"_s << u"alex"_s
                                    << kNeonPassword << QString() << u"keepalives=1"_s << false;
    QTest::newRow("IPv6 without port")
        << u"postgresql://alex@[2001:db8::10]/neondb"_s << u"2001:db8::10"_s << 5432 << u"neondb"_s
        << u"alex"_s << QString() << QString() << u"keepalives=1"_s << false;
    QTest::newRow("no database, no user")
        << u"postgresql://db.example.com"_s << u"db.example.com"_s << 5432 << QString() << QString()
        << QString() << QString() << u"keepalives=1"_s << false;
    QTest::newRow("JDBC-style ssl=true")
        << u"postgresql://alex@db.example.com/neondb?ssl=true"_s << u"db.example.com"_s << 5432
        << u"neondb"_s << u"alex"_s << QString() << u"require"_s
        << u"sslmode=require;keepalives=1"_s << false;
    QTest::newRow("URI with extra keywords passed through")
        << u"postgresql://alex:AbC123dEf@db.example.com/neondb?options=endpoint%3Dep-cool-darkness-123456&target_session_attrs=read-write&sslmode=verify-full&sslrootcert=/etc/ssl/certs/ca-certificates.crt"_s
        << u"db.example.com"_s << 5432 << u"neondb"_s << u"alex"_s << kNeonPassword
        << u"verify-full"_s
        << u"sslmode=verify-full;sslrootcert=/etc/ssl/certs/ca-certificates.crt;keepalives=1;options=endpoint=ep-cool-darkness-123456;target_session_attrs=read-write"_s
        << false;
    QTest::newRow("URI query beats the authority")
        << u"postgresql://alex@db.example.com/neondb?user=bob&port=6432&dbname=other"_s
        << u"db.example.com"_s << 6432 << u"other"_s << u"bob"_s << QString() << QString()
        << u"keepalives=1"_s << false;
    QTest::newRow("URI with a socket folder as host")
        << u"postgresql:///neondb?host=%2Fvar%2Frun%2Fpostgresql"_s << u"/var/run/postgresql"_s
        << 5432 << u"neondb"_s << QString() << QString() << QString() << u"keepalives=1"_s << false;
    QTest::newRow("URI with timeouts and application name")
        << u"postgresql://alex@db.example.com/neondb?connect_timeout=10&keepalives=0&keepalives_idle=30&application_name=Tandem%20Desktop&sslmode=Require"_s
        << u"db.example.com"_s << 5432 << u"neondb"_s << u"alex"_s << QString() << u"require"_s
        << u"sslmode=require;connect_timeout=10;keepalives=0;keepalives_idle=30;application_name='Tandem Desktop'"_s
        << false;
    QTest::newRow("key=value")
        << u"host=db.example.com port=5433 dbname=neondb user=alex password=AbC123dEf sslmode=require"_s
        << u"db.example.com"_s << 5433 << u"neondb"_s << u"alex"_s << kNeonPassword << u"require"_s
        << u"sslmode=require;keepalives=1"_s << false;
    QTest::newRow("key=value, quoted values with backslash escapes")
        << uR"(host=db.example.com dbname='my db' user=alex password='it\'s a \\ secret')"_s
        << u"db.example.com"_s << 5432 << u"my db"_s << u"alex"_s << uR"(it's a \ secret)"_s
        << QString() << u"keepalives=1"_s << false;
    QTest::newRow("key=value, SQL-style doubled quote")
        << u"host=db.example.com user=alex password='it''s'"_s << u"db.example.com"_s << 5432
        << QString() << u"alex"_s << u"it's"_s << QString() << u"keepalives=1"_s << false;
    QTest::newRow("key=value, bare value with an escaped space")
        << uR"(host=db.example.com password=two\ words)"_s << u"db.example.com"_s << 5432
        << QString() << QString() << u"two words"_s << QString() << u"keepalives=1"_s << false;
    QTest::newRow("key=value, spaces around =")
        << u"  host = db.example.com   port =5433 user= alex "_s << u"db.example.com"_s << 5433
        << QString() << u"alex"_s << QString() << QString() << u"keepalives=1"_s << false;
    QTest::newRow("key=value, Neon pooled host")
        << u"host=ep-cool-darkness-123456-pooler.us-east-2.aws.neon.tech dbname=neondb"_s
        << kNeonPoolerHost << 5432 << u"neondb"_s << QString() << QString() << QString()
        << u"keepalives=1"_s << true;
    QTest::newRow("key=value, extra keywords passed through")
        << u"host=db.example.com options='-c search_path=tandem' target_session_attrs=read-write application_name='Tandem Desktop' channel_binding=require"_s
        << u"db.example.com"_s << 5432 << QString() << QString() << QString() << QString()
        << u"channel_binding=require;keepalives=1;application_name='Tandem Desktop';options='-c search_path=tandem';target_session_attrs=read-write"_s
        << false;
    QTest::newRow("key=value, IPv6 host")
        << u"host=::1 port=5433"_s << u"::1"_s << 5433 << QString() << QString() << QString()
        << QString() << u"keepalives=1"_s << false;
}

void ConnectionConfigTest::shouldParseAcceptedForms()
{
    QFETCH(QString, text);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, database);
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(QString, sslMode);
    QFETCH(QString, connectOptions);
    QFETCH(bool, pooled);

    QString error;
    const std::optional<ConnectionConfig> config = ConnectionConfig::parse(text, &error);
    QVERIFY2(config, qPrintable(error));
    QCOMPARE(config->host, host);
    QCOMPARE(config->port, port);
    QCOMPARE(config->database, database);
    QCOMPARE(config->user, user);
    QCOMPARE(config->password, password);
    QCOMPARE(config->sslMode, sslMode);
    QCOMPARE(config->connectOptions(), withDeadlines(connectOptions));
    QCOMPARE(config->isPooled(), pooled);
}

void ConnectionConfigTest::shouldApplyEveryFormToQpsqlDatabase_data()
{
    shouldParseAcceptedForms_data();
}

void ConnectionConfigTest::shouldApplyEveryFormToQpsqlDatabase()
{
    QFETCH(QString, text);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, database);
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(QString, connectOptions);

    QString error;
    const std::optional<ConnectionConfig> config = ConnectionConfig::parse(text, &error);
    QVERIFY2(config, qPrintable(error));
    const QString name = u"apply-"_s + QString::fromLatin1(QTest::currentDataTag());
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, name);
        config->applyTo(db);
        QCOMPARE(db.hostName(), host);
        QCOMPARE(db.port(), port);
        QCOMPARE(db.databaseName(), database);
        QCOMPARE(db.userName(), user);
        QCOMPARE(db.password(), password);
        QCOMPARE(db.connectOptions(), withDeadlines(connectOptions));
        // Everything but the setters' fields goes into the options, and
        // never the password itself.
        if (!password.isEmpty())
            QVERIFY(!db.connectOptions().contains(password));
    }
    QSqlDatabase::removeDatabase(name);
}

void ConnectionConfigTest::shouldRoundTripThroughUri_data()
{
    shouldParseAcceptedForms_data();
}

void ConnectionConfigTest::shouldRoundTripThroughUri()
{
    QFETCH(QString, text);
    QString error;
    const std::optional<ConnectionConfig> config = ConnectionConfig::parse(text, &error);
    QVERIFY2(config, qPrintable(error));
    const std::optional<ConnectionConfig> again = ConnectionConfig::parse(config->toUri(), &error);
    QVERIFY2(again, qPrintable(error));
    QVERIFY2(*again == *config, qPrintable(config->redacted() + u" -> "_s + again->redacted()));
}

void ConnectionConfigTest::shouldKeepPasswordOutOfRedactedForm_data()
{
    shouldParseAcceptedForms_data();
}

void ConnectionConfigTest::shouldKeepPasswordOutOfRedactedForm()
{
    QFETCH(QString, text);
    QFETCH(QString, password);
    QString error;
    const std::optional<ConnectionConfig> config = ConnectionConfig::parse(text, &error);
    QVERIFY2(config, qPrintable(error));
    const QString redacted = config->redacted();
    if (password.isEmpty()) {
        QVERIFY(!redacted.contains(u"***"_s));
        QCOMPARE(redacted, config->toUri());
        return;
    }
    QVERIFY2(!redacted.contains(password), qPrintable(redacted));
    QVERIFY(!redacted.contains(ConnectionString::percentEncoded(password)));
    QVERIFY(redacted.contains(u":***@"_s));
    QVERIFY(config->toUri().contains(ConnectionString::percentEncoded(password)));
}

void ConnectionConfigTest::shouldQuoteValuesForLibpq_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("quoted");

    QTest::newRow("plain") << u"require"_s << u"require"_s;
    QTest::newRow("path") << u"/etc/ssl/certs/ca-certificates.crt"_s
                          << u"/etc/ssl/certs/ca-certificates.crt"_s;
    QTest::newRow("with =") << u"endpoint=ep-cool"_s << u"endpoint=ep-cool"_s;
    QTest::newRow("empty") << QString() << u"''"_s;
    QTest::newRow("space") << u"Tandem Desktop"_s << u"'Tandem Desktop'"_s;
    QTest::newRow("tab") << u"a\tb"_s << u"'a\tb'"_s;
    QTest::newRow("quote") << u"it's"_s << uR"('it\'s')"_s;
    QTest::newRow("backslash") << uR"(C:\certs)"_s << uR"('C:\\certs')"_s;
    QTest::newRow("both") << uR"(a\'b)"_s << uR"('a\\\'b')"_s;
}

void ConnectionConfigTest::shouldQuoteValuesForLibpq()
{
    QFETCH(QString, value);
    QFETCH(QString, quoted);
    QCOMPARE(ConnectionString::quoted(value), quoted);
    // And our own key=value reader gives the value back.
    QString error;
    const auto keywords = ConnectionString::parse(u"application_name="_s + quoted, &error);
    QVERIFY2(keywords, qPrintable(error));
    QCOMPARE(keywords->value(u"application_name"_s), value);
}

void ConnectionConfigTest::shouldDetectPooledEndpoints_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<bool>("pooledFlag");
    QTest::addColumn<bool>("pooled");

    QTest::newRow("neon direct") << kNeonHost << false << false;
    QTest::newRow("neon pooler") << kNeonPoolerHost << false << true;
    QTest::newRow("pooler in capitals") << u"EP-COOL-123-POOLER.neon.tech"_s << false << true;
    QTest::newRow("single label") << u"db-pooler"_s << false << true;
    QTest::newRow("-pooler not in the first label") << u"db.example-pooler.com"_s << false << false;
    QTest::newRow("pooler inside the label") << u"ep-pooler-x.neon.tech"_s << false << false;
    QTest::newRow("local PgBouncer, flag set") << u"127.0.0.1"_s << true << true;
    QTest::newRow("local server, no flag") << u"127.0.0.1"_s << false << false;
}

void ConnectionConfigTest::shouldDetectPooledEndpoints()
{
    QFETCH(QString, host);
    QFETCH(bool, pooledFlag);
    QFETCH(bool, pooled);
    ConnectionConfig config;
    config.host = host;
    config.pooled = pooledFlag;
    QCOMPARE(config.isPooled(), pooled);
}

QTEST_GUILESS_MAIN(ConnectionConfigTest)

#include "connectionconfigtest.moc"
