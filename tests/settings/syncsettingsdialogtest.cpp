#include "cloud/connectionstring.h"
#include "cloud/envfile.h"
#include "cloud/profileloader.h"
#include "logcapture.h"
#include "secrets/passwordstore.h"
#include "syncsettingsdialoghelpers.h"
#include "widgets/syncsettingsdialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDirIterator>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace SyncSettingsDialogHelpers;

namespace {

const QString kNeonPassword = u"npg_AbC123dEfGh"_s;
const QString kNeonHost = u"ep-cool-darkness-123456.us-east-2.aws.neon.tech"_s;
// Exactly as Neon's console gives it.
const QString kNeonUri = u"postgresql://alex:%1@%2/neondb?sslmode=require&channel_binding=require"_s.arg(
    kNeonPassword, kNeonHost);

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

} // namespace

class SyncSettingsDialogTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    QString m_configDir;
    std::unique_ptr<LogCapture> m_log;

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

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        useScratchHome(m_home);
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
