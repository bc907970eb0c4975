#include "quickadddates.h"

#include "quickaddcalendar.h"
#include "quickaddkeywords.h"

#include <QLocale>

using namespace QuickAddWords;
using QuickAddCalendar::weekday;
using QuickAddKeywords::Keyword;
using QuickAddKeywords::is;

namespace {

constexpr QChar kTimeSeparator = u':';
constexpr QChar kDateSeparator = u'-';

constexpr int kDaysPerWeek = 7;
// "in 99999 days" is more likely a typo or a title than a due date.
constexpr int kMaxRelativeDays = 10 * 366;
// Enough digits for kMaxRelativeDays, and few enough that the value fits an int.
constexpr qsizetype kMaxCountDigits = 5;

constexpr int kHoursPerDay = 24;
constexpr int kHoursPerHalfDay = 12;
constexpr int kMinutesPerHour = 60;
// "tonight": early enough to still get it done.
constexpr int kEveningHour = 19;
constexpr qsizetype kMaxHourDigits = 2;
constexpr qsizetype kMinuteDigits = 2;

// YYYY-MM-DD
constexpr qsizetype kIsoDateLength = 10;
constexpr qsizetype kIsoYearDigits = 4;
constexpr qsizetype kIsoMonthDigits = 2;
constexpr qsizetype kIsoDayDigits = 2;
constexpr qsizetype kIsoMonthStart = kIsoYearDigits + 1;
constexpr qsizetype kIsoDayStart = kIsoMonthStart + kIsoMonthDigits + 1;

constexpr QStringView kAm = u"am";
constexpr QStringView kPm = u"pm";

// How many words each kind of date or time phrase takes up.
constexpr qsizetype kNextWeekdayWords = 2; // next friday
constexpr qsizetype kRelativeCountWords = 3; // in 3 days
constexpr qsizetype kOClockWords = 2; // 15 Uhr

QDate nextWeekday(QDate today, int day)
{
    int ahead = (day - today.dayOfWeek() + kDaysPerWeek) % kDaysPerWeek;
    // Strictly after today: "monday" typed on a Monday means the next one.
    if (ahead == 0)
        ahead = kDaysPerWeek;
    return today.addDays(ahead);
}

std::optional<QDate> isoDate(QStringView word)
{
    if (word.size() != kIsoDateLength || word.at(kIsoMonthStart - 1) != kDateSeparator
        || word.at(kIsoDayStart - 1) != kDateSeparator)
        return std::nullopt;
    const auto year = asciiNumber(word.first(kIsoYearDigits), kIsoYearDigits);
    const auto month = asciiNumber(word.mid(kIsoMonthStart, kIsoMonthDigits), kIsoMonthDigits);
    const auto day = asciiNumber(word.mid(kIsoDayStart, kIsoDayDigits), kIsoDayDigits);
    if (!year || !month || !day)
        return std::nullopt;
    // QDate rejects 2026-02-30 and 2026-13-01.
    const QDate date(*year, *month, *day);
    if (!date.isValid())
        return std::nullopt;
    return date;
}

std::optional<Match<QDate>> matchRelativeCount(
    const QList<Word> &words, qsizetype index, QDate today)
{
    // in N days / weeks / months / years, and "in a week"
    const QStringView countWord = plainWord(words, index + 1);
    const auto count = is(countWord, Keyword::One) ? std::optional(1)
                                                    : asciiNumber(countWord, kMaxCountDigits);
    if (!count)
        return std::nullopt;
    const QStringView unit = plainWord(words, index + 2);
    // No overflow below: count has at most kMaxCountDigits.
    QDate date;
    if (is(unit, Keyword::Day))
        date = today.addDays(*count);
    else if (is(unit, Keyword::Week))
        date = today.addDays(qint64(*count) * kDaysPerWeek);
    else if (is(unit, Keyword::Month))
        date = today.addMonths(*count);
    else if (is(unit, Keyword::Year))
        date = today.addYears(*count);
    else
        return std::nullopt;
    if (today.daysTo(date) > kMaxRelativeDays)
        return std::nullopt;
    return Match<QDate> {date, kRelativeCountWords};
}

std::optional<QTime> timeOfDay(QStringView word)
{
    if (is(word, Keyword::Noon))
        return QTime(kHoursPerHalfDay, 0);

    enum class Half { None, Am, Pm };
    Half half = Half::None;
    QStringView rest = word;
    if (rest.endsWith(kAm, Qt::CaseInsensitive)) {
        half = Half::Am;
        rest.chop(kAm.size());
    } else if (rest.endsWith(kPm, Qt::CaseInsensitive)) {
        half = Half::Pm;
        rest.chop(kPm.size());
    }

    const qsizetype colon = rest.indexOf(kTimeSeparator);
    // A bare number ("3") is not a time, "3pm" and "3:00" are.
    if (colon < 0 && half == Half::None)
        return std::nullopt;
    const auto hour = asciiNumber(colon < 0 ? rest : rest.first(colon), kMaxHourDigits);
    int minute = 0;
    if (colon >= 0) {
        const QStringView minuteText = rest.sliced(colon + 1);
        if (minuteText.size() != kMinuteDigits)
            return std::nullopt;
        const auto parsedMinute = asciiNumber(minuteText, kMinuteDigits);
        if (!parsedMinute)
            return std::nullopt;
        minute = *parsedMinute;
    }
    if (!hour || minute >= kMinutesPerHour)
        return std::nullopt;

    if (half == Half::None)
        return *hour < kHoursPerDay ? std::optional<QTime>(QTime(*hour, minute)) : std::nullopt;
    if (*hour < 1 || *hour > kHoursPerHalfDay)
        return std::nullopt;
    // 12am is midnight and 12pm is noon.
    const int hour24 = *hour % kHoursPerHalfDay + (half == Half::Pm ? kHoursPerHalfDay : 0);
    return QTime(hour24, minute);
}

// "15:30", "3pm", and with the word for o'clock after it "15 Uhr", "15:30 Uhr".
std::optional<Match<QTime>> matchClock(const QList<Word> &words, qsizetype index)
{
    const QStringView word = plainWord(words, index);
    if (is(plainWord(words, index + 1), Keyword::OClock)) {
        auto time = timeOfDay(word);
        if (const auto hour = asciiNumber(word, kMaxHourDigits); !time && hour && *hour < kHoursPerDay)
            time = QTime(*hour, 0);
        if (time)
            return Match<QTime> {*time, kOClockWords};
    }
    if (const auto time = timeOfDay(word))
        return Match<QTime> {*time, kOneWord};
    return std::nullopt;
}

} // namespace

