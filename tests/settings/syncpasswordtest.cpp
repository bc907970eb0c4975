#include "secrets/passwordstore.h"
#include "secrets/syncpassword.h"

#include <QApplication>
#include <QInputDialog>
#include <QLineEdit>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;

// Start-up without a keychain (ctest runs this with no session bus): the
// password is asked once per run, and never when it is known.
class SyncPasswordTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    int m_prompts = 0;

    static Profile neonProfile()
    {
        Profile profile = Profile::defaults(ProfileName::Production);
        QString error;
        profile.connection = *ConnectionConfig::parse(
            u"postgresql://alex@ep-cool-darkness-123456.us-east-2.aws.neon.tech/neondb?sslmode=require"_s, &error);
        return profile;
    }

    // Answers the next password prompt: types text and presses OK, or cancels.
    void answerPrompt(const QString &text, bool accept)
    {
        QTimer::singleShot(0, this, [this, text, accept] {
            auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
            if (!dialog) {
                // Not up yet: try again on the next turn of the event loop.
                answerPrompt(text, accept);
                return;
            }
            ++m_prompts;
            auto *edit = dialog->findChild<QLineEdit *>(u"syncPasswordEdit"_s);
            QVERIFY(edit);
            QCOMPARE(edit->echoMode(), QLineEdit::Password);
            QTest::keyClicks(edit, text);
            if (accept)
                dialog->accept();
            else
                dialog->reject();
        });
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        qputenv("HOME", m_home.path().toUtf8());
        qputenv("XDG_CONFIG_HOME", m_home.filePath(u"config"_s).toUtf8());
        QStandardPaths::setTestModeEnabled(true);
    }

    void init() { m_prompts = 0; }

    void nothingIsAskedWhenNothingIsMissing_data()
    {
        QTest::addColumn<bool>("server");
        QTest::addColumn<QString>("password");
        QTest::newRow("no server") << false << QString();
        QTest::newRow("password from the environment") << true << u"from-env-pw"_s;
    }

    void nothingIsAskedWhenNothingIsMissing()
    {
        QFETCH(bool, server);
        QFETCH(QString, password);
        Profile profile = server ? neonProfile() : Profile::defaults(ProfileName::Development);
        profile.connection.password = password;
        PasswordStore store;
        QCOMPARE(SyncPassword::fill(&profile, &store, nullptr), SyncPassword::Outcome::NotNeeded);
        QCOMPARE(profile.connection.password, password);
        QCOMPARE(m_prompts, 0);
    }

    void withoutAKeychainItAsksOncePerRun()
    {
        PasswordStore store;
        QVERIFY(!store.isAvailable());
        Profile profile = neonProfile();
        answerPrompt(u"typed-at-start"_s, true);
        QCOMPARE(SyncPassword::fill(&profile, &store, nullptr), SyncPassword::Outcome::Asked);
        QCOMPARE(profile.connection.password, u"typed-at-start"_s);
        QCOMPARE(m_prompts, 1);

        // Sync restarts (new settings saved): the same run knows it.
        Profile again = neonProfile();
        QCOMPARE(SyncPassword::fill(&again, &store, nullptr), SyncPassword::Outcome::Found);
        QCOMPARE(again.connection.password, u"typed-at-start"_s);
        QCOMPARE(m_prompts, 1);
    }

    void cancellingIsNotAskedAgainThisRun()
    {
        PasswordStore store;
        Profile profile = neonProfile();
        answerPrompt(u"never-used"_s, false);
        QCOMPARE(SyncPassword::fill(&profile, &store, nullptr), SyncPassword::Outcome::Declined);
        QCOMPARE(profile.connection.password, QString());
        Profile again = neonProfile();
        SyncPassword::fill(&again, &store, nullptr);
        QCOMPARE(m_prompts, 1);
        QCOMPARE(again.connection.password, QString());
    }

    void theOptInFileAnswersWithoutAsking()
    {
        Profile profile = neonProfile();
        const QString key = PasswordStore::keyFor(profile.name, profile.connection);
        {
            PasswordStore earlierRun;
            earlierRun.setFileFallbackEnabled(true);
            bool done = false;
            earlierRun.write(key, u"from-the-file"_s, &earlierRun, [&done](const PasswordStore::Result &result) {
                QVERIFY(result.ok());
                done = true;
            });
            QTRY_VERIFY(done);
        }
        PasswordStore store;
        QCOMPARE(SyncPassword::fill(&profile, &store, nullptr), SyncPassword::Outcome::Found);
        QCOMPARE(profile.connection.password, u"from-the-file"_s);
        QCOMPARE(m_prompts, 0);
    }
};

QTEST_MAIN(SyncPasswordTest)
#include "syncpasswordtest.moc"
