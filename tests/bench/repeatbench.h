#pragma once

#include "measurement.h"

#include <QStringList>

// Repeat rules: the next occurrence of a repeating todo, as completing one or
// showing the editor's next three asks for it. Series that started five
// years ago (daily, weekly on three days, the last day of the month) and one
// with COUNT, which libical cannot skip ahead in and counts from its start.
// Each sample is one RepeatExpansion::nextAfter call, from a parsed rule.
class RepeatBench
{
public:
    explicit RepeatBench(int samplesPerSeries);

    bool run(QList<Measurement> *measurements, QStringList *details, QString *error);

private:
    int m_samplesPerSeries;
};
