#include "quickaddunclear.h"

#include "quickaddcalendar.h"
#include "quickaddkeywords.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;
using namespace QuickAddWords;
using QuickAddKeywords::Keyword;
using QuickAddKeywords::is;

namespace {

constexpr qsizetype kTwoWords = 2; // Feb 30, at 25:00
constexpr qsizetype kRelativeWords = 3; // in 99999 days

bool matchesAny(QStringView word, std::initializer_list<const QRegularExpression *> shapes)
{
    for (const QRegularExpression *shape : shapes) {
        if (shape->match(word).hasMatch())
            return true;
    }
    return false;
}

bool looksLikeDate(QStringView word)
{
    // Year first or last, with dashes or slashes; day.month. with its dot;
    // never a lone number, a range (1-2) or a decimal (2.5).
    static const QRegularExpression dashes(u"^\\d{4}-\\d{1,2}-\\d{1,2}$|^\\d{1,2}-\\d{1,2}-\\d{2,4}$"_s);
    static const QRegularExpression slashes(u"^\\d{1,4}/\\d{1,2}/\\d{1,4}$"_s);
    static const QRegularExpression dots(u"^\\d{1,2}\\.\\d{1,2}\\.(\\d{2}|\\d{4})?$"_s);
    return matchesAny(word, {&dashes, &slashes, &dots});
}

bool looksLikeTime(QStringView word)
{
    static const QRegularExpression clock(u"^\\d{1,2}:\\d{1,3}$"_s);
    static const QRegularExpression halfDay(
        u"^\\d{1,3}(:\\d{1,3})?(am|pm)$"_s, QRegularExpression::CaseInsensitiveOption);
    return matchesAny(word, {&clock, &halfDay});
}

// "Feb 30", "31 April": a month name next to a day-like number.
bool looksLikeMonthAndDay(const QList<Word> &words, qsizetype index)
{
    const QStringView first = plainWord(words, index);
    const QStringView second = plainWord(words, index + 1);
    static const QRegularExpression dayLike(
        u"^\\d{1,2}(\\.|st|nd|rd|th)?$"_s, QRegularExpression::CaseInsensitiveOption);
    return (QuickAddCalendar::month(first) && dayLike.match(second).hasMatch())
        || (dayLike.match(first).hasMatch() && QuickAddCalendar::month(second));
}

// "in 99999 days": a count of a calendar unit, too far away.
bool looksLikeRelative(const QList<Word> &words, qsizetype index)
{
    static const QRegularExpression count(u"^-?\\d+$"_s);
    const QStringView unit = plainWord(words, index + 2);
    return is(plainWord(words, index), Keyword::In) && count.match(plainWord(words, index + 1)).hasMatch()
        && (is(unit, Keyword::Day) || is(unit, Keyword::Week) || is(unit, Keyword::Month)
            || is(unit, Keyword::Year));
}

} // namespace

namespace QuickAddUnclear {

qsizetype dateWords(const QList<Word> &words, qsizetype index)
{
    if (looksLikeRelative(words, index))
        return kRelativeWords;
    if (looksLikeMonthAndDay(words, index))
        return kTwoWords;
    return looksLikeDate(plainWord(words, index)) ? kOneWord : 0;
}

qsizetype timeWords(const QList<Word> &words, qsizetype index)
{
    if (is(plainWord(words, index), Keyword::At) && looksLikeTime(plainWord(words, index + 1)))
        return kTwoWords;
    return looksLikeTime(plainWord(words, index)) ? kOneWord : 0;
}

} // namespace QuickAddUnclear
