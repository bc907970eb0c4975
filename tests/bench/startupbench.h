#pragma once

#include "measurement.h"

#include <QStringList>

// Measurement 1: start with the whole cache until the first list is shown.
//
// Every repetition is a fresh process (this executable again, in its child
// mode), so nothing is warm but the operating system's file cache. The child
// times, with one QElapsedTimer, from just before LocalDatabase::open until
// the todo list's viewport has been painted with rows; it also reports the
// time since the parent started it (process start, dynamic linking and
// QApplication included), measured on the shared monotonic clock.
class StartupBench
{
public:
    enum class StartList { Inbox, All };

    StartupBench(const QString &databasePath, const QString &settingsDir, int repetitions);

    bool run(QList<Measurement> *measurements, QStringList *details, QString *error);

    // The child's side: one start, one line on stdout. Returns the exit code.
    static int runChild(const QString &databasePath, StartList startList, qint64 spawnedAtNs);
    static constexpr auto kChildOption = "startup-child";

private:
    struct Run
    {
        qint64 openNs = 0;   // LocalDatabase::open
        qint64 windowNs = 0; // TodoStore and MainWindow constructed
        qint64 paintNs = 0;  // show() until the list has painted
        qint64 totalNs = 0;  // before open() until painted
        qint64 spawnNs = 0;  // the parent's start() until painted
        int rows = 0;        // rows in the model at the first paint
    };
    bool runOnce(StartList startList, Run *run, QString *error);

    QString m_databasePath;
    QString m_settingsDir;
    int m_repetitions;
};
