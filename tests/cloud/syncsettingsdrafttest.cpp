// SyncSettingsDraft: the Sync Settings form without its widgets. What a
// pasted connection string leaves in each field, which problem the form
// shows, and what Save writes (read back by ProfileLoader itself).

#include "cloud/envfile.h"
#include "cloud/profileloader.h"
#include "cloud/syncsettingsdraft.h"
#include "neonuris.h"

#include <QFile>
#include <QObject>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

SyncSettingsDraft draftFor(ProfileName profile, const QString &text, const QString &sslMode = u"prefer"_s)
{
    SyncSettingsDraft draft;
    draft.profile = profile;
    draft.connectionText = text;
    draft.sslMode = sslMode;
    return draft;
}

} // namespace

class SyncSettingsDraftTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void extractingMovesSecretsAndTlsIntoTheirFields_data();
    void extractingMovesSecretsAndTlsIntoTheirFields();
    void extractingLeavesTextThatDoesNotParse();
    void anUnknownSslModeOnlyLeavesTheText();
    void anEmptyTextIsNoServerAndNoProblem();
    void aTextThatDoesNotParseSaysWhy();
    void sslpasswordIsRefused();
    void theFieldsWinOverTheText();
    void productionRefusesAWeakSslMode();
    void verifyNeedsACaFile();
    void otherProfilesHaveNoRuleToBreak();
    void savedSettingsLoadWithoutThePassword();
    void noServerRemovesTheManagedLines();
    void opensWithWhatDiffersFromTheDefaults();
    void opensFromTheFileWhenTheProfileHasNoServer();
    void namesTheVariablesTheEnvironmentOverrides();
};

void SyncSettingsDraftTest::extractingMovesSecretsAndTlsIntoTheirFields_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("remaining");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("sslMode");
    QTest::addColumn<QString>("caFile");

    QTest::newRow("Neon console") << kNeonUri
                                  << u"postgresql://alex@%1:5432/neondb?channel_binding=require"_s.arg(kNeonHost)
                                  << kNeonPassword << u"require"_s << QString();
    QTest::newRow("psql line, quoted")
        << u"  'postgresql://alex:pw@db.example/neondb?sslmode=VERIFY-FULL&sslrootcert=/etc/ca.pem'"_s
        << u"postgresql://alex@db.example:5432/neondb"_s << u"pw"_s << u"verify-full"_s << u"/etc/ca.pem"_s;
    QTest::newRow("libpq key=value")
        << u"host=db.example user=sam password='it\\'s secret' dbname=tandem sslmode=disable"_s
        << u"dbname=tandem host=db.example user=sam"_s << u"it's secret"_s << u"disable"_s << QString();
    QTest::newRow("empty sslmode is libpq's default")
        << u"host=db.example sslmode=''"_s << u"host=db.example"_s << QString() << u"prefer"_s << QString();
}

void SyncSettingsDraftTest::extractingMovesSecretsAndTlsIntoTheirFields()
{
    QFETCH(QString, text);
    QFETCH(QString, remaining);
    QFETCH(QString, password);
    QFETCH(QString, sslMode);
    QFETCH(QString, caFile);
    SyncSettingsDraft draft = draftFor(ProfileName::Development, text, u"allow"_s);

    const SyncSettingsDraft::Extraction extraction = draft.extractFields();

    QVERIFY(extraction.moved);
    QVERIFY(extraction.textChanged);
    QCOMPARE(extraction.password, !password.isEmpty());
    QVERIFY(extraction.sslMode);
    QCOMPARE(extraction.caFile, !caFile.isEmpty());
    QCOMPARE(draft.connectionText, remaining);
    QCOMPARE(draft.password, password);
    QCOMPARE(draft.sslMode, sslMode);
    QCOMPARE(draft.caFile, caFile);
    // Again: nothing left to move.
    const SyncSettingsDraft::Extraction again = draft.extractFields();
    QVERIFY(!again.moved);
    QVERIFY(!again.textChanged);
}

void SyncSettingsDraftTest::extractingLeavesTextThatDoesNotParse()
{
    for (const QString &text : {u"postgresql://alex:pa#ss@db.example/todos"_s, u"   "_s, QString()}) {
        SyncSettingsDraft draft = draftFor(ProfileName::Development, text);
        const SyncSettingsDraft::Extraction extraction = draft.extractFields();
        QVERIFY(!extraction.moved);
        QVERIFY(!extraction.textChanged);
        QCOMPARE(draft.connectionText, text);
        QCOMPARE(draft.password, QString());
    }
    // A quoted copy that moves nothing is still tidied.
    SyncSettingsDraft quoted = draftFor(ProfileName::Development, u"'postgresql://alex@db.example/todos'"_s);
    const SyncSettingsDraft::Extraction extraction = quoted.extractFields();
    QVERIFY(!extraction.moved);
    QVERIFY(extraction.textChanged);
    QCOMPARE(quoted.connectionText, u"postgresql://alex@db.example:5432/todos"_s);
}

