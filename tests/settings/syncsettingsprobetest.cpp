#include "cloud/connectionstring.h"
#include "logcapture.h"
#include "scratchdatabase.h"
#include "secrets/passwordstore.h"
#include "sync/syncresult.h"
#include "syncsettingsdialoghelpers.h"
#include "testpostgres.h"
#include "widgets/syncsettingsdialog.h"

#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;
using namespace SyncSettingsDialogHelpers;

// The settings dialog's "Test connection": what it reports, and that the
// window never waits for the server.

namespace {

QString uriFor(const TestPostgres::Server &server, const QString &database, const QString &password)
{
    return u"postgresql://%1:%2@%3:%4/%5"_s.arg(ConnectionString::percentEncoded(server.user),
                                                 ConnectionString::percentEncoded(password), server.host,
                                                 QString::number(server.port), database);
}

// Counts the ticks of a 10 ms timer and the longest gap between two: a
// window that waited on the network would show one long gap.
class Ticker : public QObject
{
public:
    Ticker()
    {
        m_timer.setInterval(10);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            m_longestGapMs = qMax(m_longestGapMs, m_sinceLast.restart());
            ++m_ticks;
        });
        m_sinceLast.start();
        m_timer.start();
    }
    int ticks() const { return m_ticks; }
    qint64 longestGapMs() const { return qMax(m_longestGapMs, m_sinceLast.elapsed()); }

private:
    QTimer m_timer;
    QElapsedTimer m_sinceLast;
    qint64 m_longestGapMs = 0;
    int m_ticks = 0;
};

// Accepts TCP connections and never says a word: libpq waits for the
// server's answer until its connect_timeout.
class SilentServer : public QTcpServer
{
public:
    SilentServer()
    {
        listen(QHostAddress::LocalHost);
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection())
                m_sockets.push_back(socket);
        });
    }

private:
    QList<QTcpSocket *> m_sockets; // children of the server
};

} // namespace

class SyncSettingsProbeTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    std::unique_ptr<LogCapture> m_log;

    // Everything the dialog shows as text, to prove no password is in it.
    static QStringList labelTexts(QWidget *dialog)
    {
        QStringList texts;
        for (const QLabel *label : dialog->findChildren<QLabel *>())
            texts << label->text();
        for (const QLineEdit *edit : dialog->findChildren<QLineEdit *>()) {
            if (edit->echoMode() == QLineEdit::Normal)
                texts << edit->text();
        }
        return texts;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        useScratchHome(m_home);
        // Every tandem.* line at every level, to prove that no password is in one.
        m_log = std::make_unique<LogCapture>();
    }

    void cleanupTestCase() { m_log.reset(); }

    void init() { LogCapture::clear(); }

    void testConnectionReportsVersionTlsAndRoundTrip()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase scratch(server);
        QVERIFY(scratch.isValid());
        PasswordStore passwords;
        SyncSettingsDialog dialog(profile(ProfileName::Development), &passwords);
        QSignalSpy finished(&dialog, &SyncSettingsDialog::testFinished);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        paste(child<QLineEdit>(&dialog, u"connectionEdit"_s), uriFor(server, scratch.name(), server.password));
        chooseSslMode(&dialog, u"disable"_s);

        Ticker ticker;
        QTest::mouseClick(child<QPushButton>(&dialog, u"testConnectionButton"_s), Qt::LeftButton);
        QVERIFY(dialog.isTesting());
        QVERIFY(!child<QPushButton>(&dialog, u"testConnectionButton"_s)->isEnabled());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);

        QVERIFY(!dialog.isTesting());
        QCOMPARE(child<QLabel>(&dialog, u"testStatus"_s)->text(),
                 u"Connected. Tandem can keep your todos in this database."_s);
        const QString version = child<QLabel>(&dialog, u"serverVersion"_s)->text();
        QVERIFY2(version.startsWith(u"PostgreSQL 15."_s), qPrintable(version));
        QCOMPARE(child<QLabel>(&dialog, u"tlsValue"_s)->text(), u"No"_s);
        const QString roundTrip = child<QLabel>(&dialog, u"roundTrip"_s)->text();
        QVERIFY2(QRegularExpression(u"^\\d+(\\.\\d+)? ms \\(SELECT 1, median of 3\\)$"_s).match(roundTrip).hasMatch(),
                 qPrintable(roundTrip));
        QVERIFY(child<QWidget>(&dialog, u"testFacts"_s)->isVisible());
        QVERIFY(child<QPushButton>(&dialog, u"testConnectionButton"_s)->isEnabled());
        QVERIFY2(ticker.longestGapMs() < 250, qPrintable(QString::number(ticker.longestGapMs())));
    }

    void testConnectionNeverMakesTheWindowWait()
    {
        // A server that never answers: libpq waits its connect_timeout (2 s)
        // on the worker thread while the window goes on ticking.
        SilentServer silent;
        QVERIFY(silent.isListening());
        PasswordStore passwords;
        SyncSettingsDialog dialog(profile(ProfileName::Development), &passwords);
        QSignalSpy finished(&dialog, &SyncSettingsDialog::testFinished);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        paste(child<QLineEdit>(&dialog, u"connectionEdit"_s),
              u"postgresql://nobody:silent-pw@127.0.0.1:%1/db?connect_timeout=2"_s.arg(silent.serverPort()));
        chooseSslMode(&dialog, u"disable"_s);

        Ticker ticker;
        QElapsedTimer elapsed;
        elapsed.start();
        QTest::mouseClick(child<QPushButton>(&dialog, u"testConnectionButton"_s), Qt::LeftButton);
        QVERIFY(elapsed.elapsed() < 250); // the click returned at once
        QVERIFY(child<QLabel>(&dialog, u"testStatus"_s)->text().startsWith(u"Connecting to 127.0.0.1"_s));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 15000);

        QVERIFY2(elapsed.elapsed() >= 1500, qPrintable(QString::number(elapsed.elapsed())));
        QVERIFY2(ticker.ticks() >= 50, qPrintable(QString::number(ticker.ticks())));
        QVERIFY2(ticker.longestGapMs() < 250, qPrintable(QString::number(ticker.longestGapMs())));
        const auto result = finished.first().first().value<ConnectionProbeResult>();
        QCOMPARE(result.error, SyncResult::Error::Unreachable);
        QCOMPARE(child<QLabel>(&dialog, u"testStatus"_s)->text(), result.message);
    }

    void aTestStillRunningWhenTheDialogClosesCallsNobody()
    {
        SilentServer silent;
        PasswordStore passwords;
        auto dialog = std::make_unique<SyncSettingsDialog>(profile(ProfileName::Development), &passwords);
        QPointer<SyncSettingsDialog> watch(dialog.get());
        dialog->show();
        paste(child<QLineEdit>(dialog.get(), u"connectionEdit"_s),
              u"postgresql://nobody@127.0.0.1:%1/db?connect_timeout=1"_s.arg(silent.serverPort()));
        chooseSslMode(dialog.get(), u"disable"_s);
        dialog->testConnection();
        QVERIFY(dialog->isTesting());
        dialog.reset(); // closed while the worker still waits
        QVERIFY(!watch);
        QTest::qWait(2000); // the worker's answer arrives, and goes nowhere
    }

    void aWrongPasswordReportsTheAuthMessageWithoutThePassword()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase scratch(server);
        QVERIFY(scratch.isValid());
        const QString wrong = u"wrong-Passw0rd-for-test"_s;
        PasswordStore passwords;
        SyncSettingsDialog dialog(profile(ProfileName::Development), &passwords);
        QSignalSpy finished(&dialog, &SyncSettingsDialog::testFinished);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        paste(child<QLineEdit>(&dialog, u"connectionEdit"_s), uriFor(server, scratch.name(), wrong));
        chooseSslMode(&dialog, u"disable"_s);

        QTest::mouseClick(child<QPushButton>(&dialog, u"testConnectionButton"_s), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);

        const auto result = finished.first().first().value<ConnectionProbeResult>();
        QCOMPARE(result.error, SyncResult::Error::AuthFailed);
        QCOMPARE(child<QLabel>(&dialog, u"testStatus"_s)->text(),
                 SyncResult::classify(u"password authentication failed"_s, u"28P01"_s, false).message);
        QVERIFY(!child<QWidget>(&dialog, u"testFacts"_s)->isVisible());
        for (const QString &text : labelTexts(&dialog))
            QVERIFY2(!text.contains(wrong), qPrintable(text));
        for (const QString &line : LogCapture::lines())
            QVERIFY2(!line.contains(wrong), qPrintable(u"logged: "_s + line));
    }
};

QTEST_MAIN(SyncSettingsProbeTest)
#include "syncsettingsprobetest.moc"
