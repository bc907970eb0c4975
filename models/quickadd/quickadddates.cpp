#include "quickadddates.h"

using namespace QuickAddWords;

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
constexpr qsizetype kAtTimeWords = 2; // at 15:30

// Qt::DayOfWeek numbering: Monday is 1.
std::optional<int> weekday(QStringView word)
{
    struct Name
    {
        QStringView full;
        QStringView shortName;
    };
    static constexpr Name names[] = {
        {u"monday", u"mon"},
        {u"tuesday", u"tue"},
        {u"wednesday", u"wed"},
        {u"thursday", u"thu"},
        {u"friday", u"fri"},
        {u"saturday", u"sat"},
        {u"sunday", u"sun"},
    };
    int day = Qt::Monday;
    for (const Name &name : names) {
        if (isAnyOf(word, {name.full, name.shortName}))
            return day;
        ++day;
    }
    return std::nullopt;
}

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
    // in N days / in N weeks
    const auto count = asciiNumber(plainWord(words, index + 1), kMaxCountDigits);
    if (!count)
        return std::nullopt;
    const QStringView unit = plainWord(words, index + 2);
    int days = 0;
    if (isAnyOf(unit, {u"day", u"days"}))
        days = *count;
    else if (isAnyOf(unit, {u"week", u"weeks"}))
        days = *count * kDaysPerWeek; // no overflow: count has at most kMaxCountDigits
    else
        return std::nullopt;
    if (days > kMaxRelativeDays)
        return std::nullopt;
    return Match<QDate> {today.addDays(days), kRelativeCountWords};
}

std::optional<QTime> timeOfDay(QStringView word)
{
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

} // namespace

namespace QuickAddDates {

std::optional<Match<QDate>> matchDate(const QList<Word> &words, qsizetype index, QDate today)
{
    const QStringView word = plainWord(words, index);
    std::optional<Match<QDate>> match;
    if (isAnyOf(word, {u"today", u"tod"})) {
        match = Match<QDate> {today, kOneWord};
    } else if (isAnyOf(word, {u"tomorrow", u"tmr", u"tmrw"})) {
        match = Match<QDate> {today.addDays(1), kOneWord};
    } else if (const auto day = weekday(word)) {
        match = Match<QDate> {nextWeekday(today, *day), kOneWord};
    } else if (isAnyOf(word, {u"next"})) {
        // Kept simple on purpose: "next friday" is the same day as "friday".
        if (const auto nextDay = weekday(plainWord(words, index + 1)))
            match = Match<QDate> {nextWeekday(today, *nextDay), kNextWeekdayWords};
    } else if (isAnyOf(word, {u"in"})) {
        match = matchRelativeCount(words, index, today);
    } else if (const auto date = isoDate(word)) {
        match = Match<QDate> {*date, kOneWord};
    }
    // Relative words say nothing when today itself is not a valid date.
    if (match && !match->value.isValid())
        return std::nullopt;
    return match;
}

std::optional<Match<QTime>> matchTime(const QList<Word> &words, qsizetype index)
{
    const QStringView word = plainWord(words, index);
    if (isAnyOf(word, {u"at"})) {
        // "at" is only part of the token when a time follows: "meet at home".
        if (const auto time = timeOfDay(plainWord(words, index + 1)))
            return Match<QTime> {*time, kAtTimeWords};
        return std::nullopt;
    }
    if (const auto time = timeOfDay(word))
        return Match<QTime> {*time, kOneWord};
    return std::nullopt;
}

} // namespace QuickAddDates
