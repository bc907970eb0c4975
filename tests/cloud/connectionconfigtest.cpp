// ConnectionConfig: every connection-string form Tandem accepts (Neon's
// console URIs above all), the ones it refuses and what it says then, what
// ends up in a QPSQL QSqlDatabase, and that no password leaks into a message,
// a redacted URI or a log line.

#include "cloud/connectionconfig.h"
#include "cloud/connectionstring.h"

#include "logcapture.h"

#include <QObject>
#include <QSqlDatabase>
#include <QStandardPaths>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

const QString kNeonHost = u"ep-cool-darkness-123456.us-east-2.aws.neon.tech"_s;
const QString kNeonPoolerHost = u"ep-cool-darkness-123456-pooler.us-east-2.aws.neon.tech"_s;
const QString kNeonPassword = u"AbC123dEf"_s;
// What Neon's console shows, character for character.
const QString kNeonUri
    = u"postgresql://alex:AbC123dEf@ep-cool-darkness-123456.us-east-2.aws.neon.tech/neondb?sslmode=require&channel_binding=require"_s;
const QString kNeonPooledUri
    = u"postgresql://alex:AbC123dEf@ep-cool-darkness-123456-pooler.us-east-2.aws.neon.tech/neondb?sslmode=require&channel_binding=require"_s;

// The password in every rejected row: no message may contain it.
const QString kSecret = u"Sup3rS3cret"_s;

const QString kPortMessage = u"The port must be a number from 1 to 65535."_s;
const QString kMultipleHostsMessage
    = u"Multiple hosts (host1,host2) are not supported; give exactly one host."_s;
const QString kNoHostMessage
    = u"The URI has no host (expected postgresql://user:password@host/database)."_s;
const QString kSecretSpaceMessage
    = u"The password seems to contain a space; put it in single quotes: password='...'."_s;

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
    void shouldRejectWithSpecificMessage_data();
    void shouldRejectWithSpecificMessage();
    void shouldRedactAsDocumented_data();
    void shouldRedactAsDocumented();
    void shouldQuoteValuesForLibpq_data();
    void shouldQuoteValuesForLibpq();
    void shouldDetectPooledEndpoints_data();
    void shouldDetectPooledEndpoints();
    void shouldKeepPasswordOutOfLogs();
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

