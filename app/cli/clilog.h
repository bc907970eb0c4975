#pragma once

#include <QString>
#include <QtGlobal>
#include <QStringList>

// Where the models' log lines go in tandem-cli. A script reads one line of
// stderr when a command fails, and the models' own warnings would repeat it
// in other words (and Qt adds lines of its own), so by default:
//   - debug and info lines are dropped;
//   - warnings are held back, and printed as "tandem-cli: warning: ..." only
//     when the command succeeds (e.g. a settings file with a password that
//     others can read); on failure the command's own message says it all.
// With QT_LOGGING_RULES set, Qt's own handler prints everything as asked,
// for a person chasing a problem.
class CliLog
{
public:
    static void install();
    // Prints the held-back warnings when succeeded; drops them otherwise.
    static void finish(bool succeeded);

private:
    static void handle(QtMsgType type, const QMessageLogContext &context, const QString &message);
    static QStringList s_heldBack;
};
