#include "repeatexpansion.h"

#include "repeat/countend.h"
#include "repeat/wallclock.h"

#include <libical/ical.h>

#include <memory>

namespace RepeatExpansion {

namespace {

using Timestamp::kMicrosPerSecond;
using Timestamp::Micros;
using WallClock::LocalTime;

struct Occurrence
{
    QDate localDate;
    Micros at = 0;
};

struct IteratorFree
{
    void operator()(icalrecur_iterator *iterator) const { icalrecur_iterator_free(iterator); }
};

// Local times go to libical floating (without a zone): it expands wall-clock
// time, and the zone is applied to each occurrence afterwards.
icaltimetype icalDate(QDate date)
{
    icaltimetype time = icaltime_null_time();
    time.year = date.year();
    time.month = date.month();
    time.day = date.day();
    time.is_date = 1;
    return time;
}

icaltimetype icalLocal(QDate date, Micros sinceMidnight)
{
    icaltimetype time = icalDate(date);
    time.is_date = 0;
    const Micros seconds = sinceMidnight / kMicrosPerSecond;
    time.hour = int(seconds / 3600);
    time.minute = int(seconds / 60 % 60);
    time.second = int(seconds % 60);
    return time;
}

QDate dateOf(const icaltimetype &time)
{
    return QDate(time.year, time.month, time.day);
}

// One series, ready to expand: its zone, and its start as local time.
class Expander
{
public:
    explicit Expander(const RepeatSeries &series)
        : m_series(series)
        , m_zone(WallClock::zone(series.zone))
    {
        if (series.hasTime) {
            const LocalTime start = WallClock::fromUtc(m_zone, series.start);
            m_wallClock = start.sinceMidnight;
            m_dtstart = icalLocal(start.date, start.sinceMidnight);
        } else {
            m_dtstart = icalDate(Timestamp::toDate(series.start));
        }
    }

    const QTimeZone &zone() const { return m_zone; }
    QDate startDate() const { return dateOf(m_dtstart); }

    // The same series, started afresh on another local day at its own time,
    // its COUNT left to the caller.
    void restartOn(QDate day)
    {
        m_dtstart = m_series.hasTime ? icalLocal(day, m_wallClock) : icalDate(day);
        m_counted = false;
    }

    // Calls visit with each occurrence in order from the first on or after
    // the local day skipTo (from DTSTART without it); stops when visit
    // returns false or the series ends. A rule with COUNT is expanded as the
    // same rule ending at its last occurrence, so libical can skip ahead.
    template<typename Visit>
    void expand(std::optional<QDate> skipTo, Visit visit) const
    {
        icalrecurrencetype rule = m_series.rule.ical();
        rule.count = 0;
        rule.until = localUntil(); // COUNT and UNTIL never come together
        if (m_counted && m_series.rule.count() > 0) {
            const std::optional<icaltimetype> end = RepeatCountEnd::find(m_series.rule.ical(), m_dtstart, m_series.rule.text());
            if (end)
                rule.until = *end;
        }
        const std::unique_ptr<icalrecur_iterator, IteratorFree> iterator(icalrecur_iterator_new(rule, m_dtstart));
        if (!iterator)
            return; // parse() refuses the rules libical cannot expand
        bool skipped = false;
        if (skipTo && *skipTo > startDate()) {
            icaltimetype from = icalDate(*skipTo);
            from.is_date = m_dtstart.is_date;
            skipped = icalrecur_iterator_set_start(iterator.get(), from) != 0;
        }
        // DTSTART is the first occurrence even where the rule would not give
        // it (RFC 5545); libical 3.0 leaves such a DTSTART out.
        if (!skipped && !visit(occurrence(m_dtstart)))
            return;
        for (;;) {
            const icaltimetype next = icalrecur_iterator_next(iterator.get());
            if (icaltime_is_null_time(next))
                return;
            if (icaltime_compare(next, m_dtstart) == 0)
                continue; // already given
            if (!visit(occurrence(next)))
                return;
        }
    }

private:
    Occurrence occurrence(const icaltimetype &time) const
    {
        const QDate date = dateOf(time);
        if (!m_series.hasTime)
            return {date, Timestamp::fromDate(date)};
        // libical keeps whole seconds; the start's fraction is kept too.
        const Micros sinceMidnight = Micros(time.hour * 3600 + time.minute * 60 + time.second) * kMicrosPerSecond
            + m_wallClock % kMicrosPerSecond;
        return {date, WallClock::toUtc(m_zone, {date, sinceMidnight})};
    }

    // UNTIL as a local time of the series, for libical to compare with the
    // floating occurrences: a UTC instant in the zone's time, a date as the
    // end of that day.
    icaltimetype localUntil() const
    {
        const std::optional<RepeatUntil> until = m_series.rule.until();
        if (!until)
            return icaltime_null_time();
        LocalTime local{until->date, Timestamp::kMicrosPerDay - kMicrosPerSecond};
        if (until->time)
            local.sinceMidnight = Micros(until->time->msecsSinceStartOfDay()) * Timestamp::kMicrosPerMilli;
        if (until->time && until->utc)
            local = WallClock::fromUtc(m_zone, Timestamp::fromDate(until->date) + local.sinceMidnight);
        return m_series.hasTime ? icalLocal(local.date, local.sinceMidnight) : icalDate(local.date);
    }

    const RepeatSeries &m_series;
    QTimeZone m_zone;
    icaltimetype m_dtstart;
    Micros m_wallClock = 0;
    bool m_counted = true;
};

} // namespace

QList<Micros> nextN(const RepeatSeries &series, Micros after, int n)
{
    QList<Micros> found;
    if (n <= 0)
        return found;
    const Expander expander(series);
    auto collect = [&found, n](bool wanted, Micros at) {
        if (wanted)
            found.append(at);
        return found.size() < n;
    };
    if (series.hasTime) {
        // From the day before: the occurrences of a day are local times, and
        // only their instants can be compared with `after`.
        const QDate day = WallClock::fromUtc(expander.zone(), after).date;
        expander.expand(day.addDays(-1),
                        [&](const Occurrence &o) { return collect(o.at > after, o.at); });
    } else {
        const QDate day = Timestamp::toDate(after);
        expander.expand(day,
                        [&](const Occurrence &o) { return collect(o.localDate > day, o.at); });
    }
    return found;
}

std::optional<Micros> nextAfter(const RepeatSeries &series, Micros after)
{
    const QList<Micros> next = nextN(series, after, 1);
    return next.isEmpty() ? std::nullopt : std::optional<Micros>(next.first());
}

std::optional<Micros> firstOnOrAfter(const RepeatSeries &series, Micros at)
{
    if (series.hasTime)
        return nextAfter(series, at - 1);
    return nextAfter(series, Timestamp::fromDate(Timestamp::toDate(at)) - 1);
}

std::optional<Micros> nextFromCompletion(const RepeatSeries &series, Micros completedAt, int completedSoFar)
{
    const int count = series.rule.count();
    if (count > 0 && completedSoFar + 2 > count) // this completion was the last occurrence
        return std::nullopt;
    Expander expander(series);
    const QDate day = WallClock::fromUtc(expander.zone(), completedAt).date;
    expander.restartOn(day);
    std::optional<Micros> next;
    expander.expand(std::nullopt, [&](const Occurrence &o) {
        if (o.localDate > day)
            next = o.at;
        return !next;
    });
    return next;
}

} // namespace RepeatExpansion
