#include "childprocess.h"

#include <QElapsedTimer>
#include <QFile>
#include <QThread>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

// How often the parent looks whether the child has exited: the wall time is
// exact to about this much, and the bench's own thread stays idle meanwhile.
constexpr int kPollIntervalMs = 1;

// NUL-terminated copies that outlive the spawn call, and the char* array over them.
class CStrings
{
public:
    explicit CStrings(const QStringList &strings)
    {
        for (const QString &s : strings)
            m_storage.push_back(s.toLocal8Bit());
        for (QByteArray &s : m_storage)
            m_pointers.push_back(s.data());
        m_pointers.push_back(nullptr);
    }
    char *const *data() { return m_pointers.data(); }

private:
    std::vector<QByteArray> m_storage;
    std::vector<char *> m_pointers;
};

} // namespace

QString ChildProcess::Result::describe() const
{
    if (!started)
        return u"not started: %1"_s.arg(error);
    if (timedOut)
        return u"timed out after %1 s"_s.arg(double(wallNs) / 1e9, 0, 'f', 0);
    if (signal != 0)
        return u"killed by signal %1"_s.arg(signal);
    return u"exit code %1"_s.arg(exitCode);
}

ChildProcess::Result ChildProcess::run(const QString &program, const QStringList &arguments,
    const QProcessEnvironment &environment, const QString &stdoutPath, const QString &stderrPath,
    qint64 timeoutMs)
{
    Result result;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    const QByteArray outFile = QFile::encodeName(stdoutPath);
    const QByteArray errFile = QFile::encodeName(stderrPath);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(
        &actions, STDOUT_FILENO, outFile.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(
        &actions, STDERR_FILENO, errFile.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);

    CStrings argv(QStringList {program} + arguments);
    CStrings envp(environment.toStringList());
    const QByteArray path = QFile::encodeName(program);

    QElapsedTimer timer;
    timer.start();
    pid_t pid = 0;
    const int spawnError
        = posix_spawnp(&pid, path.constData(), &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (spawnError != 0) {
        result.error = QString::fromLocal8Bit(std::strerror(spawnError));
        return result;
    }
    result.started = true;

    int exitStatus = 0;
    struct rusage usage = {};
    // The peak is read from /proc as the child runs: ru_maxrss would not do.
    // posix_spawn starts the child in the bench's memory (vfork), and Linux
    // carries that memory's high-water mark over exec into the child's
    // ru_maxrss, so after the app rows (a 100,000-todo window) every child
    // "peaked" at the bench's own size. VmHWM belongs to the memory the
    // program gets at exec, and only grows, so the last reading before the
    // exit holds the peak.
    QFile status(u"/proc/%1/status"_s.arg(pid));
    qint64 highWaterKiB = 0;
    const auto readHighWater = [&] {
        if (!status.open(QIODevice::ReadOnly))
            return;
        const QList<QByteArray> lines = status.readAll().split('\n');
        status.close();
        for (const QByteArray &line : lines) {
            if (line.startsWith("VmHWM:"))
                highWaterKiB = qMax(highWaterKiB, line.mid(6).trimmed().split(' ').value(0).toLongLong());
        }
    };
    for (int polls = 0;; ++polls) {
        if (polls % 5 == 0)
            readHighWater();
        const pid_t done = wait4(pid, &exitStatus, WNOHANG, &usage);
        if (done == pid)
            break;
        if (done < 0 && errno != EINTR) {
            result.error = QString::fromLocal8Bit(std::strerror(errno));
            result.started = false;
            return result;
        }
        if (!result.timedOut && timer.elapsed() > timeoutMs) {
            result.timedOut = true;
            kill(pid, SIGKILL);
        }
        QThread::msleep(kPollIntervalMs);
    }
    result.wallNs = timer.nsecsElapsed();
    result.maxRssKiB = highWaterKiB > 0 ? highWaterKiB : usage.ru_maxrss; // kilobytes on Linux
    if (WIFEXITED(exitStatus))
        result.exitCode = WEXITSTATUS(exitStatus);
    else if (WIFSIGNALED(exitStatus))
        result.signal = WTERMSIG(exitStatus);
    return result;
}

QString ChildProcess::reasonIn(const QString &path, int maxChars)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n', Qt::SkipEmptyParts);
    QString reason;
    for (auto it = lines.crbegin(); it != lines.crend() && reason.isEmpty(); ++it) {
        if (it->contains(u"error"_s, Qt::CaseInsensitive)
            || it->contains(u"fatal"_s, Qt::CaseInsensitive))
            reason = it->trimmed();
    }
    if (reason.isEmpty() && !lines.isEmpty())
        reason = lines.last().trimmed();
    return reason.size() <= maxChars ? reason : reason.left(maxChars) + u'…';
}
