#include "quickaddparser.h"

#include "domain/tagkey.h"

#include <QCoreApplication>
#include <QList>
#include <QLocale>
#include <QSet>
#include <QStringView>

#include <initializer_list>

using namespace Qt::StringLiterals;

namespace {

constexpr QChar kQuote = u'"';
constexpr QChar kTagMark = u'#';
constexpr QChar kListMark = u'@';
constexpr QChar kPriorityMark = u'!';
constexpr QChar kTimeSeparator = u':';
constexpr QChar kDateSeparator = u'-';
// A mark such as '!' or '#' and at least one character after it.
constexpr qsizetype kMinMarkedWordLength = 2;

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

constexpr int kDecimalBase = 10;

constexpr QStringView kAm = u"am";
constexpr QStringView kPm = u"pm";

// How many words each kind of token takes up.
constexpr qsizetype kOneWord = 1;
constexpr qsizetype kNextWeekdayWords = 2; // next friday
constexpr qsizetype kRelativeCountWords = 3; // in 3 days
constexpr qsizetype kAtTimeWords = 2; // at 15:30

// One whitespace-separated word of the line. A word that had a quoted part
// is taken literally and never read as a token.
struct Word
{
    QString text;
    bool quoted = false;
};

// A token that may span several words ("in 3 days", "at 15:30").
template<typename T>
struct Match
{
    T value;
    qsizetype wordCount = 0;
};

QList<Word> splitWords(const QString &text)
{
    // Quotes pair up from the left; with an odd count the last one has no
    // partner and is kept as an ordinary character (5" screen).
    const qsizetype pairedQuotes = text.count(kQuote) / 2 * 2;
    qsizetype quotesSeen = 0;
    bool inQuotes = false;

    QList<Word> words;
    Word current;
    const auto flush = [&words, &current] {
        if (!current.text.isEmpty())
            words.append(current);
        current = Word();
    };

    for (const QChar character : text) {
        if (character == kQuote && quotesSeen < pairedQuotes) {
            ++quotesSeen;
            inQuotes = !inQuotes;
            current.quoted = true;
            continue;
        }
        if (!inQuotes && character.isSpace()) {
            flush();
            continue;
        }
        current.text.append(character);
    }
    flush();
    return words;
}

// The word at index when there is one and it can be a token, otherwise an
// empty view (split words are never empty).
QStringView plainWord(const QList<Word> &words, qsizetype index)
{
    if (index < 0 || index >= words.size() || words.at(index).quoted)
        return {};
    return words.at(index).text;
}

bool isAnyOf(QStringView word, std::initializer_list<QStringView> keywords)
{
    for (const QStringView keyword : keywords) {
        if (word.compare(keyword, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

// Only ASCII digits: toInt() would also take a sign and surrounding spaces.
std::optional<int> asciiNumber(QStringView text, qsizetype maxDigits)
{
    if (text.isEmpty() || text.size() > maxDigits)
        return std::nullopt;
    int value = 0;
    for (const QChar character : text) {
        if (character < u'0' || character > u'9')
            return std::nullopt;
        value = value * kDecimalBase + (character.unicode() - u'0');
    }
    return value;
}

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

std::optional<Priority> priorityToken(QStringView word)
{
    if (word.size() < kMinMarkedWordLength || word.front() != kPriorityMark)
        return std::nullopt;
    const QStringView level = word.sliced(1);
    // The digits are the stored values (priority.h): a bigger one matters more.
    if (isAnyOf(level, {u"high", u"3", u"!!"}))
        return Priority::High;
    if (isAnyOf(level, {u"medium", u"med", u"2", u"!"}))
        return Priority::Medium;
    if (isAnyOf(level, {u"low", u"1"}))
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
        const QString timeText = locale.toString(*time, QLocale::ShortFormat);
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

QuickAddResult QuickAddParser::parse(const QString &text, QDate today)
{
    QuickAddResult result;
    QStringList titleWords;
    QSet<QString> seenTags; // case-folded

    const QList<Word> words = splitWords(text);
    qsizetype index = 0;
    while (index < words.size()) {
        const Word &word = words.at(index);
        if (word.quoted) {
            titleWords.append(word.text);
            ++index;
            continue;
        }
        // Only the first date and time count; a later one is probably part of
        // the title ("tomorrow plan monday meeting").
        if (!result.dueDate) {
            if (const auto date = matchDate(words, index, today)) {
                result.dueDate = date->value;
                index += date->wordCount;
                continue;
            }
        }
        // A time alone means today, so it needs a valid today or an own date.
        if (!result.dueTime && (result.dueDate || today.isValid())) {
            if (const auto time = matchTime(words, index)) {
                result.dueTime = time->value;
                index += time->wordCount;
                continue;
            }
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
        } else {
            titleWords.append(word.text);
        }
        ++index;
    }

    if (result.dueTime && !result.dueDate)
        result.dueDate = today;
    // Quoted text may hold its own runs of whitespace; the title is one line.
    result.title = titleWords.join(u' ').simplified();
    return result;
}

QString QuickAddParser::describe(const QuickAddResult &result, QDate today)
{
    QStringList parts;
    if (result.dueDate && result.dueDate->isValid())
        parts.append(dueText(*result.dueDate, result.dueTime, today));
    if (result.priority != Priority::None)
        parts.append(priorityText(result.priority));
    if (!result.listName.isEmpty())
        parts.append(
            QCoreApplication::translate("QuickAddParser", "List: %1").arg(result.listName));
    if (!result.tags.isEmpty()) {
        QStringList marked;
        marked.reserve(result.tags.size());
        for (const QString &tag : result.tags)
            marked.append(kTagMark + tag);
        parts.append(marked.join(u' '));
    }
    return parts.join(u" \u00B7 "_s);
}
