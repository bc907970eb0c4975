#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

// A dotenv-style settings file (.env.production, ...):
//
//   # comment
//   export DATABASE_URL='postgresql://alex:...@ep-....neon.tech/neondb?sslmode=require'
//   PGSSLMODE=verify-full        # a comment after a bare value
//   TANDEM_SYNC_INTERVAL="120"
//
// One KEY=value per line; blank lines and lines starting with "#" are
// skipped; "export " in front is allowed, so the file can be sourced by a
// shell. A value is bare (up to a " #" comment, trailing spaces dropped), in
// single quotes (taken literally) or in double quotes (a backslash escapes
// the next character). Values span one line only. EnvFileWriter writes
// what this reads.
class EnvFile
{
    Q_DECLARE_TR_FUNCTIONS(EnvFile)
public:
    struct Entry
    {
        QString key;
        QString value;
        int line = 0; // 1-based
    };

    // Reads and parses the file at path (UTF-8). Errors name the file (and
    // the line) but never quote the line: it may hold a password.
    static std::optional<QList<Entry>> read(const QString &path, QString *error);

    // Parses text; fileName only goes into error messages.
    static std::optional<QList<Entry>> parse(
        const QString &text, const QString &fileName, QString *error);

    // True for what a line may set: letters, digits and _, not starting
    // with a digit (what a shell accepts).
    static bool isVariableName(const QString &name);

    // The variable one line sets ("export " allowed), or an empty string for
    // a blank line, a comment or a line parse() would refuse for its name.
    static QString keyOf(const QString &line);
};