void SyncSettingsDraftTest::anUnknownSslModeOnlyLeavesTheText()
{
    SyncSettingsDraft draft = draftFor(ProfileName::Development, u"host=db.example sslmode=sometimes"_s, u"require"_s);
    const SyncSettingsDraft::Extraction extraction = draft.extractFields();
    QVERIFY(extraction.moved);
    QVERIFY(!extraction.sslMode);
    QCOMPARE(draft.sslMode, u"require"_s);
    QCOMPARE(draft.connectionText, u"host=db.example"_s);
}

void SyncSettingsDraftTest::anEmptyTextIsNoServerAndNoProblem()
{
    const SyncSettingsDraft draft = draftFor(ProfileName::Production, u"  "_s, u"disable"_s);
    QVERIFY(!draft.hasServer());
    QString error = u"stale"_s;
    QVERIFY(!draft.connectionConfig(&error));
    QCOMPARE(error, QString());
    QCOMPARE(draft.storedConnectionText(), QString());
    QVERIFY(draft.envValues().isEmpty());
}

void SyncSettingsDraftTest::aTextThatDoesNotParseSaysWhy()
{
    for (const QString &text : {u"mysql://alex@db.example/todos"_s, u"host=db.example port=99999"_s,
                                u"host=db.example colour=blue"_s}) {
        QString expected;
        QVERIFY(!ConnectionConfig::parse(text, &expected));
        QString error;
        QVERIFY(!draftFor(ProfileName::Development, text).connectionConfig(&error));
        QCOMPARE(error, expected);
        QVERIFY(!error.isEmpty());
    }
}

void SyncSettingsDraftTest::sslpasswordIsRefused()
{
    QString error;
    QVERIFY(!draftFor(ProfileName::Development, u"host=db.example sslpassword=hunter2"_s).connectionConfig(&error));
    QCOMPARE(error, u"Take sslpassword out of the connection string: Tandem does not store key passphrases."_s);
}

void SyncSettingsDraftTest::theFieldsWinOverTheText()
{
    SyncSettingsDraft draft = draftFor(ProfileName::Staging,
                                       u"postgresql://alex:old@db.example/todos?sslmode=disable&sslrootcert=/old.pem"_s,
                                       u"verify-ca"_s);
    draft.password = u"new"_s;
    draft.caFile = u"  /new.pem "_s;
    QString error;
    const auto config = draft.connectionConfig(&error);
    QVERIFY2(config, qPrintable(error));
    QCOMPARE(config->password, u"new"_s);
    QCOMPARE(config->sslMode, u"verify-ca"_s);
    QCOMPARE(config->sslRootCert, u"/new.pem"_s);
    QCOMPARE(config->applicationName, Profile::defaults(ProfileName::Staging).connection.applicationName);

    // The CA file only counts for verify-*; the text's password when the field is empty.
    draft.sslMode = u"require"_s;
    draft.password.clear();
    const auto plain = draft.connectionConfig(&error);
    QVERIFY2(plain, qPrintable(error));
    QCOMPARE(plain->sslRootCert, QString());
    QCOMPARE(plain->password, u"old"_s);
    QCOMPARE(draft.storedConnectionText(), u"postgresql://alex@db.example:5432/todos"_s);
}

void SyncSettingsDraftTest::productionRefusesAWeakSslMode()
{
    for (const QString &mode : {u"disable"_s, u"allow"_s, u"prefer"_s}) {
        const QString problem = draftFor(ProfileName::Production, kNeonUri, mode).profileRuleProblem();
        QVERIFY2(problem.contains(u"The production profile needs sslmode=require or stronger"_s), qPrintable(problem));
        QVERIFY2(!problem.contains(kNeonPassword), qPrintable(problem));
    }
    QCOMPARE(draftFor(ProfileName::Production, kNeonUri, u"require"_s).profileRuleProblem(), QString());
}

void SyncSettingsDraftTest::verifyNeedsACaFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    qputenv("HOME", dir.path().toUtf8()); // no ~/.postgresql/root.crt to fall back on
    SyncSettingsDraft draft = draftFor(ProfileName::Development, u"host=db.example"_s, u"verify-full"_s);
    QCOMPARE(draft.profileRuleProblem(),
             u"sslmode=verify-full checks the server's certificate: choose the CA certificate file below "
             "(for Neon: System CAs)."_s);

    QFile ca(dir.filePath(u"ca.pem"_s));
    QVERIFY(ca.open(QIODevice::WriteOnly));
    ca.close();
    draft.caFile = ca.fileName();
    QCOMPARE(draft.profileRuleProblem(), QString());
}

void SyncSettingsDraftTest::otherProfilesHaveNoRuleToBreak()
{
    QCOMPARE(draftFor(ProfileName::Development, u"host=db.example"_s, u"disable"_s).profileRuleProblem(), QString());
    QCOMPARE(draftFor(ProfileName::Staging, QString(), u"disable"_s).profileRuleProblem(), QString());
}

