#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>

// Writes the dotenv files that EnvFile reads: a block of settings replaces
// the lines that set the same variables, and every other line of the file
// stays as the person wrote it.
class EnvFileWriter
{
    Q_DECLARE_TR_FUNCTIONS(EnvFileWriter)
public:
    // Key and value, in the order they are written.
    using Values = QList<std::pair<QString, QString>>;

    // A value as EnvFile reads it back (and a shell too): in single quotes,
    // or in double quotes with a backslash before \ " $ ` when it holds a
    // single quote. nullopt when it holds a line break: values span one line.
    static std::optional<QString> quoted(const QString &value);

    // text without the lines that set one of `replaced`, without the lines
    // that are just `comment` and without blank lines at its end; then,
    // unless values is empty, a blank line, the comment and KEY='value' for
    // each value. nullopt with *error when a key is no variable name or a
    // value holds a line break (the error names the key, never the value).
    static std::optional<QString> updated(const QString &text, const QStringList &replaced,
                                          const QString &comment, const Values &values, QString *error);

    // updated() on the file at path (a missing file counts as empty),
    // written whole or not at all and readable only by its owner. The
    // folder is created when it is missing.
    static bool update(const QString &path, const QStringList &replaced, const QString &comment,
                       const Values &values, QString *error);
};
