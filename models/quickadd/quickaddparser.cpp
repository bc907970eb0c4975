#include "quickaddparser.h"

#include "domain/reminder.h"
#include "domain/shorttime.h"
#include "domain/tagkey.h"
#include "repeat/repeatwords.h"

#include "quickadddates.h"
#include "quickaddkeywords.h"
#include "quickaddreminders.h"
#include "quickaddrepeat.h"
#include "quickaddunclear.h"
#include "quickaddwords.h"

#include <QCoreApplication>
#include <QList>
#include <QLocale>
#include <QSet>
#include <QStringView>

using namespace Qt::StringLiterals;
using namespace QuickAddDates;
using namespace QuickAddWords;

namespace {

constexpr QChar kTagMark = u'#';
constexpr QChar kListMark = u'@';
constexpr QChar kPriorityMark = u'!';
// A mark such as '!' or '#' and at least one character after it.
constexpr qsizetype kMinMarkedWordLength = 2;

std::optional<Priority> priorityToken(QStringView word)
{
    if (word.size() < kMinMarkedWordLength || word.front() != kPriorityMark)
        return std::nullopt;
    const QStringView level = word.sliced(1);
    // The digits are the stored values (priority.h): a bigger one matters more.
    using QuickAddKeywords::Keyword;
    using QuickAddKeywords::is;
    if (is(level, Keyword::High) || isAnyOf(level, {u"3", u"!!"}))
        return Priority::High;
    if (is(level, Keyword::Medium) || isAnyOf(level, {u"2", u"!"}))
        return Priority::Medium;
    if (is(level, Keyword::Low) || isAnyOf(level, {u"1"}))
        return Priority::Low;
    return std::nullopt;
}

bool isNameCharacter(char32_t character)
{
    // Marks too, or words in scripts such as Devanagari would be cut short.
    return QChar::isLetterOrNumber(character) || QChar::isMark(character) || character == u'_'
        || character == u'-';
}

// The name in "#name" or "@name", when the word is one.
std::optional<QString> markedName(QStringView word, QChar mark)
{
    if (word.size() < kMinMarkedWordLength || word.front() != mark)
        return std::nullopt;
    const QStringView name = word.sliced(1);
    bool hasLetterOrNumber = false;
    // Code points, not UTF-16 units, so letters outside the BMP count too.
    const QList<uint> codePoints = name.toUcs4();
    for (const uint codePoint : codePoints) {
        const auto character = static_cast<char32_t>(codePoint);
        if (!isNameCharacter(character))
            return std::nullopt;
        hasLetterOrNumber = hasLetterOrNumber || QChar::isLetterOrNumber(character);
    }
    if (!hasLetterOrNumber)
        return std::nullopt;
    return name.toString();
}

// The longest name of an existing list that follows the '@' at words[index].
std::optional<Match<QString>> knownList(
    const QList<Word> &words, qsizetype index, const QStringList &listNames)
{
    const QStringView first = plainWord(words, index);
    if (first.size() < kMinMarkedWordLength || first.front() != kListMark)
        return std::nullopt;
    std::optional<Match<QString>> best;
    for (const QString &name : listNames) {
        const QStringList nameWords = name.simplified().split(u' ', Qt::SkipEmptyParts);
        const qsizetype count = nameWords.size();
        if (count == 0 || (best && best->wordCount >= count))
            continue;
        QStringList typed{first.sliced(1).toString()};
        for (qsizetype next = 1; next < count && !plainWord(words, index + next).isEmpty(); ++next)
            typed.append(plainWord(words, index + next).toString());
        if (typed.size() == count
            && typed.join(u' ').toCaseFolded() == nameWords.join(u' ').toCaseFolded())
            best = Match<QString> {name, count};
    }
    return best;
}

// Keeps count words in the title as they were typed, and notes them in
// *unclear when given.
qsizetype keepWords(const QList<Word> &words, qsizetype index, qsizetype count,
    QStringList *titleWords, QStringList *unclear = nullptr)
{
    QStringList typed;
    for (qsizetype word = index; word < index + count; ++word)
        typed.append(words.at(word).text);
    titleWords->append(typed);
    if (unclear)
        unclear->append(typed.join(u' '));
    return count;
}

QString quoted(const QStringList &typed)
{
    QStringList parts;
    for (const QString &words : typed)
        parts.append(QCoreApplication::translate("QuickAddParser", "“%1”", "words quoted as typed").arg(words));
    return parts.join(QCoreApplication::translate("QuickAddParser", ", ", "between quoted words"));
}

// Translatable, so that each language can put the day, month and year in its
// own order; the names come from the locale.
QString dueDateFormat()
{
    return QCoreApplication::translate(
        "QuickAddParser", "ddd d MMM yyyy", "Format of a due date, as in QDate::toString()");
}

QString dueText(QDate date, const std::optional<QTime> &time, QDate today)
{
    const QLocale locale;
    if (time) {
        const QString timeText = ShortTime::text(*time);
        if (date == today)
            return QCoreApplication::translate("QuickAddParser", "Due today at %1").arg(timeText);
        if (date == today.addDays(1))
            return QCoreApplication::translate("QuickAddParser", "Due tomorrow at %1")
                .arg(timeText);
        const QString dateText = locale.toString(date, dueDateFormat());
        return QCoreApplication::translate("QuickAddParser", "Due %1 at %2")
            .arg(dateText, timeText);
    }
    if (date == today)
        return QCoreApplication::translate("QuickAddParser", "Due today");
    if (date == today.addDays(1))
        return QCoreApplication::translate("QuickAddParser", "Due tomorrow");
    const QString dateText = locale.toString(date, dueDateFormat());
    return QCoreApplication::translate("QuickAddParser", "Due %1").arg(dateText);
}

QString reminderText(const QuickAddReminder &reminder)
{
    if (!reminder.beforeMinutes)
        return QCoreApplication::translate("QuickAddParser", "Remind at %1").arg(ShortTime::text(*reminder.time));
    const int minutes = *reminder.beforeMinutes;
    if (minutes % Reminder::kMinutesPerDay == 0) {
        const int days = minutes / Reminder::kMinutesPerDay;
        if (reminder.time)
            return QCoreApplication::translate("QuickAddParser", "Remind %n day(s) before at %1", nullptr, days)
                .arg(ShortTime::text(*reminder.time));
        return QCoreApplication::translate("QuickAddParser", "Remind %n day(s) before", nullptr, days);
    }
    constexpr int kMinutesPerHour = 60;
    if (minutes % kMinutesPerHour == 0) {
        const int hours = minutes / kMinutesPerHour;
        return QCoreApplication::translate("QuickAddParser", "Remind %n hour(s) before", nullptr, hours);
    }
    return QCoreApplication::translate("QuickAddParser", "Remind %n min before", nullptr, minutes);
}

QString priorityText(Priority priority)
{
    switch (priority) {
    case Priority::Low:
        return QCoreApplication::translate("QuickAddParser", "Low priority");
    case Priority::Medium:
        return QCoreApplication::translate("QuickAddParser", "Medium priority");
    case Priority::High:
        return QCoreApplication::translate("QuickAddParser", "High priority");
    case Priority::None:
        break;
    }
    return {};
}

} // namespace

