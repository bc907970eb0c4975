#pragma once

// Access to the throwaway PostgreSQL 15 server (and the PgBouncer in front of
// it) that `./dev test` starts for the test run. The server is described by
// environment variables, so a test binary run by hand can use any server:
//
//   TANDEM_TEST_PGHOST, TANDEM_TEST_PGPORT, TANDEM_TEST_PGUSER,
//   TANDEM_TEST_PGPASSWORD, TANDEM_TEST_PGDATABASE  - direct connection
//   TANDEM_TEST_PGBOUNCER_PORT  - PgBouncer (transaction pooling), same host
//   TANDEM_TEST_PGDATA          - the server's data directory
//   TANDEM_TEST_PGCTL           - command prefix running pg_ctl as the server's
//                                 user (already carries -l LOGFILE)
//
// `eval "$(./dev pg-start)"` sets them in a shell; `./dev pg-stop` stops it.
//
// A test that needs the server starts with TANDEM_REQUIRE_POSTGRES(server).
// Without a server it is skipped on a developer machine, but it FAILS under CI
// (env CI set), so a broken CI setup can never turn into silently skipped
// tests.

#include <QtCore/QString>
#include <QtCore/QStringList>
#include <QtSql/QSqlDatabase>
#include <QtTest/QTest>

#include <optional>

namespace TestPostgres {

struct Server
{
    QString host;
    int port = 0;
    QString user;
    QString password;
    QString database;
    int bouncerPort = 0;
    QString dataDir;
    QString pgCtl; // command prefix, split with QProcess::splitCommand()
};

// The server described by the TANDEM_TEST_PG* variables, or nullopt when one
// of host/port/user/password/database is missing or a port is not a number.
// bouncerPort, dataDir and pgCtl may be empty/0 when not set.
std::optional<Server> fromEnvironment();

// True when running under CI: env CI is non-empty and not "false" or "0".
bool ciIsSet();

// Adds a QPSQL connection named connectionName (direct, or through PgBouncer
// when viaBouncer), opens it and returns it. Check isOpen()/lastError(); the
// caller removes it with QSqlDatabase::removeDatabase(connectionName).
QSqlDatabase open(const Server &server, const QString &connectionName,
                  bool viaBouncer = false);

// Why the server cannot be used (not configured, no QPSQL driver, cannot
// connect), or an empty string when it can. Stores the server in *server.
// Used by TANDEM_REQUIRE_POSTGRES.
QString unavailableReason(Server *server);

// Runs `<pgCtl prefix> ARGUMENTS -D <dataDir>` (e.g. {"restart", "-m",
// "fast", "-w"}) and waits for it. Returns true on exit code 0; pg_ctl's
// output goes to *output when given.
bool runPgCtl(const Server &server, const QStringList &arguments,
              QString *output = nullptr);

} // namespace TestPostgres

// Put at the top of a test function (or initTestCase). Declares
// `TestPostgres::Server serverVar` for the rest of the function. When no
// server is configured or reachable: QFAIL under CI, QSKIP otherwise.
#define TANDEM_REQUIRE_POSTGRES(serverVar)                                                         \
    TestPostgres::Server serverVar;                                                                \
    do {                                                                                           \
        const QString tandemPgReason_ = TestPostgres::unavailableReason(&serverVar);               \
        if (!tandemPgReason_.isEmpty()) {                                                          \
            if (TestPostgres::ciIsSet())                                                           \
                QFAIL(qPrintable(QStringLiteral("PostgreSQL is required under CI: ") + tandemPgReason_)); \
            QSKIP(qPrintable(QStringLiteral("No PostgreSQL, skipped (FAILS under CI; ./dev test starts one): ") \
                             + tandemPgReason_));                                                  \
        }                                                                                          \
    } while (false)

// For a test that cannot run without something ./dev test provides (a
// PgBouncer port, pg_ctl): under CI that is a failure, by hand a skip.
#define TANDEM_REQUIRE_UNDER_CI(condition, message)                                                \
    do {                                                                                           \
        if (!(condition)) {                                                                        \
            if (TestPostgres::ciIsSet())                                                           \
                QFAIL(message " (required under CI)");                                             \
            QSKIP(message " (skipped outside CI; FAILS under CI)");                               \
        }                                                                                          \
    } while (false)
