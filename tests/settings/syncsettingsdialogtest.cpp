#include "cloud/connectionstring.h"
#include "cloud/envfile.h"
#include "cloud/profileloader.h"
#include "logcapture.h"
#include "scratchdatabase.h"
#include "secrets/passwordstore.h"
#include "sync/syncresult.h"
#include "testpostgres.h"
#include "widgets/syncsettingsdialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
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

namespace {

const QString kNeonPassword = u"npg_AbC123dEfGh"_s;
const QString kNeonHost = u"ep-cool-darkness-123456.us-east-2.aws.neon.tech"_s;
// Exactly as Neon's console gives it.
const QString kNeonUri = u"postgresql://alex:%1@%2/neondb?sslmode=require&channel_binding=require"_s.arg(
    kNeonPassword, kNeonHost);

// Every message logged while a test runs, to prove no password is in one.
template<typename T>
T *child(QObject *parent, const QString &name)
{
    T *found = parent->findChild<T *>(name);
    if (!found)
        qFatal("no child %s", qPrintable(name));
    return found;
}

// A person pastes text into the field: select all, Ctrl+V.
void paste(QLineEdit *edit, const QString &text)
{
    QApplication::clipboard()->setText(text);
    edit->setFocus();
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(edit, Qt::Key_V, Qt::ControlModifier);
}

void chooseSslMode(QObject *dialog, const QString &mode)
{
    auto *combo = child<QComboBox>(dialog, u"sslModeCombo"_s);
    combo->setCurrentIndex(combo->findData(mode));
}

QString uriFor(const TestPostgres::Server &server, const QString &database, const QString &password)
{
    return u"postgresql://%1:%2@%3:%4/%5"_s.arg(ConnectionString::percentEncoded(server.user),
                                                 ConnectionString::percentEncoded(password), server.host,
                                                 QString::number(server.port), database);
}

QStringList filesContaining(const QString &dir, const QString &needle)
{
    QStringList found;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle.toUtf8()))
            found << file.fileName();
    }
    return found;
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

class SyncSettingsDialogTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    QString m_configDir;
    std::unique_ptr<LogCapture> m_log;

    static Profile profile(ProfileName name) { return Profile::defaults(name); }

    // The store answers through the event loop: the test waits for it.
    static QString storedPassword(PasswordStore &store, const QString &key, PasswordStore::Location *location = nullptr)
    {
        std::optional<PasswordStore::Result> answer;
        store.read(key, &store, [&answer](const PasswordStore::Result &result) { answer = result; });
        if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, 10000))
            return {};
        if (location)
            *location = answer->location;
        return answer->password;
    }

    QStringList labelTexts(QWidget *dialog) const
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
        qputenv("HOME", m_home.path().toUtf8());
        qputenv("XDG_CONFIG_HOME", m_home.filePath(u"config"_s).toUtf8());
        QStandardPaths::setTestModeEnabled(true);
        m_configDir = QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation);
        QVERIFY(m_configDir.startsWith(m_home.path()));
        // Every tandem.* line at every level, to prove that no password is in one.
        m_log = std::make_unique<LogCapture>();
    }

    void cleanupTestCase() { m_log.reset(); }

    void init()
    {
        QDir(m_configDir).removeRecursively();
        LogCapture::clear();
    }

    void showsTheActiveProfileAndItsConnection()
    {
        Profile active = profile(ProfileName::Production);
        QString error;
        active.connection = *ConnectionConfig::parse(kNeonUri, &error);
        PasswordStore passwords;
        SyncSettingsDialog dialog(active, &passwords);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));

        QCOMPARE(child<QLabel>(&dialog, u"profileValue"_s)->text(), u"production"_s);
        QVERIFY(child<QLabel>(&dialog, u"profileHint"_s)->text().contains(u".env.production"_s));
        const QString shown = child<QLineEdit>(&dialog, u"connectionEdit"_s)->text();
        QCOMPARE(shown, u"postgresql://alex@%1:5432/neondb?channel_binding=require"_s.arg(kNeonHost));
        QCOMPARE(child<QLineEdit>(&dialog, u"passwordEdit"_s)->text(), kNeonPassword);
        QCOMPARE(child<QLineEdit>(&dialog, u"passwordEdit"_s)->echoMode(), QLineEdit::Password);
        QCOMPARE(child<QComboBox>(&dialog, u"sslModeCombo"_s)->currentData().toString(), u"require"_s);
        QVERIFY(dialog.problem().isEmpty());
        // Interactive widgets carry names for screen readers.
        for (const QString &name : {u"connectionEdit"_s, u"passwordEdit"_s, u"sslModeCombo"_s, u"caFileEdit"_s,
                                    u"testConnectionButton"_s, u"saveButton"_s}) {
            auto *widget = child<QWidget>(&dialog, name);
            QVERIFY2(!widget->accessibleName().isEmpty(), qPrintable(name));
        }
    }

    void pastingAConnectionStringMovesThePasswordIntoItsField_data()
    {
        QTest::addColumn<QString>("pasted");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("sslMode");
        QTest::addColumn<QString>("remaining");
        QTest::newRow("Neon console") << kNeonUri << kNeonPassword << u"require"_s
                                      << u"postgresql://alex@%1:5432/neondb?channel_binding=require"_s.arg(kNeonHost);
        QTest::newRow("psql line, quoted")
            << u"  'postgresql://alex:%1@%2/neondb?sslmode=require'"_s.arg(kNeonPassword, kNeonHost) << kNeonPassword
            << u"require"_s << u"postgresql://alex@%1:5432/neondb"_s.arg(kNeonHost);
        QTest::newRow("percent-encoded password")
            << u"postgresql://alex:p%40ss%2Fw%3Ard@db.example/todos"_s << u"p@ss/w:rd"_s << u"prefer"_s
            << u"postgresql://alex@db.example:5432/todos"_s;
        QTest::newRow("libpq key=value")
            << u"host=db.example user=sam password='it\\'s secret' dbname=tandem sslmode=disable"_s
            << u"it's secret"_s << u"disable"_s << u"dbname=tandem host=db.example user=sam"_s;
    }

    void pastingAConnectionStringMovesThePasswordIntoItsField()
    {
        QFETCH(QString, pasted);
        QFETCH(QString, password);
        QFETCH(QString, sslMode);
        QFETCH(QString, remaining);
        PasswordStore passwords;
        SyncSettingsDialog dialog(profile(ProfileName::Development), &passwords);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *edit = child<QLineEdit>(&dialog, u"connectionEdit"_s);

        paste(edit, pasted);

        QCOMPARE(edit->text(), remaining);
        QCOMPARE(child<QLineEdit>(&dialog, u"passwordEdit"_s)->text(), password);
        QCOMPARE(child<QComboBox>(&dialog, u"sslModeCombo"_s)->currentData().toString(), sslMode);
        QVERIFY(!edit->text().contains(password));
        QVERIFY(!edit->text().contains(ConnectionString::percentEncoded(password)));
        QVERIFY(!child<QLabel>(&dialog, u"connectionError"_s)->isVisible());
        QVERIFY(child<QPushButton>(&dialog, u"saveButton"_s)->isEnabled());
        QVERIFY(child<QPushButton>(&dialog, u"testConnectionButton"_s)->isEnabled());
        QString error;
        const auto config = dialog.connectionConfig(&error);
        QVERIFY2(config, qPrintable(error));
        QCOMPARE(config->password, password);
        QCOMPARE(config->sslMode, sslMode);
    }

    void aTypedPasswordMovesOnlyWhenTheFieldIsLeft()
    {
        PasswordStore passwords;
        SyncSettingsDialog dialog(profile(ProfileName::Development), &passwords);
        dialog.show();
        QApplication::setActiveWindow(&dialog);
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        auto *edit = child<QLineEdit>(&dialog, u"connectionEdit"_s);
        auto *password = child<QLineEdit>(&dialog, u"passwordEdit"_s);
        edit->setFocus();
        const QString typed = u"postgresql://alex:typed-secret@db.example/todos"_s;

        // From "postgresql://alex:typed-secret@d" on the text parses, with
        // a password in it: still nothing moves under the person's fingers.
        QTest::keyClicks(edit, typed);
        QCOMPARE(edit->text(), typed);
        QCOMPARE(password->text(), QString());

        password->setFocus(); // leaving the field
        QTRY_COMPARE(password->text(), u"typed-secret"_s);
        QCOMPARE(edit->text(), u"postgresql://alex@db.example:5432/todos"_s);
    }

    void anInvalidStringShowsTheParseMessage_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("other scheme") << u"mysql://alex@db.example/todos"_s;
        QTest::newRow("no host") << u"postgresql://alex@/neondb"_s;
        QTest::newRow("port out of range") << u"host=db.example port=99999"_s;
        QTest::newRow("unknown keyword") << u"host=db.example colour=blue"_s;
        QTest::newRow("unencoded #") << u"postgresql://alex:pa#ss@db.example/todos"_s;
    }

    void anInvalidStringShowsTheParseMessage()
    {
        QFETCH(QString, text);
        QString expected;
        QVERIFY(!ConnectionConfig::parse(text, &expected));
        PasswordStore passwords;
        SyncSettingsDialog dialog(profile(ProfileName::Development), &passwords);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));

        paste(child<QLineEdit>(&dialog, u"connectionEdit"_s), text);

        auto *error = child<QLabel>(&dialog, u"connectionError"_s);
        QVERIFY(error->isVisible());
        QCOMPARE(error->text(), expected);
        QCOMPARE(dialog.problem(), expected);
        QVERIFY(!child<QPushButton>(&dialog, u"saveButton"_s)->isEnabled());
        QVERIFY(!child<QPushButton>(&dialog, u"testConnectionButton"_s)->isEnabled());

        // Mended, the message goes.
        paste(child<QLineEdit>(&dialog, u"connectionEdit"_s), u"postgresql://alex@db.example/todos"_s);
        QVERIFY(!error->isVisible());
        QVERIFY(child<QPushButton>(&dialog, u"saveButton"_s)->isEnabled());
    }

    void productionRefusesAnSslModeWeakerThanRequire_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<bool>("refused");
        QTest::newRow("disable") << u"disable"_s << true;
        QTest::newRow("allow") << u"allow"_s << true;
        QTest::newRow("prefer") << u"prefer"_s << true;
        QTest::newRow("require") << u"require"_s << false;
        QTest::newRow("verify-full") << u"verify-full"_s << false;
    }

    void productionRefusesAnSslModeWeakerThanRequire()
    {
        QFETCH(QString, mode);
        QFETCH(bool, refused);
        PasswordStore passwords;
        SyncSettingsDialog dialog(profile(ProfileName::Production), &passwords);
        QSignalSpy saved(&dialog, &SyncSettingsDialog::settingsSaved);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        paste(child<QLineEdit>(&dialog, u"connectionEdit"_s), u"postgresql://alex:pw1234@%1/neondb"_s.arg(kNeonHost));
        chooseSslMode(&dialog, mode);
        QTemporaryDir caDir;
        if (mode.startsWith(u"verify-"_s)) {
            const QString caFile = caDir.filePath(u"ca.crt"_s);
            QFile ca(caFile);
            QVERIFY(ca.open(QIODevice::WriteOnly));
            ca.write("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
            ca.close();
            QVERIFY(child<QLineEdit>(&dialog, u"caFileEdit"_s)->isEnabled());
            child<QLineEdit>(&dialog, u"caFileEdit"_s)->setText(caFile);
        }

        auto *ruleError = child<QLabel>(&dialog, u"ruleError"_s);
        auto *saveButton = child<QPushButton>(&dialog, u"saveButton"_s);
        if (!refused) {
            QVERIFY(!ruleError->isVisible());
            QVERIFY(saveButton->isEnabled());
            return;
        }
        QVERIFY(ruleError->isVisible());
        QVERIFY2(ruleError->text().contains(u"The production profile needs sslmode=require or stronger"_s),
                 qPrintable(ruleError->text()));
        QVERIFY(ruleError->text().contains(u'"' + mode + u'"'));
        QVERIFY(!saveButton->isEnabled());

        dialog.save(); // as if the button were pressed anyway
        QTest::qWait(50);
        QCOMPARE(saved.count(), 0);
        QVERIFY(dialog.isVisible());
        QVERIFY(!QFile::exists(dialog.envFilePath()));
    }

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
        QCOMPARE(child<QLabel>(&dialog, u"testStatus"_s)->text(), u"Connected."_s);
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

    void savingWritesTheSettingsFileWithoutThePassword()
    {
        // A file the person already has: their own lines stay, the
        // connection lines are replaced, the old password goes.
        QVERIFY(QDir().mkpath(m_configDir));
        const QString envPath = QDir(m_configDir).filePath(u".env.staging"_s);
        {
            QFile existing(envPath);
            QVERIFY(existing.open(QIODevice::WriteOnly));
            existing.write("# my own notes\nTANDEM_SYNC_INTERVAL=120\nPGPASSWORD=old-secret-pw\nPGHOST=old.example\n");
        }
        PasswordStore passwords;
        passwords.probe();
        QTRY_VERIFY(passwords.isProbed());
        QVERIFY(!passwords.isAvailable()); // this test runs without a session bus
        SyncSettingsDialog dialog(profile(ProfileName::Staging), &passwords);
        QCOMPARE(dialog.envFilePath(), envPath);
        QSignalSpy saved(&dialog, &SyncSettingsDialog::settingsSaved);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        paste(child<QLineEdit>(&dialog, u"connectionEdit"_s), kNeonUri);

        QTest::mouseClick(child<QPushButton>(&dialog, u"saveButton"_s), Qt::LeftButton);
        QTRY_COMPARE(saved.count(), 1);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));

        QFile file(envPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY2(!bytes.contains(kNeonPassword.toUtf8()), bytes.constData());
        QVERIFY(!bytes.contains("old-secret-pw"));
        QVERIFY(!bytes.contains("PGHOST"));
        QVERIFY(bytes.startsWith("# my own notes\nTANDEM_SYNC_INTERVAL=120\n"));
        QCOMPARE(QFile::permissions(envPath) & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());

        QString error;
        const auto entries = EnvFile::read(envPath, &error);
        QVERIFY2(entries, qPrintable(error));
        QMap<QString, QString> values;
        for (const EnvFile::Entry &entry : *entries)
            values.insert(entry.key, entry.value);
        QCOMPARE(values.value(u"DATABASE_URL"_s),
                 u"postgresql://alex@%1:5432/neondb?channel_binding=require"_s.arg(kNeonHost));
        QCOMPARE(values.value(u"PGSSLMODE"_s), u"require"_s);
        QVERIFY(!values.contains(u"PGSSLROOTCERT"_s));
        QCOMPARE(values.value(u"TANDEM_SYNC_INTERVAL"_s), u"120"_s);

        // Tandem's loader reads it back as the same connection, and the
        // password comes from the store (here: this run's memory).
        ProfileLoader::Inputs inputs;
        inputs.profileName = u"staging"_s;
        inputs.environment.insert(u"HOME"_s, m_home.path());
        inputs.profileDir = m_configDir;
        const auto loaded = ProfileLoader::load(inputs, &error);
        QVERIFY2(loaded, qPrintable(error));
        QCOMPARE(loaded->connection.host, kNeonHost);
        QCOMPARE(loaded->connection.user, u"alex"_s);
        QCOMPARE(loaded->connection.database, u"neondb"_s);
        QCOMPARE(loaded->connection.sslMode, u"require"_s);
        QCOMPARE(loaded->connection.channelBinding, u"require"_s);
        QCOMPARE(loaded->connection.password, QString());
        QCOMPARE(loaded->syncIntervalSeconds, 120);
        PasswordStore::Location location = PasswordStore::Location::None;
        QCOMPARE(storedPassword(passwords, PasswordStore::keyFor(ProfileName::Staging, loaded->connection), &location),
                 kNeonPassword);
        QCOMPARE(location, PasswordStore::Location::Session);

        QCOMPARE(filesContaining(m_home.path(), kNeonPassword), QStringList());
    }

    void withoutAKeychainThePasswordFileIsOptIn()
    {
        PasswordStore passwords;
        SyncSettingsDialog dialog(profile(ProfileName::Production), &passwords);
        QSignalSpy saved(&dialog, &SyncSettingsDialog::settingsSaved);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *check = child<QCheckBox>(&dialog, u"passwordFileCheck"_s);
        auto *note = child<QLabel>(&dialog, u"passwordFileNote"_s);
        QVERIFY(check->isVisible());
        QVERIFY(!check->isChecked());
        QVERIFY(!note->isVisible());
        QVERIFY(child<QLabel>(&dialog, u"passwordStorageNote"_s)->text().contains(u"no system keychain"_s));

        check->setChecked(true);
        QVERIFY(note->isVisible());
        QVERIFY(note->text().contains(passwords.filePath()));
        QVERIFY(note->text().contains(u"0600"_s));
        paste(child<QLineEdit>(&dialog, u"connectionEdit"_s), kNeonUri);
        QTest::mouseClick(child<QPushButton>(&dialog, u"saveButton"_s), Qt::LeftButton);
        QTRY_COMPARE(saved.count(), 1);

        QCOMPARE(QFile::permissions(passwords.filePath()),
                 QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser | QFileDevice::WriteUser);
        QCOMPARE(filesContaining(m_home.path(), kNeonPassword), QStringList{passwords.filePath()});
        PasswordStore nextRun;
        QString error;
        const auto config = ConnectionConfig::parse(kNeonUri, &error);
        QCOMPARE(storedPassword(nextRun, PasswordStore::keyFor(ProfileName::Production, *config)), kNeonPassword);
    }
};

QTEST_MAIN(SyncSettingsDialogTest)
#include "syncsettingsdialogtest.moc"