bool QuickAddResult::isEmpty() const
{
    return title.isEmpty();
}

QuickAddResult QuickAddParser::parse(const QString &text, QDate today, const QStringList &listNames)
{
    QuickAddResult result;
    QStringList titleWords;
    QSet<QString> seenTags; // case-folded
    std::optional<QTime> impliedDueTime; // "tonight" without a time

    const QList<Word> words = splitWords(text);
    qsizetype index = 0;
    while (index < words.size()) {
        const Word &word = words.at(index);
        if (word.quoted) {
            titleWords.append(word.text);
            ++index;
            continue;
        }
        // Before dates and times: "remind at 9:00" is no due time.
        if (const auto reminder = QuickAddReminders::matchReminder(words, index)) {
            result.reminders.append({reminder->value.beforeMinutes, reminder->value.time, {}});
            index += reminder->wordCount;
            continue;
        }
        // Only the first repeat, date and time count; a later one is
        // probably part of the title ("tomorrow plan monday meeting"). A
        // repeat comes first, so that "every monday" is not a date.
        if (const auto repeat = QuickAddRepeat::matchRepeat(words, index)) {
            if (!result.repeatRule.isEmpty()) {
                index += keepWords(words, index, repeat->wordCount, &titleWords);
                continue;
            }
            result.repeatRule = repeat->value.rule;
            result.repeatFromCompletion = repeat->value.fromCompletion;
            index += repeat->wordCount;
            continue;
        }
        const auto date = matchDate(words, index, today);
        if (date && !result.dueDate) {
            result.dueDate = date->value;
            impliedDueTime = impliedTime(words, index);
            index += date->wordCount;
            continue;
        }
        // A time alone means today, so it needs a valid today or an own date.
        const bool timeAllowed = result.dueDate || today.isValid();
        const auto time = timeAllowed ? matchTime(words, index) : std::nullopt;
        if (time && !result.dueTime) {
            result.dueTime = time->value;
            index += time->wordCount;
            continue;
        }
        if (!date) {
            if (const qsizetype count = QuickAddUnclear::dateWords(words, index)) {
                index += keepWords(words, index, count, &titleWords, &result.unclearDates);
                continue;
            }
        }
        if (!time) {
            if (const qsizetype count = QuickAddUnclear::timeWords(words, index)) {
                index += keepWords(words, index, count, &titleWords, &result.unclearTimes);
                continue;
            }
        }
        if (const auto list = knownList(words, index, listNames)) {
            result.listName = list->value;
            result.listIsNew = false;
            index += list->wordCount;
            continue;
        }
        if (const auto priority = priorityToken(word.text)) {
            result.priority = *priority;
        } else if (const auto tag = markedName(word.text, kTagMark)) {
            const QString key = TagKey::of(*tag);
            if (!seenTags.contains(key)) {
                seenTags.insert(key);
                result.tags.append(*tag);
            }
        } else if (const auto list = markedName(word.text, kListMark)) {
            result.listName = *list;
            result.listIsNew = true;
        } else {
            titleWords.append(word.text);
        }
        ++index;
    }

    if (result.dueTime && !result.dueDate)
        result.dueDate = today;
    if (!result.dueTime && impliedDueTime)
        result.dueTime = impliedDueTime;
    for (QuickAddReminder &reminder : result.reminders) {
        if (!reminder.beforeMinutes)
            reminder.date = result.dueDate.value_or(today);
    }
    // Quoted text may hold its own runs of whitespace; the title is one line.
    result.title = titleWords.join(u' ').simplified();
    return result;
}

