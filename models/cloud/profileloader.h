#pragma once

#include "profile.h"

#include <QCoreApplication>
#include <QHash>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <optional>

// Works out the Profile to use from the command line, the environment, the
// profile's .env file and the profile's defaults.
//
// Which profile: --profile, else TANDEM_PROFILE, else development.
//
// Every setting comes from the first of these that has it:
//   1. the command line (Inputs::commandLine, keys in commandLineKeys();
//      its single keys beat every connection string)
//   2. the environment
//   3. <profileDir>/.env.<profile> (optional file, same variable names)
//   4. Profile::defaults()
// Variables (environment and file): DATABASE_URL (URI or key=value), the
// libpq ones PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD, PGSSLMODE,
// PGSSLROOTCERT, PGCONNECT_TIMEOUT, PGAPPNAME, PGCHANNELBINDING, which only
// fill in what every DATABASE_URL leaves out (libpq's rule: the connection
// string wins, from whichever source), and Tandem's own
// TANDEM_SYNC_INTERVAL, TANDEM_IDLE_DISCONNECT, TANDEM_STATEMENT_TIMEOUT_MS
// (numbers) and TANDEM_POOLED (1/0, true/false, yes/no, on/off). An empty
// variable counts as unset; an empty keyword inside a connection string
// (?sslmode=) clears that setting back to libpq's default.
//
// Refused: production with an sslmode weaker than require, and verify-ca or
// verify-full without a CA certificate file. A profile without a server is
// fine (Profile::hasServer() is then false): Tandem runs local-only.
//
// No error message or log line contains a password.
class ProfileLoader
{
    Q_DECLARE_TR_FUNCTIONS(ProfileLoader)
public:
    struct Inputs
    {
        QString profileName; // from --profile; may be empty
        QHash<QString, QString> commandLine; // key (see commandLineKeys()) -> value
        QProcessEnvironment environment; // usually QProcessEnvironment::systemEnvironment()
        QString profileDir; // folder with the .env.<profile> files; may be empty
    };

    // Command-line keys: "url" (--to / --database-url: a URI or key=value
    // string) and the single settings "host", "port", "dbname", "user",
    // "sslmode", "sslrootcert", "connect-timeout", "application-name",
    // "channel-binding", "sync-interval", "idle-disconnect",
    // "statement-timeout-ms", "pooled". No password: a command line is
    // visible to every user of the machine.
    static QStringList commandLineKeys();

    // The file name of a profile's settings: ".env.production", ...
    static QString envFileName(ProfileName name);

    // The profile, or nullopt with *error set to one line.
    static std::optional<Profile> load(const Inputs &inputs, QString *error);
};