void SyncSettingsDraftTest::savedSettingsLoadWithoutThePassword()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(ProfileLoader::envFileName(ProfileName::Staging));
    QFile existing(path);
    QVERIFY(existing.open(QIODevice::WriteOnly));
    existing.write("# my own notes\nTANDEM_SYNC_INTERVAL=120\nPGHOST=old.example\nPGPASSWORD=old-secret\n");
    existing.close();

    SyncSettingsDraft draft = draftFor(ProfileName::Staging, kNeonUri);
    draft.extractFields();
    QString error;
    QVERIFY2(draft.writeEnvFile(path, &error), qPrintable(error));

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY2(!bytes.contains(kNeonPassword.toUtf8()), bytes.constData());
    QVERIFY(!bytes.contains("old-secret"));
    QVERIFY(!bytes.contains("PGHOST"));
    QVERIFY(bytes.startsWith("# my own notes\nTANDEM_SYNC_INTERVAL=120\n"));

    ProfileLoader::Inputs inputs;
    inputs.profileName = u"staging"_s;
    inputs.profileDir = dir.path();
    auto loaded = ProfileLoader::load(inputs, &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(loaded->connection.host, kNeonHost);
    QCOMPARE(loaded->connection.user, u"alex"_s);
    QCOMPARE(loaded->connection.sslMode, u"require"_s);
    QCOMPARE(loaded->connection.channelBinding, u"require"_s);
    QCOMPARE(loaded->connection.password, QString());
    QCOMPARE(loaded->syncIntervalSeconds, 120);

    // Opened again from what was saved, the form shows the same.
    loaded->connection.password = draft.password;
    const SyncSettingsDraft reopened = SyncSettingsDraft::fromProfile(*loaded, path);
    QCOMPARE(reopened.connectionText, draft.connectionText);
    QCOMPARE(reopened.password, draft.password);
    QCOMPARE(reopened.sslMode, draft.sslMode);
}

void SyncSettingsDraftTest::noServerRemovesTheManagedLines()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u".env.development"_s);
    QString error;
    SyncSettingsDraft draft = draftFor(ProfileName::Development, u"host=db.example sslrootcert=/ca.pem"_s,
                                       u"verify-ca"_s);
    draft.extractFields();
    QVERIFY2(draft.writeEnvFile(path, &error), qPrintable(error));
    const auto written = EnvFile::read(path, &error);
    QVERIFY2(written, qPrintable(error));
    QCOMPARE(written->size(), 3);
    QCOMPARE(written->at(2).key, u"PGSSLROOTCERT"_s);
    QCOMPARE(written->at(2).value, u"/ca.pem"_s);

    draft.connectionText.clear();
    QVERIFY2(draft.writeEnvFile(path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("\n"));
}

void SyncSettingsDraftTest::opensWithWhatDiffersFromTheDefaults()
{
    Profile profile = Profile::defaults(ProfileName::Production);
    QString error;
    const auto config = ConnectionConfig::parse(kNeonUri, &error);
    QVERIFY2(config, qPrintable(error));
    profile.connection = *config;

    const SyncSettingsDraft draft = SyncSettingsDraft::fromProfile(profile, QString());
    QCOMPARE(draft.profile, ProfileName::Production);
    QCOMPARE(draft.connectionText, u"postgresql://alex@%1:5432/neondb?channel_binding=require"_s.arg(kNeonHost));
    QCOMPARE(draft.password, kNeonPassword);
    QCOMPARE(draft.sslMode, u"require"_s);
}

void SyncSettingsDraftTest::opensFromTheFileWhenTheProfileHasNoServer()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u".env.production"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("DATABASE_URL='postgresql://alex@db.example/todos'\nPGSSLMODE=Sometimes\nPGPASSWORD=from-file\n");
    file.close();

    const SyncSettingsDraft draft = SyncSettingsDraft::fromProfile(Profile::defaults(ProfileName::Production), path);
    QCOMPARE(draft.connectionText, u"postgresql://alex@db.example/todos"_s);
    QCOMPARE(draft.password, u"from-file"_s);
    QCOMPARE(draft.sslMode, u"prefer"_s); // not a mode the form knows

    const SyncSettingsDraft empty = SyncSettingsDraft::fromProfile(Profile::defaults(ProfileName::Production),
                                                                   dir.filePath(u".env.missing"_s));
    QCOMPARE(empty.connectionText, QString());
}

void SyncSettingsDraftTest::namesTheVariablesTheEnvironmentOverrides()
{
    QProcessEnvironment environment;
    environment.insert(u"PGHOST"_s, u"elsewhere"_s);
    environment.insert(u"PGPORT"_s, QString()); // empty counts as unset
    environment.insert(u"TANDEM_SYNC_INTERVAL"_s, u"5"_s);
    environment.insert(u"DATABASE_URL"_s, u"host=x"_s);
    QCOMPARE(SyncSettingsDraft::overriddenBy(environment), (QStringList{u"DATABASE_URL"_s, u"PGHOST"_s}));
}

QTEST_GUILESS_MAIN(SyncSettingsDraftTest)

#include "syncsettingsdrafttest.moc"
