#include "quickaddreminders.h"

#include "domain/reminder.h"
#include "quickadddates.h"
#include "quickaddkeywords.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;
using namespace QuickAddWords;
using QuickAddKeywords::Keyword;
using QuickAddKeywords::is;

namespace {

constexpr int kMaxAmountDigits = 4;

std::optional<int> minutesPer(QStringView unit)
{
    // The compact letters of "15m", "2h", "1d", "1w", in every language.
    if (unit.compare(u"d", Qt::CaseInsensitive) == 0)
        return Reminder::kMinutesPerDay;
    if (unit.compare(u"w", Qt::CaseInsensitive) == 0)
        return 7 * Reminder::kMinutesPerDay;
    if (is(unit, Keyword::Minute))
        return 1;
    if (is(unit, Keyword::Hour))
        return 60;
    if (is(unit, Keyword::Day))
        return Reminder::kMinutesPerDay;
    if (is(unit, Keyword::Week))
        return 7 * Reminder::kMinutesPerDay;
    return std::nullopt;
}

// "15m", "2h", "1d" (one word), "15 minutes", "2 Stunden", "an hour" (two).
std::optional<Match<int>> duration(const QList<Word> &words, qsizetype index)
{
    const QStringView first = plainWord(words, index);
    static const QRegularExpression compact(u"^(\\d{1,4})([a-z]+)$"_s, QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = compact.match(first);
    if (match.hasMatch()) {
        if (const auto per = minutesPer(match.capturedView(2)))
            return Match<int>{match.capturedView(1).toInt() * *per, kOneWord};
        return std::nullopt;
    }
    const std::optional<int> amount
        = is(first, Keyword::One) ? std::optional(1) : asciiNumber(first, kMaxAmountDigits);
    const auto per = amount ? minutesPer(plainWord(words, index + 1)) : std::nullopt;
    if (!per)
        return std::nullopt;
    return Match<int>{*amount * *per, 2};
}

} // namespace

namespace QuickAddReminders {

std::optional<Match<Phrase>> matchReminder(const QList<Word> &words, qsizetype index)
{
    if (!is(plainWord(words, index), Keyword::Remind))
        return std::nullopt;
    const qsizetype next = index + 1;
    if (is(plainWord(words, next), Keyword::At)) {
        const auto time = QuickAddDates::matchTime(words, next);
        if (!time)
            return std::nullopt;
        return Match<Phrase>{Phrase{std::nullopt, time->value}, 1 + time->wordCount};
    }
    const auto amount = duration(words, next);
    if (!amount || !is(plainWord(words, next + amount->wordCount), Keyword::Before))
        return std::nullopt;
    Match<Phrase> result{Phrase{amount->value, std::nullopt}, 1 + amount->wordCount + 1};
    // "1 day before at 9:00": whole days only.
    if (amount->value % Reminder::kMinutesPerDay == 0 && is(plainWord(words, index + result.wordCount), Keyword::At)) {
        if (const auto time = QuickAddDates::matchTime(words, index + result.wordCount)) {
            result.value.time = time->value;
            result.wordCount += time->wordCount;
        }
    }
    return result;
}

} // namespace QuickAddReminders
