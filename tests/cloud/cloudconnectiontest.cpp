// ConnectionConfig and ProfileLoader against a real server: the throwaway
// PostgreSQL 15 and the PgBouncer (transaction pooling) in front of it that
// ./dev test starts (see tests/common/testpostgres.h). Proves that what
// applyTo() puts into a QPSQL QSqlDatabase (including quoted connect
// options) is what libpq and the server get.

#include "cloud/connectionconfig.h"
#include "cloud/connectionstring.h"
#include "cloud/profileloader.h"
#include "scratchdatabase.h"
#include "testpostgres.h"

#include <QObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// With a space, so that the connect options must quote it for libpq.
const QString kApplicationName = u"tandem cloud test"_s;
const QString kWrongPassword = u"Wr0ng-Passw0rd-4711"_s;
constexpr int kConnectTimeoutSeconds = 5;

enum class Form { KeyValue, Uri };

int portOf(const TestPostgres::Server &server, bool viaBouncer)
{
    return viaBouncer ? server.bouncerPort : server.port;
}

// The test server as a libpq key=value string or as a URI, the way a user
// would write them.
QString connectionString(
    const TestPostgres::Server &server, Form form, bool viaBouncer, const QString &password)
{
    const int port = portOf(server, viaBouncer);
    if (form == Form::KeyValue) {
        // No password at all rather than password='': an empty value is a
        // named one, which PGPASSWORD may not fill in (libpq's rule).
        return u"host=%1 port=%2 dbname=%3 user=%4 %5connect_timeout=%6 "
               u"application_name=%7"_s.arg(server.host)
                   .arg(port)
                   .arg(ConnectionString::quoted(server.database),
                       ConnectionString::quoted(server.user),
                       password.isEmpty() ? QString()
                                          : u"password="_s + ConnectionString::quoted(password) + u' ')
                   .arg(kConnectTimeoutSeconds)
                   .arg(ConnectionString::quoted(kApplicationName));
    }
    return u"postgresql://%1:%2@%3:%4/%5?connect_timeout=%6&application_name=%7"_s
        .arg(ConnectionString::percentEncoded(server.user),
            ConnectionString::percentEncoded(password), server.host)
        .arg(port)
        .arg(ConnectionString::percentEncoded(server.database))
        .arg(kConnectTimeoutSeconds)
        .arg(ConnectionString::percentEncoded(kApplicationName));
}

// The value of a one-row, one-column query, or a null QVariant with *error set.
QVariant scalar(const QSqlDatabase &db, const QString &sql, QString *error)
{
    QSqlQuery query(db);
    if (!query.exec(sql) || !query.next()) {
        *error = query.lastError().text();
        return {};
    }
    return query.value(0);
}

} // namespace

class CloudConnectionTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void shouldOpenParsedConnectionString_data();
    void shouldOpenParsedConnectionString();
    void shouldOpenLoadedProfile_data();
    void shouldOpenLoadedProfile();
    void shouldLandInTheUrlsDatabaseAsItsRole_data();
    void shouldLandInTheUrlsDatabaseAsItsRole();
    void shouldFailWrongPasswordWithoutShowingIt_data();
    void shouldFailWrongPasswordWithoutShowingIt();

private:
    static void addEndpointRows();
};

void CloudConnectionTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void CloudConnectionTest::addEndpointRows()
{
    QTest::addColumn<Form>("form");
    QTest::addColumn<bool>("viaBouncer");

    QTest::newRow("key=value, direct") << Form::KeyValue << false;
    QTest::newRow("URI, direct") << Form::Uri << false;
    QTest::newRow("key=value, PgBouncer") << Form::KeyValue << true;
    QTest::newRow("URI, PgBouncer") << Form::Uri << true;
}

void CloudConnectionTest::shouldOpenParsedConnectionString_data()
{
    addEndpointRows();
}

void CloudConnectionTest::shouldOpenParsedConnectionString()
{
    TANDEM_REQUIRE_POSTGRES(server);
    QFETCH(Form, form);
    QFETCH(bool, viaBouncer);
    QVERIFY2(!viaBouncer || server.bouncerPort != 0, "TANDEM_TEST_PGBOUNCER_PORT is not set");

    QString error;
    const auto config = ConnectionConfig::parse(
        connectionString(server, form, viaBouncer, server.password), &error);
    QVERIFY2(config, qPrintable(error));
    QCOMPARE(config->port, portOf(server, viaBouncer));
    QCOMPARE(config->password, server.password);

    const QString name = u"cloudconnection-"_s + QString::fromLatin1(QTest::currentDataTag());
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, name);
        config->applyTo(db);
        QVERIFY2(db.open(), qPrintable(db.lastError().text()));
        QCOMPARE(scalar(db, u"SELECT 1"_s, &error).toInt(), 1);
        // The quoted connect option arrived in one piece.
        QCOMPARE(scalar(db, u"SELECT current_setting('application_name')"_s, &error).toString(),
            kApplicationName);
        QCOMPARE(scalar(db, u"SELECT current_user"_s, &error).toString(), server.user);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

void CloudConnectionTest::shouldOpenLoadedProfile_data()
{
    addEndpointRows();
}

