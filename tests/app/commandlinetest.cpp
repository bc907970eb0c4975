#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

// `tandem --help`, `--version` and a wrong option answer on the terminal and
// leave, also where no display exists (a server, a package build, ssh). The
// binary runs as a child with every variable that names a display removed,
// so a QApplication made too early aborts it.
class CommandLineTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void answersWithoutADisplay_data();
    void answersWithoutADisplay();

private:
    struct Result
    {
        bool crashed = true;
        int exitCode = -1;
        QString out;
        QString err;
    };
    Result runWithoutDisplay(const QStringList &arguments);
};

CommandLineTest::Result CommandLineTest::runWithoutDisplay(const QStringList &arguments)
{
    const QTemporaryDir home;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString &key : {u"DISPLAY"_s, u"WAYLAND_DISPLAY"_s, u"QT_QPA_PLATFORM"_s})
        environment.remove(key);
    // Nothing of the person's own settings or data is read or written.
    environment.insert(u"HOME"_s, home.path());
    environment.insert(u"XDG_CONFIG_HOME"_s, home.filePath(u"config"_s));
    environment.insert(u"XDG_DATA_HOME"_s, home.filePath(u"data"_s));
    environment.insert(u"LC_ALL"_s, u"C.UTF-8"_s);

    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(TANDEM_APP_PATH), arguments);
    Result result;
    if (!process.waitForStarted() || !process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
        return result;
    }
    result.crashed = process.exitStatus() != QProcess::NormalExit;
    result.exitCode = process.exitCode();
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

void CommandLineTest::answersWithoutADisplay_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<bool>("succeeds");
    QTest::addColumn<QString>("expectedOut"); // a part of stdout
    QTest::addColumn<QString>("expectedErr"); // a part of stderr

    const QString version = QStringLiteral(TANDEM_VERSION);
    QTest::newRow("--version") << QStringList{u"--version"_s} << true << (u"tandem "_s + version) << QString();
    QTest::newRow("-v") << QStringList{u"-v"_s} << true << (u"tandem "_s + version) << QString();
    QTest::newRow("--help") << QStringList{u"--help"_s} << true << u"--data-dir <dir>"_s << QString();
    QTest::newRow("-h") << QStringList{u"-h"_s} << true << u"--profile <profile>"_s << QString();
    // Qt's own options are still let through to the QApplication.
    QTest::newRow("Qt option, then --help")
        << QStringList{u"-platform"_s, u"offscreen"_s, u"--help"_s} << true << u"--help"_s << QString();
    QTest::newRow("unknown option") << QStringList{u"--no-such-option"_s} << false << QString()
                                    << u"no-such-option"_s;
    QTest::newRow("missing value") << QStringList{u"--data-dir"_s} << false << QString() << u"data-dir"_s;
    QTest::newRow("stray argument") << QStringList{u"stray"_s} << false << QString() << u"stray"_s;
}

void CommandLineTest::answersWithoutADisplay()
{
    QFETCH(QStringList, arguments);
    QFETCH(bool, succeeds);
    QFETCH(QString, expectedOut);
    QFETCH(QString, expectedErr);

    const Result result = runWithoutDisplay(arguments);
    QVERIFY2(!result.crashed, qPrintable(u"tandem crashed: "_s + result.err));
    if (succeeds) {
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.contains(expectedOut), qPrintable(result.out));
    } else {
        QVERIFY(result.exitCode != 0);
        QVERIFY2(result.out.isEmpty(), qPrintable(result.out));
        QVERIFY2(result.err.startsWith(u"tandem: "_s), qPrintable(result.err));
        QVERIFY2(result.err.contains(expectedErr), qPrintable(result.err));
    }
}

QTEST_GUILESS_MAIN(CommandLineTest)
#include "commandlinetest.moc"
