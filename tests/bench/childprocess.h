#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QtGlobal>

// Runs another program to completion and reports what it cost: the wall time
// from spawn to exit and the peak resident memory of that one process
// (its VmHWM, read from /proc while it runs; see the .cpp for why not
// ru_maxrss). Its
// stdout and stderr go to files, so a chatty tool cannot block on a full pipe
// and the bench can show the end of its output when it fails.
//
// QProcess is not used: it gives neither the child's resource usage nor an
// exit time free of the event loop's latency.
class ChildProcess
{
public:
    struct Result
    {
        bool started = false;
        bool timedOut = false;
        int exitCode = -1; // when it exited normally
        int signal = 0; // when a signal ended it
        qint64 wallNs = 0;
        qint64 maxRssKiB = 0;
        QString error; // why it could not be started

        bool exitedWith(int code) const
        {
            return started && !timedOut && signal == 0 && exitCode == code;
        }
        QString describe() const; // "exit code 3", "killed by signal 9", …
    };

    // program is looked up in PATH when it has no slash. The child is killed
    // (SIGKILL) after timeoutMs.
    static Result run(const QString &program, const QStringList &arguments,
        const QProcessEnvironment &environment, const QString &stdoutPath,
        const QString &stderrPath, qint64 timeoutMs);

    // The line of a tool's output that says why it failed: the last one
    // that mentions an error, else the last one; cut to maxChars.
    static QString reasonIn(const QString &path, int maxChars = 300);
};