void CloudConnectionTest::shouldOpenLoadedProfile()
{
    TANDEM_REQUIRE_POSTGRES(server);
    QFETCH(Form, form);
    QFETCH(bool, viaBouncer);
    QVERIFY2(!viaBouncer || server.bouncerPort != 0, "TANDEM_TEST_PGBOUNCER_PORT is not set");

    // As a developer would set it up: the URL without the password, which
    // comes from PGPASSWORD; the local PgBouncer is marked as a pooler.
    ProfileLoader::Inputs inputs;
    inputs.environment.insert(
        u"DATABASE_URL"_s, connectionString(server, form, viaBouncer, QString()));
    inputs.environment.insert(u"PGPASSWORD"_s, server.password);
    inputs.environment.insert(u"TANDEM_POOLED"_s, viaBouncer ? u"1"_s : u"0"_s);
    QString error;
    const auto profile = ProfileLoader::load(inputs, &error);
    QVERIFY2(profile, qPrintable(error));
    QCOMPARE(profile->name, ProfileName::Development);
    QCOMPARE(profile->connection.isPooled(), viaBouncer);
    QCOMPARE(profile->connection.sslMode, u"prefer"_s);

    const QString name = u"cloudprofile-"_s + QString::fromLatin1(QTest::currentDataTag());
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, name);
        profile->connection.applyTo(db);
        QVERIFY2(db.open(), qPrintable(db.lastError().text()));
        QCOMPARE(scalar(db, u"SELECT 1"_s, &error).toInt(), 1);
        QCOMPARE(scalar(db, u"SELECT current_setting('application_name')"_s, &error).toString(),
            kApplicationName);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

void CloudConnectionTest::shouldLandInTheUrlsDatabaseAsItsRole_data()
{
    addEndpointRows();
}

// libpq's precedence, end to end: psql's variables left in the environment
// (for another database and role) must not move a DATABASE_URL that names
// both. They are set in this process too, where libpq itself reads them.
void CloudConnectionTest::shouldLandInTheUrlsDatabaseAsItsRole()
{
    TANDEM_REQUIRE_POSTGRES(server);
    QFETCH(Form, form);
    QFETCH(bool, viaBouncer);
    const ScratchDatabase cloud(server);
    QVERIFY(cloud.isValid());
    const QString role = ScratchDatabase::roles().value(0);
    QVERIFY(!role.isEmpty());
    const QString pattern = form == Form::Uri
        ? u"postgresql://%1@%2:%3/%4?connect_timeout=%5"_s
        : u"user=%1 host=%2 port=%3 dbname=%4 connect_timeout=%5"_s;
    const QString url = pattern.arg(role, server.host)
                            .arg(portOf(server, viaBouncer))
                            .arg(cloud.name())
                            .arg(kConnectTimeoutSeconds);
    const QList<std::pair<QByteArray, QString>> psqlVariables
        = {{"PGDATABASE", server.database}, {"PGUSER", server.user}};
    ProfileLoader::Inputs inputs;
    inputs.environment.insert(u"DATABASE_URL"_s, url);
    inputs.environment.insert(u"PGPASSWORD"_s, server.password); // the roles share it
    for (const auto &[name, value] : psqlVariables) {
        inputs.environment.insert(QString::fromLatin1(name), value);
        qputenv(name.constData(), value.toUtf8());
    }
    QString error;
    const auto profile = ProfileLoader::load(inputs, &error);
    QVERIFY2(profile, qPrintable(error));

    const QString name = u"cloudurl-"_s + QString::fromLatin1(QTest::currentDataTag());
    QString landed;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, name);
        profile->connection.applyTo(db);
        if (db.open())
            landed = scalar(db, u"SELECT current_user || ' in ' || current_database()"_s, &error)
                         .toString();
        else
            error = db.lastError().text();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    for (const auto &[variable, value] : psqlVariables)
        qunsetenv(variable.constData());
    QCOMPARE(landed, role + u" in "_s + cloud.name());
}

void CloudConnectionTest::shouldFailWrongPasswordWithoutShowingIt_data()
{
    addEndpointRows();
}

void CloudConnectionTest::shouldFailWrongPasswordWithoutShowingIt()
{
    TANDEM_REQUIRE_POSTGRES(server);
    QFETCH(Form, form);
    QFETCH(bool, viaBouncer);
    QVERIFY2(!viaBouncer || server.bouncerPort != 0, "TANDEM_TEST_PGBOUNCER_PORT is not set");

    QString error;
    const auto config = ConnectionConfig::parse(
        connectionString(server, form, viaBouncer, kWrongPassword), &error);
    QVERIFY2(config, qPrintable(error));

    const QString name = u"cloudwrongpw-"_s + QString::fromLatin1(QTest::currentDataTag());
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, name);
        config->applyTo(db);
        QVERIFY(!db.open());
        const QSqlError sqlError = db.lastError();
        QVERIFY(sqlError.isValid());
        const QString text = sqlError.text() + sqlError.driverText() + sqlError.databaseText();
        // PostgreSQL says "password authentication failed", PgBouncer "SASL
        // authentication failed".
        QVERIFY2(text.contains(u"authentication failed"_s), qPrintable(text));
        QVERIFY2(!text.contains(kWrongPassword), qPrintable(text));
        QVERIFY2(!text.contains(server.password), qPrintable(text));
        QVERIFY(!config->redacted().contains(kWrongPassword));
    }
    QSqlDatabase::removeDatabase(name);
}

QTEST_GUILESS_MAIN(CloudConnectionTest)

#include "cloudconnectiontest.moc"
