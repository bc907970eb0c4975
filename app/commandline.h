#pragma once

#include <QString>
#include <QStringList>

// What the command line asked for. Read before the QApplication exists, so
// that --help, --version and a usage error need no display: parse() never
// prints or exits, main() does.
struct CommandLine
{
    QString dataDir; // empty: the usual place under AppDataLocation
    QString profile; // --profile: development, staging or production; empty: TANDEM_PROFILE or development
    bool background = false; // --background: no window, the tray and the reminders only
    bool quickAdd = false;   // --quick-add: the window with its quick-add line focused
    QString output;  // --help or --version: the text to print before leaving
    QString error;   // a usage error, already phrased for the person

    static CommandLine parse(const QStringList &arguments);
    // The database file for a data folder (or the default one).
    static QString databasePath(const QString &dataDir);
};
