#include "quickaddrepeat.h"

#include "quickaddcalendar.h"
#include "quickaddkeywords.h"

#include <QStringList>

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;
using namespace QuickAddWords;
using QuickAddCalendar::weekday;
using QuickAddKeywords::is;
using QuickAddKeywords::Keyword;

namespace {

constexpr QChar kFromCompletionMark = u'!';
constexpr QChar kListComma = u',';
// "every 999 days" is the most a person plausibly means.
constexpr qsizetype kMaxIntervalDigits = 3;
constexpr int kLastDayOfMonth = -1;
constexpr qsizetype kLastDayWords = 2; // last day

enum class Unit { Day, Week, Month, Year };

// RFC 5545's two-letter days, in Qt::DayOfWeek order from Monday.
constexpr std::array<QStringView, 7> kDayCodes {u"MO", u"TU", u"WE", u"TH", u"FR", u"SA", u"SU"};

struct Rule
{
    Unit unit = Unit::Day;
    int interval = 1;
    QList<int> days; // Qt::DayOfWeek
    std::optional<int> monthDay;

    // The parts in the order RFC 5545's examples write them.
    QString text() const
    {
        static constexpr std::array<QStringView, 4> kFrequencies {
            u"DAILY", u"WEEKLY", u"MONTHLY", u"YEARLY"};
        QStringList parts {u"FREQ="_s + kFrequencies.at(static_cast<size_t>(unit)).toString()};
        if (interval > 1)
            parts.append(u"INTERVAL=%1"_s.arg(interval));
        if (!days.isEmpty()) {
            QStringList codes;
            for (const int day : days)
                codes.append(kDayCodes.at(static_cast<size_t>(day - 1)).toString());
            parts.append(u"BYDAY="_s + codes.join(u','));
        }
        if (monthDay)
            parts.append(u"BYMONTHDAY=%1"_s.arg(*monthDay));
        return parts.join(u';');
    }
};

struct UnitWord
{
    Keyword keyword;
    Unit unit;
};

// "every 3 days": the units after "every".
constexpr UnitWord kUnits[] = {{Keyword::Day, Unit::Day}, {Keyword::Week, Unit::Week},
    {Keyword::Month, Unit::Month}, {Keyword::Year, Unit::Year}};
// "daily", "weekly", ...: a repeat in one word.
constexpr UnitWord kAdverbs[] = {{Keyword::Daily, Unit::Day}, {Keyword::Weekly, Unit::Week},
    {Keyword::Monthly, Unit::Month}, {Keyword::Yearly, Unit::Year}};

template<size_t N>
std::optional<Unit> unitOf(QStringView word, const UnitWord (&table)[N])
{
    for (const UnitWord &entry : table) {
        if (is(word, entry.keyword))
            return entry.unit;
    }
    return std::nullopt;
}

// "monday", "monday and thursday", "mon, wed and fri": the days in week
// order. A comma after a day only counts when another day follows it.
std::optional<Match<QList<int>>> matchWeekdays(const QList<Word> &words, qsizetype index)
{
    QList<int> days;
    qsizetype at = index;
    while (true) {
        const QStringView word = plainWord(words, at);
        const bool comma = word.endsWith(kListComma);
        const auto day = weekday(comma ? word.chopped(1) : word);
        if (!day)
            break;
        if (comma) {
            const QStringView next = plainWord(words, at + 1);
            if (!weekday(next.endsWith(kListComma) ? next.chopped(1) : next))
                break;
        }
        days.append(*day);
        ++at;
        if (comma)
            continue;
        if (!is(plainWord(words, at), Keyword::And) || !weekday(plainWord(words, at + 1)))
            break;
        ++at;
    }
    if (days.isEmpty())
        return std::nullopt;
    std::sort(days.begin(), days.end());
    days.erase(std::unique(days.begin(), days.end()), days.end());
    return Match<QList<int>> {days, at - index};
}

bool isLastDay(const QList<Word> &words, qsizetype index)
{
    return is(plainWord(words, index), Keyword::Last)
        && is(plainWord(words, index + 1), Keyword::Day);
}

// What may follow "every 2 weeks" or "every month": "on friday", "on the
// 1st", "on the last day". Returns how many words it took.
qsizetype matchOn(const QList<Word> &words, qsizetype index, Rule *rule)
{
    if (!is(plainWord(words, index), Keyword::On))
        return 0;
    if (rule->unit == Unit::Week) {
        const auto days = matchWeekdays(words, index + 1);
        if (!days)
            return 0;
        rule->days = days->value;
        return kOneWord + days->wordCount;
    }
    if (rule->unit != Unit::Month)
        return 0;
    qsizetype at = index + 1;
    if (is(plainWord(words, at), Keyword::The))
        ++at;
    if (isLastDay(words, at)) {
        rule->monthDay = kLastDayOfMonth;
        return at + kLastDayWords - index;
    }
    if (const auto day = QuickAddCalendar::dayOfMonth(plainWord(words, at))) {
        rule->monthDay = *day;
        return at + kOneWord - index;
    }
    return 0;
}

// What follows "every": the rule and how many words it took, or nullopt.
std::optional<Match<Rule>> matchEvery(const QList<Word> &words, qsizetype index)
{
    Rule rule;
    if (isLastDay(words, index)) {
        if (const qsizetype ofTheMonth
            = QuickAddKeywords::phraseAt(words, index + kLastDayWords, Keyword::OfTheMonth)) {
            rule.unit = Unit::Month;
            rule.monthDay = kLastDayOfMonth;
            return Match<Rule> {rule, kLastDayWords + ofTheMonth};
        }
    }
    if (is(plainWord(words, index), Keyword::Workday)) {
        rule.unit = Unit::Week;
        rule.days = {Qt::Monday, Qt::Tuesday, Qt::Wednesday, Qt::Thursday, Qt::Friday};
        return Match<Rule> {rule, kOneWord};
    }
    if (const auto days = matchWeekdays(words, index)) {
        rule.unit = Unit::Week;
        rule.days = days->value;
        return Match<Rule> {rule, days->wordCount};
    }
    qsizetype at = index;
    if (const auto count = asciiNumber(plainWord(words, at), kMaxIntervalDigits)) {
        if (*count < 1)
            return std::nullopt;
        rule.interval = *count;
        ++at;
    }
    const auto unit = unitOf(plainWord(words, at), kUnits);
    if (!unit)
        return std::nullopt;
    rule.unit = *unit;
    ++at;
    at += matchOn(words, at, &rule);
    return Match<Rule> {rule, at - index};
}

} // namespace

namespace QuickAddRepeat {

std::optional<Match<Repeat>> matchRepeat(const QList<Word> &words, qsizetype index)
{
    QStringView word = plainWord(words, index);
    if (const auto unit = unitOf(word, kAdverbs)) {
        Rule rule;
        rule.unit = *unit;
        return Match<Repeat> {Repeat {rule.text()}, kOneWord};
    }
    Repeat repeat;
    if (word.size() > 1 && word.endsWith(kFromCompletionMark)) {
        word.chop(1);
        repeat.fromCompletion = true;
    }
    if (!is(word, Keyword::Every))
        return std::nullopt;
    const auto rule = matchEvery(words, index + 1);
    if (!rule)
        return std::nullopt;
    repeat.rule = rule->value.text();
    return Match<Repeat> {repeat, kOneWord + rule->wordCount};
}

} // namespace QuickAddRepeat
