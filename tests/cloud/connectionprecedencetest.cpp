// libpq's precedence in ProfileLoader: a setting that the connection string
// (DATABASE_URL or --to, as a URI or as key=value pairs) names wins over the
// PG* variable for it; the variable only fills in what the string leaves
// out. Checked for every PG* variable Tandem reads, and across sources (a
// string in the .env file against a variable in the environment).

#include "cloud/profileloader.h"

#include "profilefixture.h"

#include <QObject>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

// One PG* variable, the keyword it stands for, and two different values.
struct VariableCase
{
    QString variable;
    QString keyword;
    QString stringValue; // what the connection string says
    QString variableValue; // what the variable says
};

const QList<VariableCase> kVariableCases = {
    {u"PGHOST"_s, u"host"_s, u"string.example.com"_s, u"variable.example.com"_s},
    {u"PGPORT"_s, u"port"_s, u"6001"_s, u"6002"_s},
    {u"PGDATABASE"_s, u"dbname"_s, u"string_db"_s, u"variable_db"_s},
    {u"PGUSER"_s, u"user"_s, u"string_role"_s, u"variable_role"_s},
    {u"PGPASSWORD"_s, u"password"_s, u"string-pw"_s, u"variable-pw"_s},
    {u"PGSSLMODE"_s, u"sslmode"_s, u"require"_s, u"disable"_s},
    {u"PGSSLROOTCERT"_s, u"sslrootcert"_s, u"/string/ca.crt"_s, u"/variable/ca.crt"_s},
    {u"PGCONNECT_TIMEOUT"_s, u"connect_timeout"_s, u"7"_s, u"8"_s},
    {u"PGAPPNAME"_s, u"application_name"_s, u"string-app"_s, u"variable-app"_s},
    {u"PGCHANNELBINDING"_s, u"channel_binding"_s, u"require"_s, u"disable"_s},
};

// Every setting a string starts from; the case's own keyword is then added
// or taken out. A URI must name a host (Tandem refuses one without), so
// without "host" it names hostaddr instead, which leaves host to PGHOST.
const ConnectionString::Keywords kBaseKeywords
    = {{u"host"_s, u"base.example.com"_s}, {u"dbname"_s, u"base_db"_s}};
const QString kFallbackHostAddress = u"192.0.2.10"_s;

enum class Form { Uri, KeyValue };

QString uriFrom(ConnectionString::Keywords keywords)
{
    QString authority;
    if (keywords.contains(u"user"_s))
        authority = keywords.take(u"user"_s);
    if (keywords.contains(u"password"_s))
        authority += u':' + keywords.take(u"password"_s);
    if (!authority.isEmpty())
        authority += u'@';
    if (!keywords.contains(u"host"_s))
        keywords.insert(u"hostaddr"_s, kFallbackHostAddress);
    authority += keywords.take(u"host"_s);
    if (keywords.contains(u"port"_s))
        authority += u':' + keywords.take(u"port"_s);
    const QString path = keywords.take(u"dbname"_s);
    QStringList query;
    for (auto it = keywords.cbegin(); it != keywords.cend(); ++it)
        query.append(it.key() + u'=' + it.value());
    return u"postgresql://"_s + authority + u'/' + path
        + (query.isEmpty() ? QString() : u'?' + query.join(u'&'));
}

QString keyValueFrom(const ConnectionString::Keywords &keywords)
{
    QStringList pairs;
    for (auto it = keywords.cbegin(); it != keywords.cend(); ++it)
        pairs.append(it.key() + u'=' + it.value());
    return pairs.join(u' ');
}

QString connectionString(const VariableCase &variableCase, Form form, bool namesIt)
{
    ConnectionString::Keywords keywords = kBaseKeywords;
    if (namesIt)
        keywords.insert(variableCase.keyword, variableCase.stringValue);
    else
        keywords.remove(variableCase.keyword);
    return form == Form::Uri ? uriFrom(keywords) : keyValueFrom(keywords);
}

// The setting for a libpq keyword, as text, from a loaded profile.
QString valueOf(const ConnectionConfig &config, const QString &keyword)
{
    return config.keywords().value(keyword);
}

} // namespace

class ConnectionPrecedenceTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void shouldLetTheStringWinAndTheVariableFillIn_data();
    void shouldLetTheStringWinAndTheVariableFillIn();
    void shouldLetTheStringWinAcrossSources_data();
    void shouldLetTheStringWinAcrossSources();

private:
    std::unique_ptr<ProfileFixture> m_fixture;
};

void ConnectionPrecedenceTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void ConnectionPrecedenceTest::init()
{
    m_fixture = std::make_unique<ProfileFixture>();
}

