#include "clichecks.h"

#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;

// tandem-cli's command line as a script meets it: where global options may
// stand, "--" before a title that starts with a dash, the cache it opens
// without --data-dir, help and version, and every refusal as one line on
// stderr with its exit code.
class CliArgumentsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldTakeGlobalOptionsBeforeOrAfterTheCommand_data()
    {
        QTest::addColumn<QStringList>("arguments"); // DIR stands for the data folder
        QTest::newRow("before") << QStringList{u"--data-dir"_s, u"DIR"_s, u"add"_s, u"Title"_s};
        QTest::newRow("between") << QStringList{u"add"_s, u"--data-dir"_s, u"DIR"_s, u"Title"_s};
        QTest::newRow("after") << QStringList{u"add"_s, u"Title"_s, u"--data-dir"_s, u"DIR"_s};
        QTest::newRow("with =") << QStringList{u"--data-dir=DIR"_s, u"add"_s, u"Title"_s};
        QTest::newRow("profile before") << QStringList{u"--profile"_s, u"staging"_s, u"--data-dir"_s, u"DIR"_s,
                                                       u"add"_s, u"Title"_s};
        QTest::newRow("profile after") << QStringList{u"add"_s, u"Title"_s, u"--data-dir"_s, u"DIR"_s,
                                                      u"--profile"_s, u"Production"_s};
        QTest::newRow("command options first") << QStringList{u"--priority"_s, u"2"_s, u"add"_s, u"Title"_s,
                                                              u"--data-dir"_s, u"DIR"_s};
    }

    void shouldTakeGlobalOptionsBeforeOrAfterTheCommand()
    {
        QFETCH(QStringList, arguments);
        CliRunner runner;
        arguments.replaceInStrings(u"DIR"_s, runner.dataDir());
        const CliRunner::Result added = runner.run(arguments);
        QCOMPARE(added.errText(), QString());
        QCOMPARE(added.exitCode, 0);
        QCOMPARE(runner.exportedTodo(added.outText().trimmed()).value(u"title"_s).toString(), u"Title"_s);
    }

    void shouldUseTheDesktopAppsCacheWithoutDataDir()
    {
        CliRunner runner;
        const QString id = runner.run({u"add"_s, u"In the usual place"_s}).outText().trimmed();
        QVERIFY(QFileInfo::exists(runner.homeDir() + u"/data/tandem/tandem/tandem.db"_s));
        const CliRunner::Result list = runner.run({u"list"_s});
        QCOMPARE(list.outLines(), QStringList{id.left(8) + u"     In the usual place  @Inbox"_s});
    }

    void shouldTakeATitleThatStartsWithADashAfterDoubleDash()
    {
        CliRunner runner;
        const CliRunner::Result added =
            runner.run({u"--data-dir"_s, runner.dataDir(), u"add"_s, u"--tag"_s, u"gym"_s, u"--"_s, u"-5 push-ups"_s});
        QCOMPARE(added.errText(), QString());
        QCOMPARE(added.exitCode, 0);
        const QJsonObject todo = runner.exportedTodo(added.outText().trimmed());
        QCOMPARE(todo.value(u"title"_s).toString(), u"-5 push-ups"_s);
        QCOMPARE(todo.value(u"tags"_s), QJsonValue(QJsonArray{u"gym"_s}));
    }

    void shouldRefuseWithOneLineAndAnExitCode_data()
    {
        QTest::addColumn<QStringList>("arguments"); // ID stands for an existing todo, ID3 for its first 3 characters
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("fragment");

        QTest::newRow("no command") << QStringList{} << 2 << u"no command"_s;
        QTest::newRow("unknown command") << QStringList{u"frobnicate"_s} << 2 << u"unknown command: frobnicate"_s;
        QTest::newRow("unknown option") << QStringList{u"list"_s, u"--colour"_s} << 2 << u"unknown option: --colour"_s;
        QTest::newRow("option of another command") << QStringList{u"add"_s, u"x"_s, u"--json"_s} << 2 << u"--json"_s;
        QTest::newRow("missing title") << QStringList{u"add"_s} << 2 << u"title"_s;
        QTest::newRow("blank title") << QStringList{u"add"_s, u"   "_s} << 2 << u"title"_s;
        QTest::newRow("two titles") << QStringList{u"add"_s, u"Buy"_s, u"milk"_s} << 2 << u"milk"_s;
        QTest::newRow("missing value") << QStringList{u"add"_s, u"x"_s, u"--due"_s} << 2 << u"--due"_s;
        QTest::newRow("bad date") << QStringList{u"add"_s, u"x"_s, u"--due"_s, u"2026-13-40"_s} << 2 << u"2026-13-40"_s;
        QTest::newRow("bad time") << QStringList{u"add"_s, u"x"_s, u"--due"_s, u"2026-01-01T25:00"_s} << 2 << u"due"_s;
        QTest::newRow("date in another shape") << QStringList{u"add"_s, u"x"_s, u"--due"_s, u"1/2/2026"_s} << 2 << u"due"_s;
        QTest::newRow("bad priority") << QStringList{u"add"_s, u"x"_s, u"--priority"_s, u"7"_s} << 2 << u"priority"_s;
        QTest::newRow("unknown profile") << QStringList{u"list"_s, u"--profile"_s, u"qa"_s} << 2 << u"profile"_s;
        QTest::newRow("missing id") << QStringList{u"done"_s} << 2 << u"id"_s;
        QTest::newRow("unknown id") << QStringList{u"done"_s, u"00000000-0000-4000-8000-000000000000"_s} << 1
                                    << u"00000000-0000-4000-8000-000000000000"_s;
        QTest::newRow("id too short") << QStringList{u"delete"_s, u"ID3"_s} << 1 << u"at least 4"_s;
        QTest::newRow("unknown list") << QStringList{u"add"_s, u"x"_s, u"--list"_s, u"Nowhere"_s} << 1 << u"Nowhere"_s;
        QTest::newRow("unknown list on edit") << QStringList{u"edit"_s, u"ID"_s, u"--list"_s, u"Nowhere"_s} << 1
                                              << u"Nowhere"_s;
        QTest::newRow("due and no due") << QStringList{u"edit"_s, u"ID"_s, u"--due"_s, u"2026-01-01"_s, u"--no-due"_s}
                                        << 2 << u"--no-due"_s;
        QTest::newRow("edit without changes") << QStringList{u"edit"_s, u"ID"_s} << 2 << u"change"_s;
        QTest::newRow("empty new title") << QStringList{u"edit"_s, u"ID"_s, u"--title"_s, u""_s} << 2 << u"title"_s;
        QTest::newRow("flag with a value") << QStringList{u"list"_s, u"--all=yes"_s} << 2 << u"--all"_s;
    }

    void shouldRefuseWithOneLineAndAnExitCode()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, fragment);
        CliRunner runner;
        const QString id = runner.add({u"Existing"_s});
        const QJsonObject before = runner.exported();
        arguments.replaceInStrings(QRegularExpression(u"^ID$"_s), id);
        arguments.replaceInStrings(QRegularExpression(u"^ID3$"_s), id.left(3)); // shorter than any prefix taken

        // --data-dir first, so that the arguments under test come last (a missing value).
        verifyOneLineError(runner.run(QStringList{u"--data-dir"_s, runner.dataDir()} + arguments), exitCode, fragment);
        QCOMPARE(runner.exported(), before); // nothing was written
    }

    // A cache in use by the window is no reason to refuse: cliconcurrenttest.
    void shouldRefuseACacheItCannotOpen()
    {
        CliRunner runner;
        {
            QFile file(runner.databasePath());
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QByteArray(4096, 'x'));
        }
        verifyOneLineError(runner.cli({u"list"_s}), 1, u"damaged"_s);
        verifyOneLineError(runner.cli({u"add"_s, u"x"_s}), 1, u"damaged"_s);
        // Left exactly as it was: setting it aside is the person's choice.
        QFile file(runner.databasePath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray(4096, 'x'));
    }

    void shouldPrintHelpAndVersion_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("expected");
        QTest::newRow("--help") << QStringList{u"--help"_s} << u"Usage: tandem-cli"_s;
        QTest::newRow("-h") << QStringList{u"-h"_s} << u"Usage: tandem-cli"_s;
        QTest::newRow("help") << QStringList{u"help"_s} << u"Usage: tandem-cli"_s;
        QTest::newRow("command --help") << QStringList{u"add"_s, u"--help"_s} << u"Usage: tandem-cli"_s;
        QTest::newRow("--version") << QStringList{u"--version"_s} << u"tandem-cli " TANDEM_VERSION "\n"_s;
    }

    void shouldPrintHelpAndVersion()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, expected);
        CliRunner runner;
        const CliRunner::Result result = runner.run(arguments);
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(result.err, QByteArray());
        QVERIFY2(result.outText().startsWith(expected), result.out.constData());
        QVERIFY(!QFileInfo::exists(runner.homeDir() + u"/data"_s)); // no cache made just to answer
    }
};

QTEST_GUILESS_MAIN(CliArgumentsTest)
#include "cliargumentstest.moc"
