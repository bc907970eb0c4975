#include "measurement.h"

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

QList<qint64> Samples::sorted() const
{
    QList<qint64> values = m_values;
    std::sort(values.begin(), values.end());
    return values;
}

qint64 Samples::median() const
{
    if (m_values.isEmpty())
        return 0;
    const QList<qint64> values = sorted();
    const qsizetype middle = values.size() / 2;
    if (values.size() % 2 == 1)
        return values.at(middle);
    return (values.at(middle - 1) + values.at(middle)) / 2;
}

qint64 Samples::percentile(double p) const
{
    if (m_values.isEmpty())
        return 0;
    const QList<qint64> values = sorted();
    const auto rank = static_cast<qsizetype>(std::ceil(p / 100.0 * double(values.size())));
    return values.at(std::clamp<qsizetype>(rank - 1, 0, values.size() - 1));
}

qint64 Samples::min() const
{
    return m_values.isEmpty() ? 0 : *std::min_element(m_values.cbegin(), m_values.cend());
}

qint64 Samples::max() const
{
    return m_values.isEmpty() ? 0 : *std::max_element(m_values.cbegin(), m_values.cend());
}

QString formatDuration(qint64 nanoseconds)
{
    const double ms = double(nanoseconds) / 1e6;
    if (ms >= 100)
        return u"%1 ms"_s.arg(ms, 0, 'f', 0);
    if (ms >= 10)
        return u"%1 ms"_s.arg(ms, 0, 'f', 1);
    return u"%1 ms"_s.arg(ms, 0, 'f', 2);
}

QString Target::describe() const
{
    QString stat;
    switch (this->stat) {
    case Stat::Median:
        stat = u"median"_s;
        break;
    case Stat::P95:
        stat = u"p95"_s;
        break;
    case Stat::Max:
        stat = u"max"_s;
        break;
    }
    const qint64 ms = limitNs / 1000000;
    const QString limit = ms >= 1000 && ms % 1000 == 0 ? u"%1 s"_s.arg(ms / 1000) : u"%1 ms"_s.arg(ms);
    return u"≤ %1 (%2)"_s.arg(limit, stat);
}

Measurement Measurement::fromSamples(const QString &name, const Samples &samples,
                                     std::optional<Target> target)
{
    Measurement m;
    m.name = name;
    m.result = u"median %1 · p95 %2 · max %3 (n=%4)"_s.arg(formatDuration(samples.median()),
                                                          formatDuration(samples.percentile(95)),
                                                          formatDuration(samples.max()))
                   .arg(samples.count());
    if (!target) {
        m.target = u"—"_s;
        m.verdict = Verdict::Info;
        return m;
    }
    m.target = target->describe();
    qint64 value = 0;
    switch (target->stat) {
    case Target::Stat::Median:
        value = samples.median();
        break;
    case Target::Stat::P95:
        value = samples.percentile(95);
        break;
    case Target::Stat::Max:
        value = samples.max();
        break;
    }
    m.verdict = !samples.isEmpty() && value <= target->limitNs ? Verdict::Pass : Verdict::Fail;
    return m;
}

Measurement Measurement::info(const QString &name, const QString &result)
{
    return Measurement{name, u"—"_s, result, Verdict::Info};
}

QString Measurement::verdictText() const
{
    switch (verdict) {
    case Verdict::Pass:
        return u"PASS"_s;
    case Verdict::Fail:
        return u"FAIL"_s;
    case Verdict::Info:
        break;
    }
    return u"info"_s;
}
