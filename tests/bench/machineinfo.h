#pragma once

#include <QString>
#include <QStringList>

// What the figures were measured on, printed above the table.
struct MachineInfo
{
    int cpuCount = 0;   // usable CPUs, as nproc counts them
    QString cpuModel;   // "model name" from /proc/cpuinfo
    QString memory;     // MemTotal from /proc/meminfo
    QString os;         // pretty product name and kernel
    QString qtVersion;  // the Qt the bench runs against
    QString sqliteVersion;
    QString dateTime;   // local, ISO 8601
    QString loadAverage; // 1, 5 and 15 minutes, from /proc/loadavg: other work on the machine

    static MachineInfo collect();
    QStringList toLines() const; // Markdown list items
};
