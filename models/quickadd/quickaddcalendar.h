#pragma once

#include "quickaddwords.h"

#include <QDate>

#include <optional>

// The calendar words of the quick-add line: month and weekday names, in
// English (the C locale) and in the person's language (the default QLocale),
// any case, with or without the dot of an abbreviation ("Dez.", "Fr."); and
// the dates they make, "Dec 15", "15 Dec", "15th December 2027", "15.12.".
namespace QuickAddCalendar {

// 1 (January) .. 12.
std::optional<int> month(QStringView word);

// Qt::DayOfWeek numbering: Monday is 1.
std::optional<int> weekday(QStringView word);

// A day of the month as written next to a month name: "15", "15th", "15.".
// Only 1-31; whether the month has that day is the caller's question.
std::optional<int> dayOfMonth(QStringView word);

// The first date on or after today with that month and day: "Nov 1" typed
// on 22 November means next year's, "Feb 29" the next leap year's. Invalid
// when no such date comes within a few years (31 April).
QDate nextDate(int month, int day, QDate today);

// "Dec 15", "December 15th", "15 Dec", "15. Dezember", each with an
// optional four-digit year after it, starting at words[index].
std::optional<QuickAddWords::Match<QDate>> matchMonthAndDay(
    const QList<QuickAddWords::Word> &words, qsizetype index, QDate today);

// "15.12.", "15.12.2027", "15.12.27" (day.month. as German and other
// languages write it); a trailing dot or a year, so 2.5 stays a number.
std::optional<QDate> dottedDate(QStringView word, QDate today);

} // namespace QuickAddCalendar
