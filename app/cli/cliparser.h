#pragma once

#include "clirequest.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <optional>

// Turns tandem-cli's arguments into a CliRequest. Hand-written because
// QCommandLineParser knows one flat set of options, and tandem-cli has a
// set per command (--json means something to list and export only), with
// the global options allowed before or after the command name.
//
// Accepted forms: --name value, --name=value, and -- to end the options (so
// that a title may start with a dash).
class CliParser
{
    Q_DECLARE_TR_FUNCTIONS(CliParser)
public:
    // arguments as QCoreApplication::arguments() gives them: program first.
    static CliRequest parse(const QStringList &arguments);

    // The --help text.
    static QString usage();

    // "YYYY-MM-DD" (a calendar date) or "YYYY-MM-DDTHH:MM" (local time);
    // nullopt with *error (one line) for anything else.
    static std::optional<CliRequest::Due> parseDue(const QString &text, QString *error);
    // "15m", "2h", "1d", "1w", or a sum such as "1h30m": minutes; nullopt
    // for anything else, or nothing.
    static std::optional<int> parseDuration(const QString &text);
    // 0-3, or none/low/medium/high.
    static std::optional<Priority> parsePriority(const QString &text);
};
