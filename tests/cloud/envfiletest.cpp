// EnvFile: the dotenv syntax of the .env.<profile> files, accepted forms and
// malformed lines (named by file and line, never quoted: they may hold a
// password).

#include "cloud/envfile.h"

#include <QFile>
#include <QObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QString kFileName = u"/profiles/.env.production"_s;
const QString kSecret = u"Sup3rS3cret"_s;

// "KEY=value@line" for each entry, to compare whole files in one QCOMPARE.
QStringList flattened(const QList<EnvFile::Entry> &entries)
{
    QStringList result;
    for (const EnvFile::Entry &entry : entries)
        result.append(u"%1=%2@%3"_s.arg(entry.key, entry.value).arg(entry.line));
    return result;
}

} // namespace

class EnvFileTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void shouldReadAcceptedLines_data();
    void shouldReadAcceptedLines();
    void shouldNameFileAndLineOfMalformedLine_data();
    void shouldNameFileAndLineOfMalformedLine();
    void shouldReadFileFromDisk();
    void shouldReportUnreadableFile();
};

void EnvFileTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void EnvFileTest::shouldReadAcceptedLines_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("entries");

    QTest::newRow("empty file") << QString() << QStringList();
    QTest::newRow("comments and blank lines")
        << u"# Neon production\n\n   # indented comment\nPGHOST=db.example.com\n\n"_s
        << QStringList {u"PGHOST=db.example.com@4"_s};
    QTest::newRow("export prefix") << u"export PGPORT=6543\nexport\tPGUSER=alex"_s
                                   << QStringList {u"PGPORT=6543@1"_s, u"PGUSER=alex@2"_s};
    QTest::newRow("variable named like export")
        << u"exporter=1"_s << QStringList {u"exporter=1@1"_s};
    QTest::newRow("spaces around =")
        << u"  PGHOST =  db.example.com  "_s << QStringList {u"PGHOST=db.example.com@1"_s};
    QTest::newRow("single quotes are literal")
        << uR"(PGPASSWORD='a "b" \n #c')"_s << QStringList {uR"(PGPASSWORD=a "b" \n #c@1)"_s};
    QTest::newRow("double quotes with escapes")
        << uR"(PGPASSWORD="say \"hi\" \\ 'x' #1")"_s
        << QStringList {uR"(PGPASSWORD=say "hi" \ 'x' #1@1)"_s};
    QTest::newRow("comment after a quoted value")
        << u"PGAPPNAME='Tandem Desktop'   # shown in pg_stat_activity"_s
        << QStringList {u"PGAPPNAME=Tandem Desktop@1"_s};
    QTest::newRow("comment after a bare value")
        << u"PGSSLMODE=require # Neon needs TLS"_s << QStringList {u"PGSSLMODE=require@1"_s};
    QTest::newRow("# inside a bare value is kept")
        << u"PGPASSWORD=abc#def"_s << QStringList {u"PGPASSWORD=abc#def@1"_s};
    QTest::newRow("= inside the value")
        << u"DATABASE_URL=postgresql://alex@db.example.com/neondb?sslmode=require&a=b"_s
        << QStringList {
               u"DATABASE_URL=postgresql://alex@db.example.com/neondb?sslmode=require&a=b@1"_s};
    QTest::newRow("empty values") << u"PGHOST=\nPGPORT=''\nPGUSER=\"\""_s
                                  << QStringList {u"PGHOST=@1"_s, u"PGPORT=@2"_s, u"PGUSER=@3"_s};
    QTest::newRow("CRLF line ends")
        << u"PGHOST=db.example.com\r\nPGPORT=6543\r\n"_s
        << QStringList {u"PGHOST=db.example.com@1"_s, u"PGPORT=6543@2"_s};
    QTest::newRow("byte order mark")
        << u"\uFEFFPGHOST=db.example.com"_s << QStringList {u"PGHOST=db.example.com@1"_s};
    QTest::newRow("repeated key kept twice, in order")
        << u"PGPORT=1\nPGPORT=2"_s << QStringList {u"PGPORT=1@1"_s, u"PGPORT=2@2"_s};
}

void EnvFileTest::shouldReadAcceptedLines()
{
    QFETCH(QString, text);
    QFETCH(QStringList, entries);
    QString error;
    const auto parsed = EnvFile::parse(text, kFileName, &error);
    QVERIFY2(parsed, qPrintable(error));
    QCOMPARE(flattened(*parsed), entries);
}

void EnvFileTest::shouldNameFileAndLineOfMalformedLine_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");

    const QString head = u"# settings\nPGPASSWORD="_s + kSecret + u"\n"_s;
    QTest::newRow("no =")
        << head + u"PGHOST db.example.com "_s + kSecret
        << u"/profiles/.env.production, line 3: expected KEY=value, but the line has no \"=\"."_s;
    QTest::newRow("no name")
        << head + u"="_s + kSecret
        << u"/profiles/.env.production, line 3: expected KEY=value, but the part before \"=\" is not a variable name (letters, digits and _)."_s;
    QTest::newRow("name with a dash")
        << head + u"PG-HOST=x"_s
        << u"/profiles/.env.production, line 3: expected KEY=value, but the part before \"=\" is not a variable name (letters, digits and _)."_s;
    QTest::newRow("name starting with a digit")
        << head + u"1PGHOST=x"_s
        << u"/profiles/.env.production, line 3: expected KEY=value, but the part before \"=\" is not a variable name (letters, digits and _)."_s;
    QTest::newRow("unterminated single quote")
        << head + u"\nPGPASSWORD='"_s + kSecret
        << u"/profiles/.env.production, line 4: the value of PGPASSWORD has no closing ' (values span one line)."_s;
    QTest::newRow("unterminated double quote")
        << u"DATABASE_URL=\"postgresql://alex:"_s + kSecret + u"@db.example.com/neondb"_s
        << u"/profiles/.env.production, line 1: the value of DATABASE_URL has no closing \" (values span one line)."_s;
    QTest::newRow("text after the closing quote")
        << head + u"PGPASSWORD='"_s + kSecret + u"'x"_s
        << u"/profiles/.env.production, line 3: unexpected text after the closing quote of PGPASSWORD."_s;
}

void EnvFileTest::shouldNameFileAndLineOfMalformedLine()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    QString error;
    QVERIFY(!EnvFile::parse(text, kFileName, &error));
    QCOMPARE(error, message);
    QVERIFY(!error.contains(kSecret));
}

void EnvFileTest::shouldReadFileFromDisk()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u".env.staging"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("PGAPPNAME='T\xc3\xa4ndem'\n"); // UTF-8
    file.close();

    QString error;
    const auto entries = EnvFile::read(path, &error);
    QVERIFY2(entries, qPrintable(error));
    QCOMPARE(flattened(*entries), QStringList {u"PGAPPNAME=T\u00e4ndem@1"_s});
}

void EnvFileTest::shouldReportUnreadableFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u".env.missing"_s);
    QString error;
    QVERIFY(!EnvFile::read(path, &error));
    QVERIFY2(error.startsWith(u"Cannot read "_s + path + u": "_s), qPrintable(error));
}

QTEST_GUILESS_MAIN(EnvFileTest)

#include "envfiletest.moc"
