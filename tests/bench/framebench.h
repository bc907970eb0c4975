#pragma once

#include "measurement.h"

#include <QStringList>

// The frame budget: at 100,000 todos each of these holds the UI thread for
// no longer than 16 ms (p95), from the input event until the views have
// repainted, with every follow-up the change schedules counted (the
// sidebar's counts, the header's count, the status bar):
// complete a todo, edit a title, quick add, delete, move to another list,
// undo, and a pulled batch of 500 changes arriving.
//
// A real MainWindow shows All, with a SyncController attached as the app
// always has one (here without a server: "Sync off", but its status widget
// recounts the outbox after every change). See FrameActions for how each
// action is done and BusyMeter for what is counted; docs/benchmarks.md.
class FrameBench
{
public:
    static constexpr int kPulledBatchSize = 500;

    // samples: of each action; the undo row gets one per other action.
    FrameBench(const QString &databasePath, int samples);

    bool run(QList<Measurement> *measurements, QStringList *details, QString *error);

private:
    QString m_databasePath;
    int m_samples;
};