void ConnectionConfigTest::shouldRejectWithSpecificMessage_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");

    const QString neonTail = u"@ep-cool-darkness-123456.us-east-2.aws.neon.tech/neondb"_s;
    const QString userInfo = u"postgresql://alex:"_s + kSecret;

    QTest::newRow("empty") << QString() << u"The connection string is empty."_s;
    QTest::newRow("only spaces") << u"  \t\n"_s << u"The connection string is empty."_s;
    QTest::newRow("mysql scheme")
        << u"mysql://alex:"_s + kSecret + neonTail
        << u"Unsupported URI scheme \"mysql://\"; use postgresql:// or postgres://, or libpq key=value pairs."_s;
    QTest::newRow("jdbc scheme")
        << u"jdbc:postgresql://db.example.com/neondb"_s
        << u"Unsupported URI scheme \"jdbc:postgresql://\"; use postgresql:// or postgres://, or libpq key=value pairs."_s;
    QTest::newRow("URI without host") << u"postgresql:///neondb"_s << kNoHostMessage;
    QTest::newRow("URI with user but no host")
        << userInfo + u"@/neondb?sslmode=require"_s << kNoHostMessage;
    QTest::newRow("non-numeric port in URI")
        << userInfo + u"@db.example.com:abc/neondb"_s
        << u"The port in the URI is not a number (if the password contains \"/\" or \"?\", percent-encode them as %2F and %3F)."_s;
    QTest::newRow("unencoded / in the password")
        << u"postgresql://alex:Sup3r/S3cret@db.example.com/neondb"_s
        << u"The port in the URI is not a number (if the password contains \"/\" or \"?\", percent-encode them as %2F and %3F)."_s;
    QTest::newRow("port out of range in URI")
        << userInfo + u"@db.example.com:70000/neondb"_s << kPortMessage;
    QTest::newRow("port 0 in URI") << userInfo + u"@db.example.com:0/neondb"_s << kPortMessage;
    QTest::newRow("non-numeric port in key=value")
        << u"host=db.example.com port=abc password="_s + kSecret << kPortMessage;
    QTest::newRow("port out of range in key=value")
        << u"host=db.example.com port=65536 password="_s + kSecret << kPortMessage;
    QTest::newRow("unknown sslmode in URI")
        << userInfo + neonTail + u"?sslmode=requir"_s
        << u"Unknown sslmode \"requir\"; expected disable, allow, prefer, require, verify-ca, verify-full."_s;
    QTest::newRow("unknown sslmode in key=value")
        << u"host=db.example.com sslmode=on password="_s + kSecret
        << u"Unknown sslmode \"on\"; expected disable, allow, prefer, require, verify-ca, verify-full."_s;
    QTest::newRow("unknown channel_binding")
        << u"host=db.example.com channel_binding=maybe password="_s + kSecret
        << u"Unknown channel_binding \"maybe\"; expected disable, prefer, require."_s;
    QTest::newRow("non-numeric connect_timeout")
        << u"host=db.example.com connect_timeout=ten password="_s + kSecret
        << u"connect_timeout must be a whole number of seconds (0 or more)."_s;
    QTest::newRow("key without =")
        << u"host=db.example.com dbname password="_s + kSecret
        << u"Malformed connection string: the word at character 21 has no \"=\" (expected key=value pairs separated by spaces)."_s;
    QTest::newRow("bare host name")
        << u"db.example.com"_s
        << u"Malformed connection string: the word at character 1 has no \"=\" (expected key=value pairs separated by spaces)."_s;
    QTest::newRow("= without key")
        << u"host=db.example.com =x"_s
        << u"Malformed connection string: the \"=\" at character 21 has no key before it."_s;
    QTest::newRow("unterminated quote")
        << u"host=db.example.com password='"_s + kSecret
        << u"Malformed connection string: the quoted value that starts at character 30 has no closing \"'\"."_s;
    QTest::newRow("password with an unquoted space")
        << u"host=db.example.com password=Sup3r S3cret"_s << kSecretSpaceMessage;
    QTest::newRow("password with an unquoted space and =")
        << u"host=db.example.com password=Sup3r S3cret=x"_s << kSecretSpaceMessage;
    QTest::newRow("two hosts in URI")
        << userInfo + u"@h1.example.com,h2.example.com/neondb"_s << kMultipleHostsMessage;
    QTest::newRow("two hosts with ports in URI")
        << userInfo + u"@h1.example.com:5432,h2.example.com:5433/neondb"_s << kMultipleHostsMessage;
    QTest::newRow("two hosts in key=value")
        << u"host=h1.example.com,h2.example.com password="_s + kSecret << kMultipleHostsMessage;
    QTest::newRow("two ports in key=value")
        << u"host=db.example.com port=5432,5433 password="_s + kSecret << kMultipleHostsMessage;
    QTest::newRow("unknown keyword in URI")
        << userInfo + neonTail + u"?schema=public"_s
        << u"Unknown connection parameter \"schema\" (not a libpq keyword)."_s;
    QTest::newRow("unknown keyword in key=value")
        << u"host=db.example.com sslmdoe=require password="_s + kSecret
        << u"Unknown connection parameter \"sslmdoe\" (not a libpq keyword)."_s;
    QTest::newRow("unencoded # in the password")
        << u"postgresql://alex:Sup3r#S3cret"_s + neonTail
        << u"The URI contains \"#\"; percent-encode it as %23 (e.g. in the password)."_s;
    QTest::newRow("bad percent escape")
        << u"postgresql://alex:Sup3r%zzS3cret"_s + neonTail
        << u"The URI has a \"%\" that is not followed by two hex digits; write a literal \"%\" as %25."_s;
    QTest::newRow("%00 in the URI") << userInfo + neonTail
            + u"%00"_s << u"The URI contains %00, which a connection parameter cannot hold."_s;
    QTest::newRow("query parameter without =")
        << userInfo + neonTail + u"?sslmode"_s
        << u"A parameter in the URI query has no \"key=\" (expected ?key=value&key=value)."_s;
    QTest::newRow("IPv6 without brackets")
        << userInfo + u"@::1/neondb"_s
        << u"An IPv6 address in a URI must be in brackets, e.g. postgresql://[::1]:5432/db."_s;
    QTest::newRow("IPv6 without closing bracket")
        << userInfo + u"@[::1/neondb"_s << u"The IPv6 address in the URI has no closing \"]\"."_s;
    QTest::newRow("semicolon in a connect option")
        << u"host=db.example.com application_name='a;b' password="_s + kSecret
        << u"The value of \"application_name\" contains \";\", which Qt's PostgreSQL driver cannot pass on to libpq."_s;
}