namespace QuickAddDates {

std::optional<Match<QDate>> matchDate(const QList<Word> &words, qsizetype index, QDate today)
{
    const QStringView word = plainWord(words, index);
    std::optional<Match<QDate>> match;
    // Before "today": "heute Abend" starts with it.
    if (const qsizetype tonight = QuickAddKeywords::phraseAt(words, index, Keyword::Tonight)) {
        match = Match<QDate> {today, tonight}; // impliedTime() gives the evening
    } else if (is(word, Keyword::Today)) {
        match = Match<QDate> {today, kOneWord};
    } else if (is(word, Keyword::Tomorrow)) {
        match = Match<QDate> {today.addDays(1), kOneWord};
    } else if (is(word, Keyword::DayAfterTomorrow)) {
        match = Match<QDate> {today.addDays(2), kOneWord};
    } else if (const auto day = weekday(word)) {
        match = Match<QDate> {nextWeekday(today, *day), kOneWord};
    } else if (is(word, Keyword::Next)) {
        const QStringView what = plainWord(words, index + 1);
        // Kept simple on purpose: "next friday" is the same day as "friday".
        if (const auto nextDay = weekday(what))
            match = Match<QDate> {nextWeekday(today, *nextDay), kNextWeekdayWords};
        // The first day of next week, in the person's calendar (Monday in most).
        else if (is(what, Keyword::Week))
            match = Match<QDate> {
                nextWeekday(today, QLocale().firstDayOfWeek()), kNextWeekdayWords};
    } else if (is(word, Keyword::In)) {
        match = matchRelativeCount(words, index, today);
    } else if (const auto date = isoDate(word)) {
        match = Match<QDate> {*date, kOneWord};
    } else if (const auto dotted = QuickAddCalendar::dottedDate(word, today)) {
        match = Match<QDate> {*dotted, kOneWord};
    } else {
        match = QuickAddCalendar::matchMonthAndDay(words, index, today);
    }
    // Relative words say nothing when today itself is not a valid date.
    if (match && !match->value.isValid())
        return std::nullopt;
    return match;
}

std::optional<Match<QTime>> matchTime(const QList<Word> &words, qsizetype index)
{
    if (is(plainWord(words, index), Keyword::At)) {
        // "at" is only part of the token when a time follows: "meet at home".
        if (const auto time = matchClock(words, index + 1))
            return Match<QTime> {time->value, time->wordCount + kOneWord};
        return std::nullopt;
    }
    return matchClock(words, index);
}

std::optional<QTime> impliedTime(const QList<Word> &words, qsizetype index)
{
    if (QuickAddKeywords::phraseAt(words, index, Keyword::Tonight))
        return QTime(kEveningHour, 0);
    return std::nullopt;
}

} // namespace QuickAddDates
