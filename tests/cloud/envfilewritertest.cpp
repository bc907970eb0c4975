// EnvFileWriter: what it writes, EnvFile reads back unchanged (and a shell
// too); the lines it does not own stay as they were; values it cannot write
// are refused by name, never quoted.

#include "cloud/envfile.h"
#include "cloud/envfilewriter.h"

#include <QFile>
#include <QFileInfo>
#include <QObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QString kComment = u"# Written by the test."_s;
const QString kSecret = u"Sup3r\nS3cret"_s;

} // namespace

class EnvFileWriterTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void awkwardValuesReadBackUnchanged_data();
    void awkwardValuesReadBackUnchanged();
    void aShellReadsTheSameValues();
    void aLineBreakIsRefusedByName_data();
    void aLineBreakIsRefusedByName();
    void aKeyThatIsNoVariableNameIsRefused();
    void otherLinesStayAndReplacedOnesGo();
    void noValuesLeavesOnlyTheOtherLines();
    void writesTheFileForItsOwnerOnly();
};

void EnvFileWriterTest::awkwardValuesReadBackUnchanged_data()
{
    QTest::addColumn<QString>("value");

    QTest::newRow("empty") << QString();
    QTest::newRow("plain") << u"require"_s;
    QTest::newRow("spaces inside and around") << u"  two  words  "_s;
    QTest::newRow("tab") << u"a\tb"_s;
    QTest::newRow("single quote") << u"it's"_s;
    QTest::newRow("only a single quote") << u"'"_s;
    QTest::newRow("double quotes") << u"say \"hi\""_s;
    QTest::newRow("both quotes") << u"it's \"quoted\""_s;
    QTest::newRow("hash after a space") << u"abc #def"_s;
    QTest::newRow("hash first") << u"#not a comment"_s;
    QTest::newRow("dollar") << u"$HOME and ${PATH}"_s;
    QTest::newRow("dollar with a single quote") << u"it's $HOME"_s;
    QTest::newRow("backslashes") << u"C:\\certs\\ca.pem \\n"_s;
    QTest::newRow("backslashes with a single quote") << u"it's \\ \\\" \\'"_s;
    QTest::newRow("backtick with a single quote") << u"it's `date`"_s;
    QTest::newRow("equals signs") << u"host=db port=5432 a==b"_s;
    QTest::newRow("uri") << u"postgresql://alex@ep-x.neon.tech/neondb?sslmode=require&a=b"_s;
    QTest::newRow("unicode") << u"T\u00e4ndem \u65e5\u672c \U0001F511"_s;
    QTest::newRow("byte order mark inside") << u"\uFEFFvalue"_s;
}

void EnvFileWriterTest::awkwardValuesReadBackUnchanged()
{
    QFETCH(QString, value);
    QString error;
    const auto text = EnvFileWriter::updated({}, {u"DATABASE_URL"_s}, kComment,
                                             {{u"DATABASE_URL"_s, value}, {u"PGSSLMODE"_s, value}}, &error);
    QVERIFY2(text, qPrintable(error));
    const auto entries = EnvFile::parse(*text, u".env.test"_s, &error);
    QVERIFY2(entries, qPrintable(error));
    QCOMPARE(entries->size(), 2);
    QCOMPARE(entries->at(0).key, u"DATABASE_URL"_s);
    QCOMPARE(entries->at(0).value, value);
    QCOMPARE(entries->at(1).key, u"PGSSLMODE"_s);
    QCOMPARE(entries->at(1).value, value);
}

void EnvFileWriterTest::aShellReadsTheSameValues()
{
    const QString shell = QStandardPaths::findExecutable(u"sh"_s);
    // Every machine that builds Tandem has a POSIX shell: its absence is a failure, not a skip.
    QVERIFY2(!shell.isEmpty(), "no sh on PATH");
    const QStringList values = {u"it's \"quoted\" $HOME `date` \\ #x"_s, u"  spaced # and $PATH  "_s,
                                u"T\u00e4ndem"_s};
    EnvFileWriter::Values written;
    for (qsizetype i = 0; i < values.size(); ++i)
        written.append({u"VALUE_%1"_s.arg(i), values.at(i)});
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u".env.test"_s);
    QString error;
    QVERIFY2(EnvFileWriter::update(path, {}, kComment, written, &error), qPrintable(error));

    for (qsizetype i = 0; i < values.size(); ++i) {
        QProcess process;
        process.start(shell, {u"-c"_s, u". \"$1\" && printf '%s' \"$VALUE_%2\""_s.arg(i), u"sh"_s, path});
        QVERIFY(process.waitForFinished());
        QCOMPARE(process.exitCode(), 0);
        QCOMPARE(QString::fromUtf8(process.readAllStandardOutput()), values.at(i));
    }
}

