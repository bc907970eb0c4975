#include "logcapture.h"
#include "secrets/passwordstore.h"

#include <QDirIterator>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

using namespace Qt::StringLiterals;

// Run by ctest twice (tests/settings/CMakeLists.txt): TANDEM_TEST_KEYCHAIN=
// secret-service under with-secret-service.sh (a real GNOME Keyring on a
// private bus), and TANDEM_TEST_KEYCHAIN=none with no session bus. Each test
// function says which of the two it needs.
namespace {

const QString kModeVariable = u"TANDEM_TEST_KEYCHAIN"_s;

QString mode()
{
    return qEnvironmentVariable("TANDEM_TEST_KEYCHAIN");
}

#define REQUIRE_MODE(wanted)                                                                                 \
    do {                                                                                                     \
        if (mode() != QStringLiteral(wanted)) /* a mode switch, not a missing server: CI runs both */     \
            QSKIP("Needs TANDEM_TEST_KEYCHAIN=" wanted "; ctest (and so CI) runs this binary in both modes."); \
    } while (false)

// Every file under dir whose bytes contain needle (UTF-8).
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

using Status = PasswordStore::Status;
using Location = PasswordStore::Location;

} // namespace

Q_DECLARE_METATYPE(ProfileName)

class PasswordStoreTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    QString m_configDir;
    std::unique_ptr<LogCapture> m_log;

    // Starts a call on a store and waits (here, in the test) for its answer.
    static PasswordStore::Result answerOf(const std::function<void(const PasswordStore::Callback &)> &call)
    {
        std::optional<PasswordStore::Result> answer;
        call([&answer](const PasswordStore::Result &result) { answer = result; });
        if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, 15000))
            return {Status::Failed, Location::None, {}, u"no answer"_s};
        return *answer;
    }

    static PasswordStore::Result writeAndWait(PasswordStore &store, const QString &key, const QString &password)
    {
        return answerOf([&](const PasswordStore::Callback &done) { store.write(key, password, &store, done); });
    }

    static PasswordStore::Result readAndWait(PasswordStore &store, const QString &key)
    {
        return answerOf([&](const PasswordStore::Callback &done) { store.read(key, &store, done); });
    }

    static PasswordStore::Result removeAndWait(PasswordStore &store, const QString &key)
    {
        return answerOf([&](const PasswordStore::Callback &done) { store.remove(key, &store, done); });
    }

    // Asks whether a keychain answers, and waits for the answer.
    static bool probed(PasswordStore &store)
    {
        store.probe();
        return QTest::qWaitFor([&store] { return store.isProbed(); }, 10000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        // The config folder of this test only (QStandardPaths' test mode
        // puts it under HOME/.qttest).
        qputenv("HOME", m_home.path().toUtf8());
        qputenv("XDG_CONFIG_HOME", m_home.filePath(u"config"_s).toUtf8());
        QStandardPaths::setTestModeEnabled(true);
        m_configDir = QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation);
        QVERIFY(m_configDir.startsWith(m_home.path()));
        qInfo("keychain mode: %s", qPrintable(mode().isEmpty() ? u"(not set: mode-specific tests skip)"_s : mode()));
        // Every tandem.* line at every level, to prove that no password is in one.
        m_log = std::make_unique<LogCapture>();
    }

    void cleanupTestCase() { m_log.reset(); }

    void init()
    {
        LogCapture::clear();
    }

    void keyNamesProfileUserHostAndDatabase_data()
    {
        QTest::addColumn<ProfileName>("profile");
        QTest::addColumn<QString>("uri");
        QTest::addColumn<QString>("key");
        QTest::newRow("neon production")
            << ProfileName::Production
            << u"postgresql://alex:pw@ep-cool-darkness-123456.us-east-2.aws.neon.tech/neondb?sslmode=require"_s
            << u"production/alex@ep-cool-darkness-123456.us-east-2.aws.neon.tech/neondb"_s;
        QTest::newRow("staging, port ignored")
            << ProfileName::Staging << u"postgresql://sam@db.example:6543/tandem"_s
            << u"staging/sam@db.example/tandem"_s;
        QTest::newRow("development key=value")
            << ProfileName::Development << u"host=localhost user=dev dbname=todos"_s
            << u"development/dev@localhost/todos"_s;
    }

    void keyNamesProfileUserHostAndDatabase()
    {
        QFETCH(ProfileName, profile);
        QFETCH(QString, uri);
        QFETCH(QString, key);
        QString error;
        const auto config = ConnectionConfig::parse(uri, &error);
        QVERIFY2(config, qPrintable(error));
        QCOMPARE(PasswordStore::keyFor(profile, *config), key);
        QVERIFY(!PasswordStore::keyFor(profile, *config).contains(u"pw"_s));
    }

    void everyCallReturnsAtOnceAndAnswersThroughTheEventLoop_data()
    {
        QTest::addColumn<QString>("call");
        QTest::newRow("read") << u"read"_s;
        QTest::newRow("write") << u"write"_s;
        QTest::newRow("remove") << u"remove"_s;
    }

    void everyCallReturnsAtOnceAndAnswersThroughTheEventLoop()
    {
        // Both modes: a fresh store has not asked the keychain yet, which
        // is when a nested event loop would run (to wait for the probe).
        QFETCH(QString, call);
        const QString key = u"development/dev@localhost/at-once-%1"_s.arg(call);
        PasswordStore store;
        bool eventLoopTurned = false;
        QMetaObject::invokeMethod(this, [&eventLoopTurned] { eventLoopTurned = true; }, Qt::QueuedConnection);
        std::optional<PasswordStore::Result> answer;
        const auto done = [&answer](const PasswordStore::Result &result) { answer = result; };
        if (call == u"read")
            store.read(key, &store, done);
        else if (call == u"write")
            store.write(key, u"at-once-secret"_s, &store, done);
        else
            store.remove(key, &store, done);
        QVERIFY2(!eventLoopTurned, "a nested event loop ran inside the call");
        QVERIFY(!answer.has_value());
        QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), 10000);
        QVERIFY(eventLoopTurned);
        if (call == u"write")
            QVERIFY(removeAndWait(store, key).ok());
    }

    void writesReadsOverwritesAndRemovesInTheKeychain_data()
    {
        QTest::addColumn<QString>("first");
        QTest::addColumn<QString>("second");
        QTest::newRow("plain") << u"npg_s3cretValue9"_s << u"npg_otherValue42"_s;
        QTest::newRow("spaces, quotes and unicode") << u"pä ss'wörd \"#1\""_s << u"ünïcødé ✓ second"_s;
    }

    void writesReadsOverwritesAndRemovesInTheKeychain()
    {
        REQUIRE_MODE("secret-service");
        QFETCH(QString, first);
        QFETCH(QString, second);
        const QString key = u"production/alex@ep-test.neon.tech/neondb-%1"_s.arg(QString::fromUtf8(QTest::currentDataTag()));

        PasswordStore writer;
        QVERIFY(probed(writer));
        QVERIFY2(writer.isAvailable(), qPrintable(writer.unavailableReason()));
        QVERIFY(writer.unavailableReason().isEmpty());
        QCOMPARE(readAndWait(writer, key).status, Status::NotFound);

        PasswordStore::Result written = writeAndWait(writer, key, first);
        QVERIFY2(written.ok(), qPrintable(written.message));
        QCOMPARE(written.location, Location::Keychain);

        // A second store (as after a restart) reads it from the keychain.
        {
            PasswordStore reader;
            const PasswordStore::Result read = readAndWait(reader, key);
            QVERIFY2(read.ok(), qPrintable(read.message));
            QCOMPARE(read.location, Location::Keychain);
            QCOMPARE(read.password, first);
        }

        written = writeAndWait(writer, key, second);
        QVERIFY2(written.ok(), qPrintable(written.message));
        {
            PasswordStore reader;
            QCOMPARE(readAndWait(reader, key).password, second);
        }

        const PasswordStore::Result removed = removeAndWait(writer, key);
        QVERIFY2(removed.ok(), qPrintable(removed.message));
        {
            PasswordStore reader;
            QCOMPARE(readAndWait(reader, key).status, Status::NotFound);
        }

        // Nowhere in plain text: not in the config folder (QSettings, the
        // opt-in file), not in a log line.
        QSettings().sync();
        for (const QString &password : {first, second}) {
            QCOMPARE(filesContaining(m_home.path(), password), QStringList());
            for (const QString &line : LogCapture::lines())
                QVERIFY2(!line.contains(password), qPrintable(u"logged: "_s + line));
        }
        QVERIFY(!QFile::exists(writer.filePath()));
    }

    void asyncReadAnswersOnlyWhileItsContextLives()
    {
        REQUIRE_MODE("secret-service");
        const QString key = u"development/dev@localhost/late"_s;
        PasswordStore store;
        QVERIFY(writeAndWait(store, key, u"late-answer-secret"_s).ok());

        bool called = false;
        {
            QObject context;
            store.read(key, &context, [&called](const PasswordStore::Result &) { called = true; });
        } // the context (a dialog, say) is gone before the keychain answers
        std::optional<PasswordStore::Result> answer;
        store.read(key, &store, [&answer](const PasswordStore::Result &result) { answer = result; });
        QTRY_VERIFY(answer.has_value());
        QCOMPARE(answer->password, u"late-answer-secret"_s);
        QTest::qWait(100);
        QVERIFY(!called);
        QVERIFY(removeAndWait(store, key).ok());
    }

    void withoutSecretServiceIsUnavailableAndWritesNothing()
    {
        REQUIRE_MODE("none");
        const QString key = u"production/alex@ep-test.neon.tech/neondb"_s;
        const QString password = u"npg_neverOnDisk77"_s;

        PasswordStore store;
        QVERIFY(probed(store));
        QVERIFY(!store.isAvailable());
        QVERIFY(!store.unavailableReason().isEmpty());
        qInfo("unavailable because: %s", qPrintable(store.unavailableReason()));
        QCOMPARE(readAndWait(store, key).status, Status::NotFound);

        // Not opted in to the file: kept in this run's memory only.
        const PasswordStore::Result written = writeAndWait(store, key, password);
        QVERIFY2(written.ok(), qPrintable(written.message));
        QCOMPARE(written.location, Location::Session);
        const PasswordStore::Result read = readAndWait(store, key);
        QCOMPARE(read.location, Location::Session);
        QCOMPARE(read.password, password);

        // A new run (another store) knows nothing of it.
        PasswordStore nextRun;
        QCOMPARE(readAndWait(nextRun, key).status, Status::NotFound);

        QSettings().sync();
        QCOMPARE(filesContaining(m_home.path(), password), QStringList());
        QVERIFY(!QFile::exists(store.filePath()));
        for (const QString &line : LogCapture::lines())
            QVERIFY2(!line.contains(password), qPrintable(u"logged: "_s + line));
    }

    void fileOptInWritesAFileOnlyTheOwnerCanRead()
    {
        REQUIRE_MODE("none");
        const QString key = u"staging/sam@db.example/tandem"_s;
        const QString password = u"file-stored-secret"_s;

        PasswordStore store;
        QVERIFY(probed(store));
        QVERIFY(!store.isAvailable());
        store.setFileFallbackEnabled(true);
        const PasswordStore::Result written = writeAndWait(store, key, password);
        QVERIFY2(written.ok(), qPrintable(written.message));
        QCOMPARE(written.location, Location::File);
        QVERIFY(store.filePath().startsWith(m_configDir));
        QCOMPARE(QFile::permissions(store.filePath()),
                 QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser | QFileDevice::WriteUser);

        // The next run reads it without being told about the opt-in.
        PasswordStore nextRun;
        QVERIFY(nextRun.hasFileEntry(key));
        const PasswordStore::Result read = readAndWait(nextRun, key);
        QCOMPARE(read.location, Location::File);
        QCOMPARE(read.password, password);

        // Opting out again takes it out of the file.
        nextRun.setFileFallbackEnabled(false);
        QCOMPARE(writeAndWait(nextRun, key, password).location, Location::Session);
        QVERIFY(!nextRun.hasFileEntry(key));
        QCOMPARE(filesContaining(m_home.path(), password), QStringList());

        store.setFileFallbackEnabled(true);
        QVERIFY(writeAndWait(store, key, password).ok());
        QVERIFY(removeAndWait(store, key).ok());
        QVERIFY(!QFile::exists(store.filePath()));
    }
};

QTEST_GUILESS_MAIN(PasswordStoreTest)
#include "passwordstoretest.moc"
