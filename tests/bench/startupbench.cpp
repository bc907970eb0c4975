#include "startupbench.h"

#include "paintprobe.h"

#include "itemmodels/todomodel.h"
#include "store/localdatabase.h"
#include "store/todostore.h"
#include "widgets/mainwindow.h"
#include "widgets/todolistview.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QSettings>

#include <chrono>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kStartTargetNs = 1'000'000'000;
constexpr int kChildTimeoutMs = 120'000;
constexpr auto kResultPrefix = "STARTUP";

// CLOCK_MONOTONIC on Linux: comparable between the parent and the child.
qint64 monotonicNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

QString startListName(StartupBench::StartList list)
{
    return list == StartupBench::StartList::All ? u"all"_s : u"inbox"_s;
}

} // namespace

StartupBench::StartupBench(const QString &databasePath, const QString &settingsDir, int repetitions)
    : m_databasePath(databasePath)
    , m_settingsDir(settingsDir)
    , m_repetitions(repetitions)
{
}

int StartupBench::runChild(const QString &databasePath, StartList startList, qint64 spawnedAtNs)
{
    {
        // Which list the window remembers; written before the clock starts.
        QSettings settings;
        settings.remove(u"view"_s);
        if (startList == StartList::All)
            settings.setValue(u"view/filterKind"_s, int(TodoFilter::Kind::All));
        settings.sync();
    }

    QElapsedTimer timer;
    timer.start();
    LocalDatabase database;
    const auto opened = database.open(databasePath);
    if (!opened.ok()) {
        std::fprintf(stderr, "tandem-bench: cannot open %s: %s\n", qPrintable(databasePath),
                     qPrintable(opened.detail));
        return 1;
    }
    const qint64 openNs = timer.nsecsElapsed();
    TodoStore store(&database);
    MainWindow window(&database, &store);
    const qint64 windowNs = timer.nsecsElapsed();
    PaintProbe probe(window.todoList()->viewport(), &timer, window.todoModel());
    window.show();
    const bool painted = probe.waitForPaint();
    // The time since the parent started this process, at the end of that paint.
    const qint64 spawnNs = monotonicNs() - spawnedAtNs - (timer.nsecsElapsed() - probe.lastPaintEndNs());
    const qint64 totalNs = probe.lastPaintEndNs();
    if (!painted) {
        std::fprintf(stderr, "tandem-bench: the todo list was never painted\n");
        return 1;
    }
    std::printf("%s open=%lld window=%lld paint=%lld total=%lld spawn=%lld rows=%d\n", kResultPrefix,
                openNs, windowNs - openNs, totalNs - windowNs, totalNs, spawnNs,
                probe.rowsAtLastPaint());
    std::fflush(stdout);
    return 0;
}

bool StartupBench::runOnce(StartList startList, Run *run, QString *error)
{
    QProcess child;
    child.setProgram(QCoreApplication::applicationFilePath());
    child.setArguments({u"--%1"_s.arg(QString::fromLatin1(kChildOption)), u"--db"_s, m_databasePath,
                        u"--settings-dir"_s, m_settingsDir, u"--start-list"_s,
                        startListName(startList), u"--spawned-at"_s,
                        QString::number(monotonicNs())});
    child.start();
    if (!child.waitForFinished(kChildTimeoutMs) || child.exitStatus() != QProcess::NormalExit
        || child.exitCode() != 0) {
        if (child.state() != QProcess::NotRunning)
            child.kill();
        *error = u"the start-up child failed (%1): %2"_s.arg(child.errorString(),
                                                             QString::fromLocal8Bit(child.readAllStandardError()).trimmed());
        return false;
    }
    const QString output = QString::fromLocal8Bit(child.readAllStandardOutput());
    for (const QString &line : output.split(u'\n')) {
        if (!line.startsWith(QString::fromLatin1(kResultPrefix)))
            continue;
        QHash<QString, qint64> values;
        for (const QString &pair : line.split(u' ', Qt::SkipEmptyParts).mid(1))
            values.insert(pair.section(u'=', 0, 0), pair.section(u'=', 1).toLongLong());
        run->openNs = values.value(u"open"_s);
        run->windowNs = values.value(u"window"_s);
        run->paintNs = values.value(u"paint"_s);
        run->totalNs = values.value(u"total"_s);
        run->spawnNs = values.value(u"spawn"_s);
        run->rows = int(values.value(u"rows"_s, -1));
        if (run->rows <= 0) {
            *error = u"the first paint of the todo list showed no rows"_s;
            return false;
        }
        return true;
    }
    *error = u"the start-up child printed no result: %1"_s.arg(output.trimmed());
    return false;
}

bool StartupBench::run(QList<Measurement> *measurements, QStringList *details, QString *error)
{
    const Target target{Target::Stat::Median, kStartTargetNs};
    for (const StartList startList : {StartList::Inbox, StartList::All}) {
        Samples total, spawn;
        details->append(u"Start-up, window remembering the %1 list (ms per repetition: open · construct window · show→painted · total | since process start):"_s
                            .arg(startList == StartList::All ? u"All"_s : u"Inbox"_s));
        for (int rep = 0; rep < m_repetitions; ++rep) {
            Run run;
            if (!runOnce(startList, &run, error))
                return false;
            total.add(run.totalNs);
            spawn.add(run.spawnNs);
            details->append(u"  - %1 · %2 · %3 · **%4** | %5 (%6 rows fetched)"_s
                                .arg(formatDuration(run.openNs), formatDuration(run.windowNs),
                                     formatDuration(run.paintNs), formatDuration(run.totalNs),
                                     formatDuration(run.spawnNs))
                                .arg(run.rows));
        }
        if (startList == StartList::Inbox) {
            measurements->append(Measurement::fromSamples(
                u"1. Start: open() → first list painted (Inbox)"_s, total, target));
            measurements->append(Measurement::fromSamples(
                u"1. Start: process start → first list painted (Inbox)"_s, spawn));
        } else {
            measurements->append(Measurement::fromSamples(
                u"1. Start: open() → first list painted (All)"_s, total, target));
        }
    }
    return true;
}
