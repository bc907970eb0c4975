#include "dayheading.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace {

// Years of daylight-saving changes written into the clause on either side of
// now; a due further away takes the offset at the edge.
constexpr int kTransitionYears = 5;

QString micros(qint64 offsetSeconds)
{
    return QString::number(offsetSeconds * Timestamp::kMicrosPerSecond);
}

// The zone's offset from UTC at due_at, in microseconds, as an SQL expression.
QString offsetAtDue(Timestamp::Micros now)
{
    const QTimeZone zone = QTimeZone::systemTimeZone();
    const QDateTime at = Timestamp::toUtc(now);
    const QDateTime from = at.addYears(-kTransitionYears);
    const QList<QTimeZone::OffsetData> changes = zone.transitions(from, at.addYears(kTransitionYears));
    int offset = zone.offsetFromUtc(changes.isEmpty() ? at : from);
    if (changes.isEmpty())
        return micros(offset);
    QString expression = u"CASE"_s;
    for (const QTimeZone::OffsetData &change : changes) {
        expression += u" WHEN due_at < %1 THEN %2"_s.arg(Timestamp::fromDateTime(change.atUtc)).arg(micros(offset));
        offset = change.offsetFromUtc;
    }
    return expression + u" ELSE %1 END"_s.arg(micros(offset));
}

} // namespace

QString DayHeading::orderByClause(Timestamp::Micros now, bool startDays)
{
    // Days since the epoch: the local one of a timed due, the calendar date of a date-only one.
    const QString dueDay = u"CASE WHEN due_at IS NULL THEN NULL WHEN due_has_time = 1 THEN (due_at + (%1)) / %2"
                           " ELSE due_at / %2 END"_s.arg(offsetAtDue(now))
                               .arg(Timestamp::kMicrosPerDay);
    QString day = dueDay;
    if (startDays) {
        // The rule of shownDay(), in SQL: a start after today wins over a
        // due that is past, or later than it.
        const qint64 tomorrow = Timestamp::fromDate(Timestamp::toLocal(now).date().addDays(1)) / Timestamp::kMicrosPerDay;
        const QString startDay = u"(CASE WHEN start_at >= %1 THEN start_at / %2 END)"_s
                                     .arg(tomorrow * Timestamp::kMicrosPerDay)
                                     .arg(Timestamp::kMicrosPerDay);
        day = u"CASE WHEN %1 IS NULL THEN %2 WHEN due_at IS NULL OR (%2) < %3 OR %1 <= (%2) THEN %1 ELSE %2 END"_s
                  .arg(startDay, dueDay)
                  .arg(tomorrow);
    }
    return u"ORDER BY completed, %1, due_has_time, due_at, priority DESC, position, id"_s.arg(day);
}

QDate DayHeading::shownDay(std::optional<Timestamp::Micros> dueAt, bool hasTime,
                           std::optional<Timestamp::Micros> startAt, QDate today)
{
    const QDate due = dueAt ? localDay(*dueAt, hasTime) : QDate();
    const QDate start = startAt ? Timestamp::toDate(*startAt) : QDate();
    if (!start.isValid() || start <= today)
        return due;
    if (!due.isValid() || due <= today || start <= due)
        return start;
    return due;
}

QDate DayHeading::localDay(Timestamp::Micros dueAt, bool hasTime)
{
    return hasTime ? Timestamp::toLocal(dueAt).date() : Timestamp::toDate(dueAt);
}

QDate DayHeading::group(QDate day, QDate today, bool pastIsOverdue)
{
    return pastIsOverdue && day < today ? today.addDays(-1) : day;
}

QString DayHeading::text(QDate day, QDate today, bool pastIsOverdue)
{
    if (pastIsOverdue && day < today)
        return QCoreApplication::translate("DayHeading", "Overdue");
    const qint64 days = today.daysTo(day);
    if (days == 0)
        return QCoreApplication::translate("DayHeading", "Today");
    if (days == 1)
        return QCoreApplication::translate("DayHeading", "Tomorrow");
    if (days == -1)
        return QCoreApplication::translate("DayHeading", "Yesterday");
    // A date format (QDate::toString) for a heading such as "Wednesday 9 Dec":
    // the weekday, the day and the short month, in the language's own order.
    const QString format = day.year() == today.year()
        ? QCoreApplication::translate("DayHeading", "dddd d MMM")
        : QCoreApplication::translate("DayHeading", "dddd d MMM yyyy");
    return QLocale().toString(day, format);
}