void ConnectionConfigTest::shouldRejectWithSpecificMessage()
{
    QFETCH(QString, text);
    QFETCH(QString, message);

    QString error;
    const std::optional<ConnectionConfig> config = ConnectionConfig::parse(text, &error);
    QVERIFY2(!config, qPrintable(u"accepted: "_s + (config ? config->redacted() : QString())));
    QCOMPARE(error, message);
    QVERIFY(!error.contains(u'\n'));
    // Neither the password nor a piece of it (the rows split it at "r").
    for (const QString &piece : {kSecret, u"Sup3r"_s, u"S3cret"_s})
        QVERIFY2(!error.contains(piece), qPrintable(error));
}

void ConnectionConfigTest::shouldRedactAsDocumented_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("redacted");

    QTest::newRow("neon")
        << kNeonUri
        << u"postgresql://alex:***@ep-cool-darkness-123456.us-east-2.aws.neon.tech:5432/neondb?sslmode=require&channel_binding=require"_s;
    QTest::newRow("no password") << u"postgresql://alex@db.example.com/neondb"_s
                                 << u"postgresql://alex@db.example.com:5432/neondb"_s;
    QTest::newRow("IPv6") << u"postgresql://alex:AbC123dEf@[::1]:5433/tandem_test"_s
                          << u"postgresql://alex:***@[::1]:5433/tandem_test"_s;
    QTest::newRow("sslpassword too")
        << u"host=db.example.com user=alex password=AbC123dEf sslpassword=KeyPass99 sslcert=/tmp/c.crt"_s
        << u"postgresql://alex:***@db.example.com:5432?sslcert=/tmp/c.crt&sslpassword=***"_s;
    QTest::newRow("encoded parts")
        << u"host=db.example.com dbname='my db' user='a b' application_name='x&y'"_s
        << u"postgresql://a%20b@db.example.com:5432/my%20db?application_name=x%26y"_s;
}

void ConnectionConfigTest::shouldRedactAsDocumented()
{
    QFETCH(QString, text);
    QFETCH(QString, redacted);
    QString error;
    const std::optional<ConnectionConfig> config = ConnectionConfig::parse(text, &error);
    QVERIFY2(config, qPrintable(error));
    QCOMPARE(config->redacted(), redacted);
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

void ConnectionConfigTest::shouldKeepPasswordOutOfLogs()
{
    const QString name = u"logcheck"_s;
    {
        LogCapture capture;
        QString error;
        const auto config = ConnectionConfig::parse(kNeonPooledUri, &error);
        QVERIFY2(config, qPrintable(error));
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, name);
        config->applyTo(db);
        ConnectionConfig::parse(u"host=db.example.com password='"_s + kSecret, &error);

        const QStringList lines = LogCapture::lines();
        QVERIFY2(!lines.isEmpty(), "applyTo() logs the redacted config at debug level");
        for (const QString &line : lines) {
            QVERIFY2(!line.contains(kNeonPassword), qPrintable(line));
            QVERIFY2(!line.contains(kSecret), qPrintable(line));
        }
    }
    QSqlDatabase::removeDatabase(name);
}

QTEST_GUILESS_MAIN(ConnectionConfigTest)

#include "connectionconfigtest.moc"
