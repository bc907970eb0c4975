#include "timestamp.h"

#include <QTimeZone>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Timestamp {

Micros now()
{
    return QDateTime::currentMSecsSinceEpoch() * kMicrosPerMilli;
}

Micros fromDateTime(const QDateTime &dateTime)
{
    return dateTime.toMSecsSinceEpoch() * kMicrosPerMilli;
}

static qint64 floorDiv(qint64 value, qint64 divisor)
{
    qint64 quotient = value / divisor;
    if ((value % divisor != 0) && ((value < 0) != (divisor < 0)))
        --quotient;
    return quotient;
}

QDateTime toUtc(Micros micros)
{
    return QDateTime::fromMSecsSinceEpoch(floorDiv(micros, kMicrosPerMilli), QTimeZone::utc());
}

QDateTime toLocal(Micros micros)
{
    return toUtc(micros).toLocalTime();
}

Micros fromDate(QDate date)
{
    return fromDateTime(QDateTime(date, QTime(0, 0), QTimeZone::utc()));
}

QDate toDate(Micros micros)
{
    return toUtc(micros).date();
}

Micros startOfLocalDay(QDate date)
{
    return fromDateTime(date.startOfDay());
}

QString toIsoUtc(Micros micros)
{
    const qint64 seconds = floorDiv(micros, kMicrosPerSecond);
    const qint64 fraction = micros - seconds * kMicrosPerSecond;
    const QDateTime whole = QDateTime::fromSecsSinceEpoch(seconds, QTimeZone::utc());
    return whole.toString(u"yyyy-MM-ddTHH:mm:ss"_s) + u'.'
        + u"%1"_s.arg(fraction, 6, 10, QLatin1Char('0')) + u'Z';
}

std::optional<Micros> fromIsoUtc(const QString &text)
{
    // Accepts what toIsoUtc() writes, and any fraction of 0 to 6 digits.
    const qsizetype dot = text.indexOf(u'.');
    const QString wholePart = dot >= 0 ? text.left(dot) : text.chopped(text.endsWith(u'Z') ? 1 : 0);
    // Date and time are read on their own and put together in UTC: read as a
    // local time first, a wall time inside a local DST gap would be invalid.
    if (wholePart.size() != 19 || wholePart.at(10) != u'T')
        return std::nullopt;
    const QDate date = QDate::fromString(wholePart.left(10), u"yyyy-MM-dd"_s);
    const QTime time = QTime::fromString(wholePart.mid(11), u"HH:mm:ss"_s);
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    const QDateTime whole(date, time, QTimeZone::utc());
    Micros fraction = 0;
    if (dot >= 0) {
        QString digits = text.mid(dot + 1);
        if (digits.endsWith(u'Z'))
            digits.chop(1);
        const bool allDigits = std::all_of(digits.cbegin(), digits.cend(),
                                           [](QChar c) { return c >= u'0' && c <= u'9'; });
        if (digits.isEmpty() || digits.size() > 6 || !allDigits) // no sign, no spaces
            return std::nullopt;
        bool ok = false;
        fraction = digits.leftJustified(6, u'0').toLongLong(&ok);
        if (!ok)
            return std::nullopt;
    }
    return whole.toSecsSinceEpoch() * kMicrosPerSecond + fraction;
}

} // namespace Timestamp
