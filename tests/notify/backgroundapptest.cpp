// The real `tandem` binary, started as a child process against a scratch data
// folder on the private bus with dunst (with-notification-daemon.sh): a
// reminder fires once at its time with `tandem --background` running and not
// again after a restart, a missed one fires once at start, and a second start
// hands over to the running instance and leaves.

#include "dunstcontrol.h"
#include "instancechannel.h"
#include "notificationdaemon.h"
#include "operations/reminderoperations.h"
#include "operations/todooperations.h"
#include "storefixture.h"

#include <QDeadlineTimer>
#include <QLocalSocket>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <memory>

using namespace Qt::StringLiterals;

namespace {
constexpr int kStartMs = 15000;
constexpr int kBeforeMs = 2000; // well before the reminder's time, with tandem started
constexpr int kQuietMs = 3000; // long enough for a second firing to show up
constexpr Timestamp::Micros kMinute = 60 * Timestamp::kMicrosPerSecond;

// `tandem` with a home of its own (no settings, keychain or profile of the
// machine), on the test's bus and data folder.
class Tandem
{
public:
    Tandem(const QTemporaryDir &home, const QString &dataDir)
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"HOME"_s, home.path());
        environment.insert(u"XDG_CONFIG_HOME"_s, home.filePath(u"config"_s));
        environment.insert(u"XDG_DATA_HOME"_s, home.filePath(u"share"_s));
        environment.insert(u"QT_LOGGING_RULES"_s, u"tandem.*.info=true"_s);
        environment.remove(u"TANDEM_PROFILE"_s);
        for (const QString &name : {u"DATABASE_URL"_s, u"PGHOST"_s, u"PGPORT"_s, u"PGDATABASE"_s, u"PGUSER"_s,
                                    u"PGPASSWORD"_s})
            environment.remove(name); // no sync: this test is about reminders
        process.setProcessEnvironment(environment);
        m_dataDir = dataDir;
    }
    ~Tandem() { stop(); }

    void start(const QStringList &arguments)
    {
        process.start(QStringLiteral(TANDEM_APP_PATH), QStringList{u"--data-dir"_s, m_dataDir} + arguments);
    }
    void stop()
    {
        if (process.state() == QProcess::NotRunning)
            return;
        process.terminate();
        if (!process.waitForFinished(5000))
            process.kill();
        process.waitForFinished(5000);
    }
    QString errors() { return QString::fromUtf8(process.readAllStandardError()); }

    QProcess process;

private:
    QString m_dataDir;
};
} // namespace

class BackgroundAppTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        TANDEM_REQUIRE_NOTIFICATION_DAEMON("dunst");
        QStandardPaths::setTestModeEnabled(true);
    }

    void init()
    {
        QVERIFY2(m_dunst.closeAll(), qPrintable(m_dunst.lastError()));
        QTRY_COMPARE(m_dunst.displayedCount(), 0u);
        m_data = std::make_unique<StoreFixture>();
    }

    void cleanup() { m_data.reset(); }

    void shouldFireOnceAtItsTimeInTheBackground()
    {
        const Timestamp::Micros at = Timestamp::now() + 4 * Timestamp::kMicrosPerSecond;
        addReminded(u"Fires in the background"_s, at, Timestamp::now());
        letGo();
        Tandem tandem(m_home, dataDir());
        tandem.start({u"--background"_s});
        QVERIFY(tandem.process.waitForStarted());
        QTest::qWait(kBeforeMs);
        QCOMPARE(m_dunst.displayedCount(), 0u); // not on start: at its time
        QVERIFY2(shownWithin(1u, kStartMs), qPrintable(tandem.errors()));
        QVERIFY(Timestamp::now() >= at);
        QTest::qWait(kQuietMs);
        QCOMPARE(m_dunst.displayedCount(), 1u);

        // Not again after a restart.
        tandem.stop();
        tandem.start({u"--background"_s});
        QVERIFY(tandem.process.waitForStarted());
        QTest::qWait(kQuietMs);
        QCOMPARE(tandem.process.state(), QProcess::Running);
        QCOMPARE(m_dunst.displayedCount(), 1u);
        QCOMPARE(summariesShown().count(u"Fires in the background"_s), 1);
    }

    void shouldFireAMissedReminderOnceAtStart()
    {
        const Timestamp::Micros now = Timestamp::now();
        addReminded(u"Passed while not running"_s, now - 5 * kMinute, now - 10 * kMinute);
        letGo();
        Tandem tandem(m_home, dataDir());
        tandem.start({u"--background"_s});
        QVERIFY(tandem.process.waitForStarted());
        QVERIFY2(shownWithin(1u, kStartMs), qPrintable(tandem.errors()));
        tandem.stop();
        tandem.start({u"--background"_s});
        QTest::qWait(kQuietMs);
        QCOMPARE(m_dunst.displayedCount(), 1u);
        QVERIFY(m_dunst.closeAll());
        const QVariantMap shown = m_dunst.history().constFirst();
        QCOMPARE(shown.value(u"summary"_s).toString(), u"1 missed reminder"_s);
        QCOMPARE(shown.value(u"body"_s).toString(), u"Passed while not running"_s);
    }

    void shouldHandASecondStartToTheRunningOne_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("asked");
        QTest::newRow("tandem") << QStringList{} << u"\"show\""_s;
        QTest::newRow("tandem --quick-add") << QStringList{u"--quick-add"_s} << u"\"quick-add\""_s;
    }

    void shouldHandASecondStartToTheRunningOne()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, asked);
        letGo();
        Tandem first(m_home, dataDir());
        first.start({u"--background"_s});
        QVERIFY(first.process.waitForStarted());
        const QString name = InstanceChannel::serverNameFor(m_data->filePath());
        QTRY_VERIFY_WITH_TIMEOUT(listening(name), kStartMs);

        Tandem second(m_home, dataDir());
        second.start(arguments);
        QVERIFY(second.process.waitForFinished(kStartMs));
        QCOMPARE(second.process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(second.process.exitCode(), 0);
        // The first one says on stderr what it was asked (tandem.instance).
        QString said;
        QDeadlineTimer deadline(kStartMs);
        while (!said.contains(asked) && !deadline.hasExpired()) {
            first.process.waitForReadyRead(100);
            said += first.errors();
        }
        QVERIFY2(said.contains(asked), qPrintable(said));
        QCOMPARE(first.process.state(), QProcess::Running);
    }

private:
    QString dataDir() const { return QFileInfo(m_data->filePath()).absolutePath(); }

    void addReminded(const QString &title, Timestamp::Micros at, Timestamp::Micros madeAt)
    {
        const Todo todo = m_data->addTodo(title);
        Reminder reminder = Reminder::atInstant(todo.id, at);
        reminder.createdAt = reminder.updatedAt = madeAt;
        QVERIFY(TodoOperations::apply(*m_data->store, ReminderOperations::add(*m_data->store, {reminder})));
    }

    // The cache is tandem's alone while it runs (it locks the file).
    void letGo()
    {
        m_data->store.reset();
        m_data->database.reset();
    }

    // Closes what is on screen and lists every summary dunst ever had.
    QStringList summariesShown()
    {
        m_dunst.closeAll();
        shownWithin(0u, kStartMs);
        QStringList summaries;
        for (const QVariantMap &entry : m_dunst.history())
            summaries << entry.value(u"summary"_s).toString();
        return summaries;
    }

    // Waits until dunst shows `count` notifications.
    bool shownWithin(uint count, int ms)
    {
        return QTest::qWaitFor([this, count] { return m_dunst.displayedCount() == count; }, ms);
    }

    static bool listening(const QString &name)
    {
        QLocalSocket probe;
        probe.connectToServer(name);
        return probe.waitForConnected(200);
    }

    DunstControl m_dunst;
    QTemporaryDir m_home;
    std::unique_ptr<StoreFixture> m_data;
};

QTEST_GUILESS_MAIN(BackgroundAppTest)
#include "backgroundapptest.moc"
