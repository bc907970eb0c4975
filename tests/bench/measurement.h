#pragma once

#include <QList>
#include <QString>
#include <QtGlobal>

#include <optional>

// Timings of one kind, in nanoseconds (QElapsedTimer::nsecsElapsed).
class Samples
{
public:
    void add(qint64 nanoseconds) { m_values.append(nanoseconds); }
    void append(const Samples &other) { m_values.append(other.m_values); }
    qsizetype count() const { return m_values.size(); }
    bool isEmpty() const { return m_values.isEmpty(); }
    const QList<qint64> &values() const { return m_values; }

    qint64 median() const;
    // Nearest-rank percentile: the smallest sample with at least p percent of
    // the samples at or below it. percentile(100) is the maximum.
    qint64 percentile(double p) const;
    qint64 min() const;
    qint64 max() const;

private:
    QList<qint64> sorted() const;
    QList<qint64> m_values;
};

// What a target is checked against: one statistic of the samples and a limit.
struct Target
{
    enum class Stat { Median, P95, Max };
    Stat stat = Stat::Median;
    qint64 limitNs = 0;

    QString describe() const; // e.g. "≤ 50 ms (median)"
};

// One row of the result table. A measurement without a target is shown for
// information ("info"); one with a target passes or fails against it.
struct Measurement
{
    enum class Verdict { Pass, Fail, Info };

    QString name;
    QString target;
    QString result;
    Verdict verdict = Verdict::Info;

    // A row from timed samples: median, p95 and max are shown, the target's
    // statistic decides the verdict.
    static Measurement fromSamples(const QString &name, const Samples &samples,
                                   std::optional<Target> target = std::nullopt);
    // A row with a result that is not a timing (a count, a size).
    static Measurement info(const QString &name, const QString &result);

    QString verdictText() const;
};

// Formats nanoseconds as milliseconds with a precision that suits the size.
QString formatDuration(qint64 nanoseconds);