void EnvFileWriterTest::aLineBreakIsRefusedByName_data()
{
    QTest::addColumn<QString>("value");
    QTest::newRow("newline") << kSecret;
    QTest::newRow("carriage return") << u"Sup3r\rS3cret"_s;
    QTest::newRow("newline with a single quote") << u"it's\nS3cret"_s;
}

void EnvFileWriterTest::aLineBreakIsRefusedByName()
{
    QFETCH(QString, value);
    QVERIFY(!EnvFileWriter::quoted(value));
    QString error;
    QVERIFY(!EnvFileWriter::updated(u"A=1\n"_s, {}, kComment, {{u"PGSSLROOTCERT"_s, value}}, &error));
    QVERIFY2(error.contains(u"PGSSLROOTCERT"_s), qPrintable(error));
    QVERIFY2(!error.contains(u"S3cret"_s), qPrintable(error));

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u".env.test"_s);
    QVERIFY(!EnvFileWriter::update(path, {}, kComment, {{u"PGSSLROOTCERT"_s, value}}, &error));
    QVERIFY(!QFile::exists(path));
}

void EnvFileWriterTest::aKeyThatIsNoVariableNameIsRefused()
{
    QString error;
    QVERIFY(!EnvFileWriter::updated({}, {}, kComment, {{u"PG-HOST"_s, u"x"_s}}, &error));
    QVERIFY2(error.contains(u"PG-HOST"_s), qPrintable(error));
}

void EnvFileWriterTest::otherLinesStayAndReplacedOnesGo()
{
    const QString before = u"# my own notes\n"
                           "TANDEM_SYNC_INTERVAL=120\n"
                           "export PGHOST=old.example.com\n"
                           "  DATABASE_URL = 'postgresql://old'  # old\n"
                           "# DATABASE_URL=kept, a comment\n"
                           "\n"
                           "# Written by the test.\n"
                           "PGSSLMODE=disable\n"
                           "PGHOSTNAME=kept\n"
                           "\n\n"_s;
    QString error;
    const auto text = EnvFileWriter::updated(before, {u"DATABASE_URL"_s, u"PGHOST"_s, u"PGSSLMODE"_s}, kComment,
                                             {{u"DATABASE_URL"_s, u"postgresql://new"_s},
                                              {u"PGSSLMODE"_s, u"require"_s}},
                                             &error);
    QVERIFY2(text, qPrintable(error));
    QCOMPARE(*text, u"# my own notes\n"
                    "TANDEM_SYNC_INTERVAL=120\n"
                    "# DATABASE_URL=kept, a comment\n"
                    "\n"
                    "PGHOSTNAME=kept\n"
                    "\n"
                    "# Written by the test.\n"
                    "DATABASE_URL='postgresql://new'\n"
                    "PGSSLMODE='require'\n"_s);

    // Written again, it is the same file.
    const auto again = EnvFileWriter::updated(*text, {u"DATABASE_URL"_s, u"PGHOST"_s, u"PGSSLMODE"_s}, kComment,
                                              {{u"DATABASE_URL"_s, u"postgresql://new"_s},
                                               {u"PGSSLMODE"_s, u"require"_s}},
                                              &error);
    QCOMPARE(again, text);
}

void EnvFileWriterTest::noValuesLeavesOnlyTheOtherLines()
{
    QString error;
    QCOMPARE(EnvFileWriter::updated(u"A=1\n\n# Written by the test.\nB='2'\n"_s, {u"B"_s}, kComment, {}, &error),
             u"A=1\n"_s);
    QCOMPARE(EnvFileWriter::updated({}, {u"B"_s}, kComment, {}, &error), u"\n"_s);
}

void EnvFileWriterTest::writesTheFileForItsOwnerOnly()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"new/folder/.env.test"_s);
    QString error;
    QVERIFY2(EnvFileWriter::update(path, {u"PGSSLMODE"_s}, kComment, {{u"PGSSLMODE"_s, u"verify-full"_s}}, &error),
             qPrintable(error));
    QCOMPARE(QFile::permissions(path) & ~(QFileDevice::ReadUser | QFileDevice::WriteUser),
             QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QVERIFY2(EnvFileWriter::update(path, {u"PGSSLMODE"_s}, kComment, {{u"PGSSLMODE"_s, u"require"_s}}, &error),
             qPrintable(error));
    const auto entries = EnvFile::read(path, &error);
    QVERIFY2(entries, qPrintable(error));
    QCOMPARE(entries->size(), 1);
    QCOMPARE(entries->at(0).value, u"require"_s);
}

QTEST_GUILESS_MAIN(EnvFileWriterTest)

#include "envfilewritertest.moc"
