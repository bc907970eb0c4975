#include "cloud/connectionconfig.h"
#include "cloud/pgconnection.h"
#include "scratchdatabase.h"
#include "sync/syncresult.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

// TLS against the real server, with a certificate authority made here: the
// server gets a certificate for "localhost", signed by that CA. verify-full
// with the CA file must connect; the same server reached by another name
// (127.0.0.1, not in the certificate) must be refused as a TLS failure.
class TlsTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_certs;
    std::optional<TestPostgres::Server> m_server;
    bool m_sslEnabled = false;

    static bool openssl(const QStringList &arguments, const QString &workDir)
    {
        QProcess process;
        process.setWorkingDirectory(workDir);
        process.start(u"openssl"_s, arguments);
        if (!process.waitForFinished(60000) || process.exitCode() != 0) {
            qWarning("openssl %s: %s", qPrintable(arguments.join(u' ')), process.readAllStandardError().constData());
            return false;
        }
        return true;
    }

    // Server-side files must belong to the server's user, and the key must be private.
    static bool handToServer(const QString &path, const QString &dataDir)
    {
        struct stat owner {};
        if (::stat(QFile::encodeName(dataDir).constData(), &owner) != 0)
            return false;
        return ::chown(QFile::encodeName(path).constData(), owner.st_uid, owner.st_gid) == 0
            && ::chmod(QFile::encodeName(path).constData(), S_IRUSR | S_IWUSR) == 0;
    }

    std::unique_ptr<PgConnection> connect(const QString &host, QString *error)
    {
        QString parseError;
        const auto config = ConnectionConfig::parse(
            u"host=%1 port=%2 dbname=%3 user=%4 password=%5 sslmode=verify-full sslrootcert=%6 connect_timeout=5"_s.arg(
                host, QString::number(m_server->port), m_server->database, m_server->user, m_server->password,
                m_certs.filePath(u"ca.crt"_s)),
            &parseError);
        if (!config) {
            *error = parseError;
            return nullptr;
        }
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, u"tls-"_s + QUuid::createUuid().toString(QUuid::Id128));
        config->applyTo(db);
        auto connection = std::make_unique<PgConnection>(db);
        if (!connection->open())
            *error = connection->lastError();
        return connection;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        TANDEM_REQUIRE_POSTGRES(server);
        m_server = server;
        QVERIFY(m_certs.isValid());
        const QString dir = m_certs.path();
        QVERIFY(openssl({u"req"_s, u"-new"_s, u"-x509"_s, u"-nodes"_s, u"-days"_s, u"2"_s, u"-subj"_s, u"/CN=Tandem Test CA"_s,
                         u"-newkey"_s, u"rsa:2048"_s, u"-keyout"_s, u"ca.key"_s, u"-out"_s, u"ca.crt"_s},
                        dir));
        QVERIFY(openssl({u"req"_s, u"-new"_s, u"-nodes"_s, u"-subj"_s, u"/CN=localhost"_s, u"-newkey"_s, u"rsa:2048"_s,
                         u"-keyout"_s, u"server.key"_s, u"-out"_s, u"server.csr"_s},
                        dir));
        QFile ext(m_certs.filePath(u"san.ext"_s));
        QVERIFY(ext.open(QIODevice::WriteOnly));
        ext.write("subjectAltName=DNS:localhost\n");
        ext.close();
        QVERIFY(openssl({u"x509"_s, u"-req"_s, u"-in"_s, u"server.csr"_s, u"-CA"_s, u"ca.crt"_s, u"-CAkey"_s, u"ca.key"_s,
                         u"-CAcreateserial"_s, u"-days"_s, u"2"_s, u"-extfile"_s, u"san.ext"_s, u"-out"_s, u"server.crt"_s},
                        dir));

        // Into the server's data folder, where it may read them, then switch TLS on.
        const QString crt = QDir(server.dataDir).filePath(u"tandem-test-server.crt"_s);
        const QString key = QDir(server.dataDir).filePath(u"tandem-test-server.key"_s);
        QFile::remove(crt);
        QFile::remove(key);
        QVERIFY(QFile::copy(m_certs.filePath(u"server.crt"_s), crt));
        QVERIFY(QFile::copy(m_certs.filePath(u"server.key"_s), key));
        QVERIFY(handToServer(crt, server.dataDir));
        QVERIFY(handToServer(key, server.dataDir));
        QVERIFY(ScratchDatabase::adminExecOn(server, u"ALTER SYSTEM SET ssl_cert_file = '%1'"_s.arg(crt)));
        QVERIFY(ScratchDatabase::adminExecOn(server, u"ALTER SYSTEM SET ssl_key_file = '%1'"_s.arg(key)));
        QVERIFY(ScratchDatabase::adminExecOn(server, u"ALTER SYSTEM SET ssl = on"_s));
        QVERIFY(ScratchDatabase::adminExecOn(server, u"SELECT pg_reload_conf()"_s));
        m_sslEnabled = true;
        QTest::qWait(300); // the postmaster reloads its configuration asynchronously
    }

    void cleanupTestCase()
    {
        if (!m_sslEnabled)
            return;
        ScratchDatabase::adminExecOn(*m_server, u"ALTER SYSTEM RESET ssl"_s);
        ScratchDatabase::adminExecOn(*m_server, u"ALTER SYSTEM RESET ssl_cert_file"_s);
        ScratchDatabase::adminExecOn(*m_server, u"ALTER SYSTEM RESET ssl_key_file"_s);
        ScratchDatabase::adminExecOn(*m_server, u"SELECT pg_reload_conf()"_s);
    }

    void shouldAcceptVerifyFullWithTheCaFile()
    {
        QString error;
        QTRY_VERIFY_WITH_TIMEOUT([&] {
            auto connection = connect(u"localhost"_s, &error);
            return connection && connection->isOpen() && connection->sslInUse();
        }(), 5000);
        auto connection = connect(u"localhost"_s, &error);
        QVERIFY2(connection && connection->isOpen(), qPrintable(error));
        QVERIFY(connection->sslInUse());
        QVERIFY(connection->exec(u"SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"_s).boolean(0, 0));
    }

    void shouldRejectAServerNameNotInTheCertificate()
    {
        QString error;
        auto connection = connect(u"127.0.0.1"_s, &error);
        QVERIFY(connection);
        QVERIFY(!connection->isOpen());
        QVERIFY2(error.contains(u"certificate"_s) || error.contains(u"SSL"_s), qPrintable(error));
        const SyncResult classified = SyncResult::classify(*connection);
        QCOMPARE(classified.error, SyncResult::Error::TlsFailed);
        QVERIFY(!classified.message.contains(m_server->password));
    }

    void shouldRejectAServerSignedByAnotherAuthority()
    {
        // The system's CAs do not know this test CA, and verify-full with no
        // matching root must not fall back to trusting the server.
        QString parseError;
        const auto config = ConnectionConfig::parse(
            u"host=localhost port=%1 dbname=%2 user=%3 password=%4 sslmode=verify-full sslrootcert=%5"_s.arg(
                QString::number(m_server->port), m_server->database, m_server->user, m_server->password,
                QDir(m_certs.path()).filePath(u"server.crt"_s)),
            &parseError);
        QVERIFY2(config, qPrintable(parseError));
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, u"tls-other-ca"_s);
        config->applyTo(db);
        PgConnection connection(db);
        QVERIFY(!connection.open());
        QCOMPARE(SyncResult::classify(connection).error, SyncResult::Error::TlsFailed);
    }
};

QTEST_GUILESS_MAIN(TlsTest)
#include "tlstest.moc"
