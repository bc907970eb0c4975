#pragma once

#include <QDate>
#include <QDateTime>
#include <QtGlobal>

#include <optional>

// Times travel through Tandem as integer microseconds since the Unix epoch,
// in UTC. QDateTime holds milliseconds only, and QPSQL writes milliseconds,
// so a value that went through QDateTime would lose the microseconds the
// legacy data and PostgreSQL keep. QDateTime is used at the edges only: to
// show a time to a person, or to read one from a widget.
namespace Timestamp {

using Micros = qint64;

constexpr Micros kMicrosPerMilli = 1000;
constexpr Micros kMicrosPerSecond = 1000 * kMicrosPerMilli;
constexpr Micros kMicrosPerDay = 86400 * kMicrosPerSecond;

Micros now();
Micros fromDateTime(const QDateTime &dateTime);
QDateTime toUtc(Micros micros);
QDateTime toLocal(Micros micros);

// A due date without a time is a calendar date, the same in every time zone.
// It is kept as midnight UTC of that date and read back in UTC.
Micros fromDate(QDate date);
QDate toDate(Micros micros);

// Start of the given local calendar day, as UTC microseconds.
Micros startOfLocalDay(QDate date);

// ISO-8601 in UTC with six fractional digits: 2026-11-22T09:30:00.123456Z.
QString toIsoUtc(Micros micros);
std::optional<Micros> fromIsoUtc(const QString &text);

} // namespace Timestamp
