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

QString DayHeading::orderByClause(Timestamp::Micros now)
{
    // Days since the epoch: the local one of a timed due, the calendar date of a date-only one.
    return u"ORDER BY completed,"
           " CASE WHEN due_has_time = 1 THEN (due_at + (%1)) / %2 ELSE due_at / %2 END,"
           " due_has_time, due_at, priority DESC, position, id"_s.arg(offsetAtDue(now))
        .arg(Timestamp::kMicrosPerDay);
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
