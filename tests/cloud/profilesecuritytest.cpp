// The security rules of ProfileLoader: production refuses an sslmode weaker
// than require, verify-ca/verify-full need a CA certificate file that
// exists, and no password ever reaches an error message or a log line
// (checked with passwords in every place a setting can come from).

#include "cloud/profileloader.h"

#include "logcapture.h"
#include "profilefixture.h"

#include <QDir>
#include <QFile>
#include <QObject>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

const QString kSecret = u"Sup3rS3cret"_s;

} // namespace

class ProfileSecurityTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void shouldEnforceProductionSslMode_data();
    void shouldEnforceProductionSslMode();
    void shouldFindCaFileForVerifyModes_data();
    void shouldFindCaFileForVerifyModes();
    void shouldKeepPasswordsOutOfErrorsAndLogs_data();
    void shouldKeepPasswordsOutOfErrorsAndLogs();

private:
    std::unique_ptr<ProfileFixture> m_fixture;
};

void ProfileSecurityTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void ProfileSecurityTest::init()
{
    m_fixture = std::make_unique<ProfileFixture>();
}

void ProfileSecurityTest::shouldEnforceProductionSslMode_data()
{
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QStringList>("environment");
    QTest::addColumn<QStringList>("commandLine");
    QTest::addColumn<QString>("message"); // empty: accepted

    const QString url
        = u"url=postgresql://alex@ep-cool-darkness-123456.us-east-2.aws.neon.tech/neondb"_s;
    const QString refusal
        = u"The production profile needs sslmode=require or stronger (verify-ca, verify-full); the connection asks for %1."_s;
    const QString ca = u"PGSSLROOTCERT=<ca>"_s;
    const QString p = u"production"_s;
    QTest::newRow("disable") << p << QStringList {u"PGSSLMODE=disable"_s} << QStringList {url}
                             << refusal.arg(u"\"disable\""_s);
    QTest::newRow("allow") << p << QStringList() << QStringList {url + u"?sslmode=allow"_s}
                           << refusal.arg(u"\"allow\""_s);
    QTest::newRow("prefer") << p << QStringList() << QStringList {url, u"sslmode=prefer"_s}
                            << refusal.arg(u"\"prefer\""_s);
    QTest::newRow("empty") << p << QStringList() << QStringList {url + u"?sslmode="_s}
                           << refusal.arg(u"no sslmode (libpq then uses \"prefer\")"_s);
    QTest::newRow("require (the default)") << p << QStringList() << QStringList {url} << QString();
    QTest::newRow("require") << p << QStringList {u"PGSSLMODE=require"_s} << QStringList {url}
                             << QString();
    QTest::newRow("verify-ca") << p << QStringList {u"PGSSLMODE=verify-ca"_s, ca}
                               << QStringList {url} << QString();
    QTest::newRow("verify-full") << p << QStringList {ca}
                                 << QStringList {url + u"?sslmode=verify-full"_s} << QString();
    QTest::newRow("staging may prefer")
        << u"staging"_s << QStringList {u"PGSSLMODE=prefer"_s} << QStringList {url} << QString();
    QTest::newRow("development may disable")
        << u"development"_s << QStringList {u"PGSSLMODE=disable"_s} << QStringList {url}
        << QString();
}

void ProfileSecurityTest::shouldEnforceProductionSslMode()
{
    QFETCH(QString, profile);
    QFETCH(QStringList, environment);
    QFETCH(QStringList, commandLine);
    QFETCH(QString, message);

    environment.replaceInStrings(u"<ca>"_s, m_fixture->caFile());
    QString error;
    const auto loaded
        = ProfileLoader::load(m_fixture->inputs(environment, commandLine, profile), &error);
    if (message.isEmpty()) {
        QVERIFY2(loaded, qPrintable(error));
    } else {
        QVERIFY(!loaded);
        QCOMPARE(error, message);
    }
}

void ProfileSecurityTest::shouldFindCaFileForVerifyModes_data()
{
    QTest::addColumn<QString>("sslMode");
    QTest::addColumn<QString>("rootCert"); // "<ca>": the test's CA file
    QTest::addColumn<bool>("defaultCaExists");
    QTest::addColumn<QString>("message"); // %1: the missing file

    const QString missing
        = u"sslmode=%1 needs the CA certificate file \"%2\", which does not exist."_s;
    const QString noDefault
        = u"sslmode=%1 needs a CA certificate, and libpq's default \"%2\" does not exist: set PGSSLROOTCERT or sslrootcert (on Debian the system CAs are in /etc/ssl/certs/ca-certificates.crt)."_s;
    QTest::newRow("verify-full, file exists")
        << u"verify-full"_s << u"<ca>"_s << false << QString();
    QTest::newRow("verify-full, missing file")
        << u"verify-full"_s << u"<dir>/nope.crt"_s << false << missing;
    QTest::newRow("verify-ca, missing file")
        << u"verify-ca"_s << u"<dir>/nope.crt"_s << false << missing;
    QTest::newRow("verify-full, a folder") << u"verify-full"_s << u"<dir>"_s << false << missing;
    QTest::newRow("verify-full, no file, no default")
        << u"verify-full"_s << QString() << false << noDefault;
    QTest::newRow("verify-full, libpq's default")
        << u"verify-full"_s << QString() << true << QString();
    QTest::newRow("require needs no file")
        << u"require"_s << u"<dir>/nope.crt"_s << false << QString();
}

