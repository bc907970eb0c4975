#include "repeatwords.h"

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QList>
#include <QLocale>
#include <QStringList>

#include <libical/ical.h>

#include <algorithm>
#include <iterator>
#include <utility>

namespace {

constexpr int kLastDay = -1;
constexpr int kSecondToLast = -2;
constexpr int kTeens = 11; // 11th, 12th, 13th, unlike 1st, 2nd, 3rd
constexpr int kAfterTeens = 14;
constexpr int kHundred = 100;
constexpr int kTen = 10;

enum class Unit { Day, Week, Month, Year };

// What the preview needs of a rule, from libical's reading of it.
struct Rule
{
    Unit unit = Unit::Day;
    int interval = 1;
    QList<std::pair<int, int>> days; // (position, Qt::DayOfWeek); position 0: every such day
    QList<int> monthDays; // negative from the end: -1 is the last day
    QList<int> months;
    int count = 0; // 0: no COUNT
    QDate until;
};

// libical counts the week from Sunday (1); Qt from Monday.
int qtDayOfWeek(icalrecurrencetype_weekday day)
{
    return day == ICAL_SUNDAY_WEEKDAY ? Qt::Sunday : static_cast<int>(day) - 1;
}

// libical's lists end at ICAL_RECURRENCE_ARRAY_MAX, unless full.
template<size_t N>
QList<short> listOf(const short (&values)[N])
{
    QList<short> list;
    for (const short value : values) {
        if (value == ICAL_RECURRENCE_ARRAY_MAX)
            break;
        list.append(value);
    }
    return list;
}

QDate untilDate(const icaltimetype &until)
{
    if (icaltime_is_null_time(until))
        return {};
    const QDate date(until.year, until.month, until.day);
    if (icaltime_is_date(until) || !icaltime_is_utc(until))
        return date;
    // The last day as the person sees it where they are.
    const QDateTime utc(date, QTime(until.hour, until.minute, until.second), Qt::UTC);
    return utc.toLocalTime().date();
}

std::optional<Rule> read(const QString &text)
{
    if (text.trimmed().isEmpty())
        return std::nullopt;
    const QByteArray utf8 = text.toUtf8();
    icalrecurrencetype recurrence = icalrecurrencetype_from_string(utf8.constData());
    Rule rule;
    switch (recurrence.freq) {
    case ICAL_DAILY_RECURRENCE:
        rule.unit = Unit::Day;
        break;
    case ICAL_WEEKLY_RECURRENCE:
        rule.unit = Unit::Week;
        break;
    case ICAL_MONTHLY_RECURRENCE:
        rule.unit = Unit::Month;
        break;
    case ICAL_YEARLY_RECURRENCE:
        rule.unit = Unit::Year;
        break;
    default:
        return std::nullopt;
    }
    rule.interval = std::max<int>(1, recurrence.interval);
    for (const short day : listOf(recurrence.by_day)) {
        rule.days.append({icalrecurrencetype_day_position(day),
            qtDayOfWeek(icalrecurrencetype_day_day_of_week(day))});
    }
    std::sort(rule.days.begin(), rule.days.end(), [](const auto &a, const auto &b) {
        return std::pair(a.second, a.first) < std::pair(b.second, b.first);
    });
    for (const short day : listOf(recurrence.by_month_day))
        rule.monthDays.append(day);
    for (const short month : listOf(recurrence.by_month))
        rule.months.append(icalrecurrencetype_month_month(month));
    rule.count = recurrence.count;
    rule.until = untilDate(recurrence.until);
    return rule;
}

QString joined(const QStringList &items)
{
    if (items.size() < 2)
        return items.value(0);
    const QString head
        = QStringList(items.begin(), std::prev(items.end()))
              .join(QCoreApplication::translate("RepeatWords", ", ", "between days or months"));
    return QCoreApplication::translate("RepeatWords", "%1 and %2", "the last two days or months")
        .arg(head, items.last());
}

bool isWorkdays(const Rule &rule)
{
    const QList<std::pair<int, int>> workdays {
        {0, Qt::Monday}, {0, Qt::Tuesday}, {0, Qt::Wednesday}, {0, Qt::Thursday}, {0, Qt::Friday}};
    return rule.unit == Unit::Week && rule.interval == 1 && rule.days == workdays;
}

// The words of each unit: "every week" / "every 2 weeks" for a repeat by
// the calendar, "a week" / "2 weeks" for one after completion.
struct UnitWords
{
    const char *every;
    const char *everyMany;
    const char *after;
    const char *afterMany;
};

// In Unit's order.
constexpr UnitWords kUnitWords[] = {
    {QT_TRANSLATE_NOOP("RepeatWords", "every day"),
        QT_TRANSLATE_NOOP("RepeatWords", "every %1 days"),
        QT_TRANSLATE_NOOP("RepeatWords", "a day"), QT_TRANSLATE_NOOP("RepeatWords", "%1 days")},
    {QT_TRANSLATE_NOOP("RepeatWords", "every week"),
        QT_TRANSLATE_NOOP("RepeatWords", "every %1 weeks"),
        QT_TRANSLATE_NOOP("RepeatWords", "a week"), QT_TRANSLATE_NOOP("RepeatWords", "%1 weeks")},
    {QT_TRANSLATE_NOOP("RepeatWords", "every month"),
        QT_TRANSLATE_NOOP("RepeatWords", "every %1 months"),
        QT_TRANSLATE_NOOP("RepeatWords", "a month"), QT_TRANSLATE_NOOP("RepeatWords", "%1 months")},
    {QT_TRANSLATE_NOOP("RepeatWords", "every year"),
        QT_TRANSLATE_NOOP("RepeatWords", "every %1 years"),
        QT_TRANSLATE_NOOP("RepeatWords", "a year"), QT_TRANSLATE_NOOP("RepeatWords", "%1 years")},
};

QString unitText(const Rule &rule, bool fromCompletion)
{
    const UnitWords &words = kUnitWords[static_cast<int>(rule.unit)];
    const char *one = fromCompletion ? words.after : words.every;
    const char *many = fromCompletion ? words.afterMany : words.everyMany;
    if (rule.interval == 1)
        return QCoreApplication::translate("RepeatWords", one);
    return QCoreApplication::translate("RepeatWords", many).arg(rule.interval);
}

// "Friday", "the third Friday", "the last Monday".
QString dayText(int position, int dayOfWeek)
{
    const QString name = QLocale().dayName(dayOfWeek, QLocale::LongFormat);
    switch (position) {
    case 0:
        return name;
    case 1:
        return QCoreApplication::translate("RepeatWords", "the first %1", "weekday").arg(name);
    case 2:
        return QCoreApplication::translate("RepeatWords", "the second %1", "weekday").arg(name);
    case 3:
        return QCoreApplication::translate("RepeatWords", "the third %1", "weekday").arg(name);
    case 4:
        return QCoreApplication::translate("RepeatWords", "the fourth %1", "weekday").arg(name);
    case 5:
        return QCoreApplication::translate("RepeatWords", "the fifth %1", "weekday").arg(name);
    case kLastDay:
        return QCoreApplication::translate("RepeatWords", "the last %1", "weekday").arg(name);
    case kSecondToLast:
        return QCoreApplication::translate("RepeatWords", "the second-to-last %1", "weekday")
            .arg(name);
    default:
        return QCoreApplication::translate(
            "RepeatWords", "weekday %1 number %2", "RRULE BYDAY beyond the fifth")
            .arg(name)
            .arg(position);
    }
}

// "the 1st", "the 22nd", "the last day". English picks the ending by the
// number; other languages may write all of them alike ("1.").
QString monthDayText(int day)
{
    if (day == kLastDay)
        return QCoreApplication::translate("RepeatWords", "the last day", "of the month");
    if (day == kSecondToLast)
        return QCoreApplication::translate("RepeatWords", "the second-to-last day", "of the month");
    if (day < 0)
        return QCoreApplication::translate("RepeatWords", "day %1 from the end", "of the month")
            .arg(-day);
    const int lastTwo = day % kHundred;
    if (lastTwo < kTeens || lastTwo >= kAfterTeens) {
        switch (day % kTen) {
        case 1:
            return QCoreApplication::translate("RepeatWords", "the %1st", "day of the month")
                .arg(day);
        case 2:
            return QCoreApplication::translate("RepeatWords", "the %1nd", "day of the month")
                .arg(day);
        case 3:
            return QCoreApplication::translate("RepeatWords", "the %1rd", "day of the month")
                .arg(day);
        default:
            break;
        }
    }
    return QCoreApplication::translate("RepeatWords", "the %1th", "day of the month").arg(day);
}

// " in March on the third Friday": what narrows the frequency down.
QStringList qualifiers(const Rule &rule)
{
    QStringList parts;
    if (!rule.months.isEmpty()) {
        QStringList names;
        for (const int month : rule.months)
            names.append(QLocale().standaloneMonthName(month, QLocale::LongFormat));
        parts.append(
            QCoreApplication::translate("RepeatWords", "in %1", "months").arg(joined(names)));
    }
    if (!rule.days.isEmpty() && !isWorkdays(rule)) {
        QStringList days;
        for (const auto &[position, dayOfWeek] : rule.days)
            days.append(dayText(position, dayOfWeek));
        parts.append(QCoreApplication::translate("RepeatWords", "on %1", "days").arg(joined(days)));
    }
    if (!rule.monthDays.isEmpty()) {
        QStringList days;
        for (const int day : rule.monthDays)
            days.append(monthDayText(day));
        parts.append(QCoreApplication::translate("RepeatWords", "on %1", "days").arg(joined(days)));
    }
    return parts;
}

} // namespace

