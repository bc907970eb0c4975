#include "cloud/connectionconfig.h"
#include "secrets/passwordstore.h"
#include "syncsettingsdialoghelpers.h"
#include "widgets/syncsettingsdialog.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace SyncSettingsDialogHelpers;

namespace {

const QString kNeonPassword = u"npg_AbC123dEfGh"_s;
// Exactly as Neon's console gives it.
const QString kNeonUri
    = u"postgresql://alex:%1@ep-cool-darkness-123456.us-east-2.aws.neon.tech/neondb?sslmode=require"_s.arg(
        kNeonPassword);

Profile withConnection(ProfileName name, const QString &text)
{
    Profile result = profile(name);
    QString error;
    result.connection = *ConnectionConfig::parse(text, &error);
    return result;
}

// The line edits a person can see and type into.
QStringList visibleFields(const QWidget &dialog)
{
    QStringList names;
    for (const QLineEdit *edit : dialog.findChildren<QLineEdit *>()) {
        if (edit->isVisible())
            names << edit->objectName();
    }
    return names;
}

} // namespace

// Sync Settings as a newcomer sees it: one field for the string Neon gives,
// a Test button, and the rest folded under Advanced until the settings use it.
class SyncSettingsAdvancedTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    QString m_configDir;

    void writeEnvFile(const QString &profileName, const QByteArray &contents) const
    {
        QVERIFY(QDir().mkpath(m_configDir));
        QFile file(QDir(m_configDir).filePath(u".env."_s + profileName));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(contents);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        useScratchHome(m_home);
        m_configDir = QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation);
    }

    void init() { QDir(m_configDir).removeRecursively(); }

    void aNewcomerSeesOneFieldAndTest()
    {
        PasswordStore passwords;
        SyncSettingsDialog dialog(profile(ProfileName::Development), &passwords);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));

        QCOMPARE(visibleFields(dialog), QStringList{u"connectionEdit"_s});
        auto *edit = child<QLineEdit>(&dialog, u"connectionEdit"_s);
        bool labelled = false;
        for (const QLabel *label : dialog.findChildren<QLabel *>())
            labelled |= label->buddy() == edit && label->isVisible()
                && label->text().remove(u'&') == u"Paste your Neon connection string:"_s;
        QVERIFY(labelled);
        QVERIFY(child<QPushButton>(&dialog, u"testConnectionButton"_s)->isVisible());
        QVERIFY(!dialog.isAdvancedOpen());
        QVERIFY(!child<QWidget>(&dialog, u"advancedPanel"_s)->isVisible());
        for (const QString &name : {u"profileValue"_s, u"sslModeCombo"_s, u"caBrowseButton"_s})
            QVERIFY2(!child<QWidget>(&dialog, name)->isVisible(), qPrintable(name));

        // Nothing is lost: Advanced opens with a click and shows the rest.
        auto *toggle = child<QToolButton>(&dialog, u"advancedToggle"_s);
        QVERIFY(toggle->isVisible());
        QTest::mouseClick(toggle, Qt::LeftButton);
        QVERIFY(dialog.isAdvancedOpen());
        for (const QString &name : {u"profileValue"_s, u"passwordEdit"_s, u"sslModeCombo"_s, u"caFileEdit"_s})
            QVERIFY2(child<QWidget>(&dialog, name)->isVisible(), qPrintable(name));
        QTest::mouseClick(toggle, Qt::LeftButton);
        QVERIFY(!child<QWidget>(&dialog, u"passwordEdit"_s)->isVisible());
    }

    void pastingNeonsStringKeepsAdvancedFolded()
    {
        PasswordStore passwords;
        SyncSettingsDialog dialog(profile(ProfileName::Development), &passwords);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        paste(child<QLineEdit>(&dialog, u"connectionEdit"_s), kNeonUri);

        QVERIFY(!dialog.isAdvancedOpen());
        QCOMPARE(child<QLineEdit>(&dialog, u"passwordEdit"_s)->text(), kNeonPassword);
        QVERIFY(dialog.problem().isEmpty());
        QVERIFY(child<QPushButton>(&dialog, u"testConnectionButton"_s)->isEnabled());
    }

    void advancedOpensWhenTheSettingsUseIt_data()
    {
        QTest::addColumn<int>("profileName");
        QTest::addColumn<QString>("connection"); // empty: no server
        QTest::addColumn<QByteArray>("envFile");
        QTest::addColumn<bool>("open");
        const int development = int(ProfileName::Development);
        QTest::newRow("Neon, saved by this dialog")
            << development << kNeonUri
            << QByteArray("DATABASE_URL=postgresql://alex@host/neondb\nPGSSLMODE=require\n") << false;
        QTest::newRow("no server, no file") << development << QString() << QByteArray() << false;
        QTest::newRow("production profile") << int(ProfileName::Production) << kNeonUri << QByteArray() << true;
        QTest::newRow("staging, no server") << int(ProfileName::Staging) << QString() << QByteArray() << true;
        QTest::newRow("settings file with lines of its own")
            << development << kNeonUri
            << QByteArray("DATABASE_URL=postgresql://alex@host/neondb\nTANDEM_SYNC_INTERVAL=120\n") << true;
        QTest::newRow("CA certificate")
            << development << u"postgresql://alex@db.example/todos?sslmode=verify-full&sslrootcert=/etc/ca.pem"_s
            << QByteArray() << true;
    }

    void advancedOpensWhenTheSettingsUseIt()
    {
        QFETCH(int, profileName);
        QFETCH(QString, connection);
        QFETCH(QByteArray, envFile);
        QFETCH(bool, open);
        const auto name = ProfileName(profileName);
        const Profile active = connection.isEmpty() ? profile(name) : withConnection(name, connection);
        if (!envFile.isEmpty())
            writeEnvFile(ProfileNames::toString(name), envFile);
        PasswordStore passwords;
        SyncSettingsDialog dialog(active, &passwords);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));

        QCOMPARE(dialog.isAdvancedOpen(), open);
        QCOMPARE(child<QWidget>(&dialog, u"profileValue"_s)->isVisible(), open);
    }

    void pastingKeyValuePairsOpensAdvanced()
    {
        PasswordStore passwords;
        SyncSettingsDialog dialog(profile(ProfileName::Development), &passwords);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        paste(child<QLineEdit>(&dialog, u"connectionEdit"_s),
              u"host=db.example dbname=todos user=alex password=secret sslmode=require"_s);

        QVERIFY(dialog.isAdvancedOpen());
        QVERIFY(child<QLineEdit>(&dialog, u"passwordEdit"_s)->isVisible());
    }
};

QTEST_MAIN(SyncSettingsAdvancedTest)
#include "syncsettingsadvancedtest.moc"