void ProfileSecurityTest::shouldFindCaFileForVerifyModes()
{
    QFETCH(QString, sslMode);
    QFETCH(QString, rootCert);
    QFETCH(bool, defaultCaExists);
    QFETCH(QString, message);

    rootCert.replace(u"<ca>"_s, m_fixture->caFile()).replace(u"<dir>"_s, m_fixture->path());
    const QString defaultCa = m_fixture->filePath(u".postgresql/root.crt"_s);
    if (defaultCaExists) {
        QVERIFY(QDir(m_fixture->path()).mkpath(u".postgresql"_s));
        QVERIFY(QFile::copy(m_fixture->caFile(), defaultCa));
    }
    QStringList environment {u"PGHOST=db.example.com"_s, u"PGSSLMODE="_s + sslMode};
    if (!rootCert.isEmpty())
        environment.append(u"PGSSLROOTCERT="_s + rootCert);
    QString error;
    const auto loaded
        = ProfileLoader::load(m_fixture->inputs(environment, {}, u"production"_s), &error);
    if (message.isEmpty()) {
        QVERIFY2(loaded, qPrintable(error));
        QCOMPARE(loaded->connection.sslRootCert, rootCert);
    } else {
        QVERIFY(!loaded);
        QCOMPARE(error, message.arg(sslMode, rootCert.isEmpty() ? defaultCa : rootCert));
    }
}

void ProfileSecurityTest::shouldKeepPasswordsOutOfErrorsAndLogs_data()
{
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QStringList>("file");
    QTest::addColumn<QStringList>("environment");
    QTest::addColumn<QStringList>("commandLine");
    QTest::addColumn<bool>("loads");

    const QString pw = u"PGPASSWORD="_s + kSecret;
    const QString neon = u"postgresql://alex:"_s + kSecret + u"@ep-x-123.neon.tech/neondb"_s;
    const QStringList none;
    QTest::newRow("loads, password in the file")
        << QString() << QStringList {pw} << QStringList {u"PGHOST=h.example.com"_s} << none << true;
    QTest::newRow("loads, password in the URL")
        << u"production"_s << none << none << QStringList {u"url="_s + neon} << true;
    QTest::newRow("production refusal")
        << u"production"_s << QStringList {pw}
        << QStringList {u"DATABASE_URL="_s + neon + u"?sslmode=prefer"_s} << none << false;
    QTest::newRow("missing CA file")
        << QString() << none
        << QStringList {u"DATABASE_URL="_s + neon + u"?sslmode=verify-full&sslrootcert=/nope/"_s
               + kSecret}
        << none << false;
    QTest::newRow("bad sslmode equal to the password (masked)")
        << QString() << QStringList {pw} << QStringList {u"PGSSLMODE="_s + kSecret} << none
        << false;
    QTest::newRow("bad sslmode equal to a later password (masked)")
        << QString() << QStringList {u"PGSSLMODE="_s + kSecret} << none
        << QStringList {u"url="_s + neon} << false;
    QTest::newRow("unterminated quote in the file")
        << QString() << QStringList {u"PGPASSWORD='"_s + kSecret} << none << none << false;
    QTest::newRow("password with a space in key=value")
        << QString() << none
        << QStringList {u"DATABASE_URL=host=h.example.com password=Sup3r S3cret"_s} << none
        << false;
    QTest::newRow("unencoded / in the URL password")
        << QString() << none << none
        << QStringList {u"url=postgresql://alex:Sup3r/S3cret@h.example.com/db"_s} << false;
    QTest::newRow("bad port after a password")
        << QString() << none << QStringList {pw, u"PGPORT="_s + kSecret} << none << false;
}

void ProfileSecurityTest::shouldKeepPasswordsOutOfErrorsAndLogs()
{
    QFETCH(QString, profile);
    QFETCH(QStringList, file);
    QFETCH(QStringList, environment);
    QFETCH(QStringList, commandLine);
    QFETCH(bool, loads);

    if (!file.isEmpty())
        QVERIFY(m_fixture->writeEnvFile(profile.isEmpty() ? u"development"_s : profile, file));
    QString error;
    LogCapture capture;
    const auto loaded
        = ProfileLoader::load(m_fixture->inputs(environment, commandLine, profile), &error);
    QCOMPARE(loaded.has_value(), loads);
    QVERIFY2(!LogCapture::text().isEmpty(), "loading logs what it did");
    for (const QString &piece : {kSecret, u"Sup3r"_s, u"S3cret"_s}) {
        QVERIFY2(!error.contains(piece), qPrintable(error));
        QVERIFY2(!LogCapture::text().contains(piece), qPrintable(LogCapture::text()));
        if (loaded)
            QVERIFY(!loaded->describe().contains(piece));
    }
}

QTEST_GUILESS_MAIN(ProfileSecurityTest)

#include "profilesecuritytest.moc"
