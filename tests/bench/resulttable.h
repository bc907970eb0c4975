#pragma once

#include "measurement.h"

#include <QList>
#include <QString>

#include <cstdio>

// The bench's output: a Markdown table of measurements, with free-form
// sections (the machine, details of each measurement) around it.
class ResultTable
{
public:
    void add(const Measurement &measurement) { m_rows.append(measurement); }
    void add(const QList<Measurement> &measurements) { m_rows.append(measurements); }
    const QList<Measurement> &rows() const { return m_rows; }

    // The table as Markdown, columns padded so it also reads as plain text.
    QString toMarkdown() const;
    void print(FILE *out) const;

private:
    QList<Measurement> m_rows;
};
