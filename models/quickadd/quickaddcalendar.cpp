#include "quickaddcalendar.h"

#include <QLocale>

using namespace Qt::StringLiterals;
using namespace QuickAddWords;

namespace {

constexpr int kMonths = 12;
constexpr int kDaysPerWeek = 7;
constexpr int kMaxDayOfMonth = 31;
constexpr qsizetype kMaxDayDigits = 2;
constexpr qsizetype kYearDigits = 4;
constexpr qsizetype kShortYearDigits = 2;
constexpr int kShortYearCentury = 2000;
// Far enough for the next 29 February.
constexpr int kYearsAhead = 8;
constexpr QChar kDot = u'.';

constexpr qsizetype kMonthDayWords = 2; // Dec 15
constexpr qsizetype kMonthDayYearWords = 3; // Dec 15 2027

struct Name
{
    QString folded; // case-folded, without an abbreviation's dot
    int number = 0;
};

QString fold(QStringView word)
{
    QStringView text = word;
    if (text.endsWith(kDot))
        text.chop(1);
    return text.toString().toCaseFolded();
}

// Month and weekday names of English and of the default locale, made once
// per thread and again when the default locale changes.
struct Names
{
    QString localeName;
    QList<Name> months;
    QList<Name> weekdays;

    static const Names &current()
    {
        thread_local Names names;
        const QLocale locale;
        if (names.localeName != locale.name() || names.months.isEmpty())
            names = Names(locale);
        return names;
    }

private:
    Names() = default;
    explicit Names(const QLocale &locale)
        : localeName(locale.name())
    {
        const QLocale english = QLocale::c();
        const QList<QLocale::FormatType> formats{QLocale::LongFormat, QLocale::ShortFormat};
        for (const QLocale &names : {english, locale}) {
            for (const QLocale::FormatType format : formats) {
                for (int month = 1; month <= kMonths; ++month) {
                    add(&months, names.monthName(month, format), month);
                    add(&months, names.standaloneMonthName(month, format), month);
                }
                for (int day = Qt::Monday; day <= Qt::Sunday; ++day) {
                    add(&weekdays, names.dayName(day, format), day);
                    add(&weekdays, names.standaloneDayName(day, format), day);
                }
            }
        }
        add(&months, u"sept"_s, 9); // as common as "sep"
    }

    static void add(QList<Name> *names, const QString &name, int number)
    {
        const QString folded = fold(name);
        if (folded.isEmpty())
            return;
        for (const Name &known : std::as_const(*names)) {
            if (known.folded == folded)
                return;
        }
        names->append({folded, number});
    }
};

std::optional<int> lookUp(const QList<Name> &names, QStringView word)
{
    // Only letters can be a name; this skips the numbers and marks quickly.
    if (word.isEmpty() || !word.front().isLetter())
        return std::nullopt;
    const QString folded = fold(word);
    for (const Name &name : names) {
        if (name.folded == folded)
            return name.number;
    }
    return std::nullopt;
}

std::optional<int> year(QStringView word)
{
    if (word.size() != kYearDigits)
        return std::nullopt;
    return asciiNumber(word, kYearDigits);
}

} // namespace

namespace QuickAddCalendar {

std::optional<int> month(QStringView word)
{
    return lookUp(Names::current().months, word);
}

std::optional<int> weekday(QStringView word)
{
    const auto day = lookUp(Names::current().weekdays, word);
    if (day && *day >= Qt::Monday && *day <= kDaysPerWeek)
        return day;
    return std::nullopt;
}

std::optional<int> dayOfMonth(QStringView word)
{
    QStringView digits = word;
    if (digits.endsWith(kDot)) {
        digits.chop(1);
    } else {
        for (const QStringView suffix : {u"st", u"nd", u"rd", u"th"}) {
            if (digits.endsWith(suffix, Qt::CaseInsensitive)) {
                digits.chop(suffix.size());
                break;
            }
        }
    }
    const auto day = asciiNumber(digits, kMaxDayDigits);
    if (!day || *day < 1 || *day > kMaxDayOfMonth)
        return std::nullopt;
    return day;
}

QDate nextDate(int month, int day, QDate today)
{
    if (!today.isValid())
        return {};
    for (int year = today.year(); year <= today.year() + kYearsAhead; ++year) {
        const QDate date(year, month, day);
        if (date.isValid() && date >= today)
            return date;
    }
    return {};
}

std::optional<Match<QDate>> matchMonthAndDay(const QList<Word> &words, qsizetype index, QDate today)
{
    std::optional<int> monthNumber = month(plainWord(words, index));
    std::optional<int> day;
    if (monthNumber) {
        day = dayOfMonth(plainWord(words, index + 1));
    } else {
        day = dayOfMonth(plainWord(words, index));
        if (day)
            monthNumber = month(plainWord(words, index + 1));
    }
    if (!monthNumber || !day)
        return std::nullopt;
    if (const auto given = year(plainWord(words, index + kMonthDayWords))) {
        const QDate date(*given, *monthNumber, *day);
        if (!date.isValid())
            return std::nullopt;
        return Match<QDate>{date, kMonthDayYearWords};
    }
    const QDate date = nextDate(*monthNumber, *day, today);
    if (!date.isValid())
        return std::nullopt;
    return Match<QDate>{date, kMonthDayWords};
}

std::optional<QDate> dottedDate(QStringView word, QDate today)
{
    const QList<QStringView> parts = word.split(kDot);
    if (parts.size() != 3)
        return std::nullopt;
    const auto day = asciiNumber(parts.at(0), kMaxDayDigits);
    const auto monthNumber = asciiNumber(parts.at(1), kMaxDayDigits);
    if (!day || !monthNumber)
        return std::nullopt;
    const QStringView yearText = parts.at(2);
    if (yearText.isEmpty()) {
        const QDate date = nextDate(*monthNumber, *day, today);
        return date.isValid() ? std::optional(date) : std::nullopt;
    }
    if (yearText.size() != kYearDigits && yearText.size() != kShortYearDigits)
        return std::nullopt;
    const auto given = asciiNumber(yearText, kYearDigits);
    if (!given)
        return std::nullopt;
    const QDate date(yearText.size() == kShortYearDigits ? kShortYearCentury + *given : *given, *monthNumber, *day);
    return date.isValid() ? std::optional(date) : std::nullopt;
}

} // namespace QuickAddCalendar