namespace RepeatWords {

QString describe(const QString &rrule, bool fromCompletion)
{
    const std::optional<Rule> rule = read(rrule);
    if (!rule)
        return {};
    QString text;
    if (fromCompletion)
        text = QCoreApplication::translate("RepeatWords", "Repeats %1 after completion")
                   .arg(unitText(*rule, true));
    else if (isWorkdays(*rule))
        text = QCoreApplication::translate(
            "RepeatWords", "Repeats every weekday", "Monday to Friday");
    else
        text = QCoreApplication::translate("RepeatWords", "Repeats %1").arg(unitText(*rule, false));
    const QStringList narrowing = qualifiers(*rule);
    if (!narrowing.isEmpty())
        text
            = QCoreApplication::translate("RepeatWords", "%1 %2", "a repeat and its days or months")
                  .arg(text, narrowing.join(u' '));
    if (rule->count == 1)
        text = QCoreApplication::translate("RepeatWords", "%1, once").arg(text);
    else if (rule->count > 1)
        text
            = QCoreApplication::translate("RepeatWords", "%1, %2 times").arg(text).arg(rule->count);
    if (rule->until.isValid()) {
        const QString date = QLocale().toString(rule->until,
            QCoreApplication::translate(
                "RepeatWords", "d MMM yyyy", "Format of the last date, as in QDate::toString()"));
        text = QCoreApplication::translate("RepeatWords", "%1 until %2").arg(text, date);
    }
    return text;
}

} // namespace RepeatWords
