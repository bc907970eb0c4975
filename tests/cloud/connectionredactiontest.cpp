// What Tandem shows of a connection string it was given: the refusals with
// their exact messages, the documented redacted URI and the log lines of
// applyTo(), none of which may contain the password or a piece of it. The
// accepted forms are in connectionconfigtest.cpp.

#include "cloud/connectionconfig.h"

#include "logcapture.h"
#include "neonuris.h"

#include <QObject>
#include <QSqlDatabase>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// The password in every rejected row: no message may contain it.
const QString kSecret = u"Sup3rS3cret"_s;

const QString kPortMessage = u"The port must be a number from 1 to 65535."_s;
const QString kMultipleHostsMessage
    = u"Multiple hosts (host1,host2) are not supported; give exactly one host."_s;
const QString kNoHostMessage
    = u"The URI has no host (expected postgresql://user:password@host/database)."_s;
const QString kSecretSpaceMessage
    = u"The password seems to contain a space; put it in single quotes: password='...'."_s;

} // namespace

class ConnectionRedactionTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void shouldRejectWithSpecificMessage_data();
    void shouldRejectWithSpecificMessage();
    void shouldRedactAsDocumented_data();
    void shouldRedactAsDocumented();
    void shouldKeepPasswordOutOfLogs();
};


void ConnectionRedactionTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY2(QSqlDatabase::isDriverAvailable(u"QPSQL"_s), "the QPSQL driver is not installed");
}

void ConnectionRedactionTest::shouldRejectWithSpecificMessage_data()
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

void ConnectionRedactionTest::shouldRejectWithSpecificMessage()
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

void ConnectionRedactionTest::shouldRedactAsDocumented_data()
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

void ConnectionRedactionTest::shouldRedactAsDocumented()
{
    QFETCH(QString, text);
    QFETCH(QString, redacted);
    QString error;
    const std::optional<ConnectionConfig> config = ConnectionConfig::parse(text, &error);
    QVERIFY2(config, qPrintable(error));
    QCOMPARE(config->redacted(), redacted);
}

void ConnectionRedactionTest::shouldKeepPasswordOutOfLogs()
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

QTEST_GUILESS_MAIN(ConnectionRedactionTest)

#include "connectionredactiontest.moc"
