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

    struct Filled
    {
        Profile profile;
        SyncPassword::Outcome outcome;
        QString message;
    };

    // Fills in the password and waits (here, in the test) for the answer.
    static Filled fillAndWait(const Profile &profile, PasswordStore &store)
    {
        std::optional<Filled> filled;
        QObject context;
        SyncPassword::fill(profile, &store, nullptr, &context,
                           [&filled](const Profile &result, SyncPassword::Outcome outcome, const QString &message) {
                               filled = Filled{result, outcome, message};
                           });
        if (!QTest::qWaitFor([&filled] { return filled.has_value(); }, 15000))
            qFatal("SyncPassword::fill never answered");
        return *filled;
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
        const Filled filled = fillAndWait(profile, store);
        QCOMPARE(filled.outcome, SyncPassword::Outcome::NotNeeded);
        QCOMPARE(filled.profile.connection.password, password);
        QCOMPARE(m_prompts, 0);
    }

    void fillingReturnsBeforeTheEventLoopTurns()
    {
        // Start-up must not spin a nested event loop while the keychain
        // thinks or the person types: the answer comes through the event loop.
        PasswordStore store;
        bool eventLoopTurned = false;
        QMetaObject::invokeMethod(this, [&eventLoopTurned] { eventLoopTurned = true; }, Qt::QueuedConnection);
        answerPrompt(u"typed-later"_s, true);
        std::optional<Profile> filled;
        QObject context;
        SyncPassword::fill(neonProfile(), &store, nullptr, &context,
                           [&filled](const Profile &profile, SyncPassword::Outcome, const QString &) { filled = profile; });
        QVERIFY2(!eventLoopTurned, "a nested event loop ran inside fill()");
        QVERIFY(!filled.has_value());
        QTRY_VERIFY(filled.has_value());
        QCOMPARE(filled->connection.password, u"typed-later"_s);
        QCOMPARE(m_prompts, 1);
    }

    void aPromptWhoseCallerIsGoneClosesAndAnswersNobody()
    {
        PasswordStore store;
        bool answered = false;
        {
            QObject context;
            SyncPassword::fill(neonProfile(), &store, nullptr, &context,
                               [&answered](const Profile &, SyncPassword::Outcome, const QString &) { answered = true; });
            QTRY_VERIFY(qobject_cast<QInputDialog *>(QApplication::activeModalWidget()));
        } // new settings were saved meanwhile, or Tandem quits
        QTRY_VERIFY(!QApplication::activeModalWidget());
        QTest::qWait(50);
        QVERIFY(!answered);
    }

    void withoutAKeychainItAsksOncePerRun()
    {
        PasswordStore store;
        answerPrompt(u"typed-at-start"_s, true);
        const Filled filled = fillAndWait(neonProfile(), store);
        QVERIFY(!store.isAvailable());
        QCOMPARE(filled.outcome, SyncPassword::Outcome::Asked);
        QCOMPARE(filled.profile.connection.password, u"typed-at-start"_s);
        QCOMPARE(m_prompts, 1);

        // Sync restarts (new settings saved): the same run knows it.
        const Filled again = fillAndWait(neonProfile(), store);
        QCOMPARE(again.outcome, SyncPassword::Outcome::Found);
        QCOMPARE(again.profile.connection.password, u"typed-at-start"_s);
        QCOMPARE(m_prompts, 1);
    }

    void cancellingIsNotAskedAgainThisRun()
    {
        PasswordStore store;
        answerPrompt(u"never-used"_s, false);
        const Filled filled = fillAndWait(neonProfile(), store);
        QCOMPARE(filled.outcome, SyncPassword::Outcome::Declined);
        QCOMPARE(filled.profile.connection.password, QString());
        const Filled again = fillAndWait(neonProfile(), store);
        QCOMPARE(m_prompts, 1);
        QCOMPARE(again.profile.connection.password, QString());
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
        const Filled filled = fillAndWait(profile, store);
        QCOMPARE(filled.outcome, SyncPassword::Outcome::Found);
        QCOMPARE(filled.profile.connection.password, u"from-the-file"_s);
        QCOMPARE(m_prompts, 0);
    }
};

QTEST_MAIN(SyncPasswordTest)
#include "syncpasswordtest.moc"
