#include "dayheading.h"

#include <QCoreApplication>
#include <QLocale>

using namespace Qt::StringLiterals;

QString DayHeading::orderByClause()
{
    // Integer seconds: SQLite's date functions take seconds, and a day does not need more.
    return u"ORDER BY completed,"
           " CASE WHEN due_has_time = 1 THEN date(due_at / 1000000, 'unixepoch', 'localtime')"
           " ELSE date(due_at / 1000000, 'unixepoch') END,"
           " due_has_time, due_at, priority DESC, position, id"_s;
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
