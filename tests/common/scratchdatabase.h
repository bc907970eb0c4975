#pragma once

#include "testpostgres.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

// A PostgreSQL database of its own for one test, on the throwaway server
// that ./dev test starts; dropped again at the end. Tests that need several
// people log in as the ordinary roles ./dev test creates (TANDEM_TEST_PGROLES),
// which row-level security applies to (the admin is a superuser, it would not).
class ScratchDatabase
{
public:
    explicit ScratchDatabase(const TestPostgres::Server &server);
    // With options for CREATE DATABASE, e.g. "TEMPLATE template0 LOCALE 'C'"
    // for a database whose LC_CTYPE and collation differ from the server's.
    ScratchDatabase(const TestPostgres::Server &server, const QString &createOptions);
    ~ScratchDatabase();
    ScratchDatabase(const ScratchDatabase &) = delete;
    ScratchDatabase &operator=(const ScratchDatabase &) = delete;

    bool isValid() const { return m_valid; }
    QString name() const { return m_name; }
    const TestPostgres::Server &server() const { return m_server; }

    // The ordinary roles, e.g. tandem_alice and tandem_bob. They share the admin's password.
    static QStringList roles();

    // A configured, not yet opened QPSQL connection to this database.
    // An empty user means the admin; viaBouncer goes through PgBouncer.
    QSqlDatabase connection(const QString &connectionName, const QString &user = {},
                            bool viaBouncer = false) const;
    // A libpq key=value string for the same, as a person would paste it.
    QString connectionString(const QString &user = {}, bool viaBouncer = false) const;

    // Runs SQL as the admin on this database; false (and a warning) on error.
    bool adminExec(const QString &sql) const;
    // The same on the server's own test database, for server-wide settings.
    static bool adminExecOn(const TestPostgres::Server &server, const QString &sql);

private:
    TestPostgres::Server m_server;
    QString m_name;
    bool m_valid = false;
};
