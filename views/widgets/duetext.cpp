#include "duetext.h"

#include "domain/shorttime.h"

#include <QCoreApplication>
#include <QLocale>

using namespace Qt::StringLiterals;

QDate DueText::day(Timestamp::Micros dueAt, bool hasTime)
{
    return hasTime ? Timestamp::toLocal(dueAt).date() : Timestamp::toDate(dueAt);
}

QString DueText::timeFormat()
{
    return ShortTime::format();
}

QString DueText::time(QTime time)
{
    return ShortTime::text(time);
}

QString DueText::label(Timestamp::Micros dueAt, bool hasTime, QDate today)
{
    const QLocale locale;
    const QDate date = day(dueAt, hasTime);
    const qint64 days = today.daysTo(date);
    QString dayText;
    if (days == 0)
        dayText = QCoreApplication::translate("TodoDelegate", "Today");
    else if (days == 1)
        dayText = QCoreApplication::translate("TodoDelegate", "Tomorrow");
    else if (days == -1)
        dayText = QCoreApplication::translate("TodoDelegate", "Yesterday");
    else if (days > 1 && days < 7)
        dayText = locale.dayName(date.dayOfWeek(), QLocale::LongFormat);
    else if (date.year() == today.year())
        dayText = locale.toString(date,
            QCoreApplication::translate("TodoDelegate", "d MMM", "short due date in this year"));
    else
        dayText = locale.toString(date,
            QCoreApplication::translate(
                "TodoDelegate", "d MMM yyyy", "short due date in another year"));
    if (!hasTime)
        return dayText;
    return QCoreApplication::translate("TodoDelegate", "%1 %2", "due day, then due time")
        .arg(dayText, time(Timestamp::toLocal(dueAt).time()));
}