void ConnectionPrecedenceTest::shouldLetTheStringWinAndTheVariableFillIn_data()
{
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("keyword");
    QTest::addColumn<QString>("databaseUrl");
    QTest::addColumn<QString>("variableValue");
    QTest::addColumn<QString>("expected");

    for (const VariableCase &c : kVariableCases) {
        for (const Form form : {Form::Uri, Form::KeyValue}) {
            const char *formName = form == Form::Uri ? "URI" : "key=value";
            QTest::addRow("%s: a %s that names it wins", qPrintable(c.variable), formName)
                << c.variable << c.keyword << connectionString(c, form, true) << c.variableValue
                << c.stringValue;
            QTest::addRow("%s: fills in what a %s leaves out", qPrintable(c.variable), formName)
                << c.variable << c.keyword << connectionString(c, form, false) << c.variableValue
                << c.variableValue;
        }
    }
}

void ConnectionPrecedenceTest::shouldLetTheStringWinAndTheVariableFillIn()
{
    QFETCH(QString, variable);
    QFETCH(QString, keyword);
    QFETCH(QString, databaseUrl);
    QFETCH(QString, variableValue);
    QFETCH(QString, expected);

    QString error;
    const auto loaded = ProfileLoader::load(
        m_fixture->inputs({u"DATABASE_URL="_s + databaseUrl, variable + u'=' + variableValue}, {}),
        &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(valueOf(loaded->connection, keyword), expected);
}

void ConnectionPrecedenceTest::shouldLetTheStringWinAcrossSources_data()
{
    QTest::addColumn<QStringList>("file");
    QTest::addColumn<QStringList>("environment");
    QTest::addColumn<QStringList>("commandLine");
    QTest::addColumn<QString>("keyword");
    QTest::addColumn<QString>("expected");

    const QString url = u"postgresql://alice@db.example.com/tandem"_s;
    const QStringList none;
    // The case of the issue: psql's variables left in the shell.
    QTest::newRow("environment: PGDATABASE and PGUSER do not move the URL's database")
        << none << QStringList {u"DATABASE_URL="_s + url, u"PGDATABASE=postgres"_s}
        << none << u"dbname"_s << u"tandem"_s;
    QTest::newRow("environment: nor its role")
        << none << QStringList {u"DATABASE_URL="_s + url, u"PGUSER=postgres"_s} << none
        << u"user"_s << u"alice"_s;
    QTest::newRow("file URL beats an environment PGDATABASE")
        << QStringList {u"DATABASE_URL="_s + url} << QStringList {u"PGDATABASE=postgres"_s}
        << none << u"dbname"_s << u"tandem"_s;
    QTest::newRow("file URL beats an environment PGUSER")
        << QStringList {u"DATABASE_URL="_s + url} << QStringList {u"PGUSER=postgres"_s} << none
        << u"user"_s << u"alice"_s;
    QTest::newRow("environment URL beats a file PGHOST")
        << QStringList {u"PGHOST=file.example.com"_s} << QStringList {u"DATABASE_URL="_s + url}
        << none << u"host"_s << u"db.example.com"_s;
    QTest::newRow("an environment PGPASSWORD fills in a file URL's missing password")
        << QStringList {u"DATABASE_URL="_s + url} << QStringList {u"PGPASSWORD=from-env"_s}
        << none << u"password"_s << u"from-env"_s;
    QTest::newRow("--to beats PGDATABASE")
        << none << QStringList {u"PGDATABASE=postgres"_s}
        << QStringList {u"url=host=db.example.com dbname=tandem"_s} << u"dbname"_s
        << u"tandem"_s;
    QTest::newRow("a command-line key beats every string")
        << QStringList {u"DATABASE_URL="_s + url} << QStringList {u"DATABASE_URL="_s + url}
        << QStringList {u"url="_s + url, u"dbname=typed"_s} << u"dbname"_s << u"typed"_s;
}

void ConnectionPrecedenceTest::shouldLetTheStringWinAcrossSources()
{
    QFETCH(QStringList, file);
    QFETCH(QStringList, environment);
    QFETCH(QStringList, commandLine);
    QFETCH(QString, keyword);
    QFETCH(QString, expected);

    if (!file.isEmpty())
        QVERIFY(m_fixture->writeEnvFile(u"development"_s, file));
    QString error;
    const auto loaded = ProfileLoader::load(m_fixture->inputs(environment, commandLine), &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(valueOf(loaded->connection, keyword), expected);
}

QTEST_GUILESS_MAIN(ConnectionPrecedenceTest)

#include "connectionprecedencetest.moc"
