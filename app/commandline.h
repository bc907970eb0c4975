#pragma once

#include <QString>
#include <QStringList>

// What the command line asked for. --help and --version are handled by
// QCommandLineParser itself, which prints and exits.
struct CommandLine
{
    QString dataDir; // empty: the usual place under AppDataLocation
    QString profile; // --profile: development, staging or production; empty: TANDEM_PROFILE or development
    QString error;   // a usage error, already phrased for the person

    static CommandLine parse(const QStringList &arguments);
    // The database file for a data folder (or the default one).
    static QString databasePath(const QString &dataDir);
};