QString QuickAddParser::describe(const QuickAddResult &result, QDate today)
{
    QStringList parts;
    if (result.dueDate && result.dueDate->isValid())
        parts.append(dueText(*result.dueDate, result.dueTime, today));
    if (!result.repeatRule.isEmpty())
        parts.append(RepeatWords::describe(result.repeatRule, result.repeatFromCompletion));
    for (const QuickAddReminder &reminder : result.reminders)
        parts.append(reminderText(reminder));
    if (result.priority != Priority::None)
        parts.append(priorityText(result.priority));
    if (!result.listName.isEmpty()) {
        parts.append(result.listIsNew
                ? QCoreApplication::translate("QuickAddParser", "New list: %1").arg(result.listName)
                : QCoreApplication::translate("QuickAddParser", "List: %1").arg(result.listName));
    }
    if (!result.tags.isEmpty()) {
        QStringList marked;
        marked.reserve(result.tags.size());
        for (const QString &tag : result.tags)
            marked.append(kTagMark + tag);
        parts.append(marked.join(u' '));
    }
    if (!result.unclearDates.isEmpty())
        parts.append(QCoreApplication::translate("QuickAddParser", "Not understood as a date: %1")
                         .arg(quoted(result.unclearDates)));
    if (!result.unclearTimes.isEmpty())
        parts.append(QCoreApplication::translate("QuickAddParser", "Not understood as a time: %1")
                         .arg(quoted(result.unclearTimes)));
    return parts.join(u" \u00B7 "_s);
}

std::optional<QuickAddResult> QuickAddParser::parseDue(const QString &text, QDate today)
{
    QuickAddResult result = parse(text, today);
    const bool onlyTheDue = result.isEmpty() && result.repeatRule.isEmpty() && result.priority == Priority::None
        && result.tags.isEmpty() && result.listName.isEmpty() && result.unclearDates.isEmpty()
        && result.unclearTimes.isEmpty() && result.reminders.isEmpty();
    if (!result.dueDate || !onlyTheDue)
        return std::nullopt;
    return result;
}
