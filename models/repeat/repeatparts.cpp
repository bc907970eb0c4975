#include "repeatparts.h"

#include <libical/ical.h>

using namespace Qt::StringLiterals;

namespace {

const char *const kDayNames[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

// libical counts weekdays from Sunday (1) to Saturday (7); Qt from Monday (1) to Sunday (7).
int qtWeekday(icalrecurrencetype_weekday day)
{
    return day == ICAL_SUNDAY_WEEKDAY ? 7 : int(day) - 1;
}

template<size_t N>
QList<short> listed(const short (&values)[N])
{
    QList<short> found;
    for (size_t i = 0; i < N && values[i] != ICAL_RECURRENCE_ARRAY_MAX; ++i)
        found << values[i];
    return found;
}

} // namespace

std::optional<RepeatParts> RepeatParts::from(const RepeatRule &rule)
{
    const icalrecurrencetype &ical = rule.ical();
    if (!listed(ical.by_set_pos).isEmpty())
        return std::nullopt;
    RepeatParts parts;
    parts.frequency = rule.frequency();
    parts.interval = rule.interval();
    parts.count = rule.count();
    if (const auto until = rule.until())
        parts.until = until->date;
    const QList<short> days = listed(ical.by_day);
    const QList<short> monthDays = listed(ical.by_month_day);
    const QList<short> months = listed(ical.by_month);
    switch (parts.frequency) {
    case RepeatRule::Frequency::Daily:
        if (!days.isEmpty() || !monthDays.isEmpty() || !months.isEmpty())
            return std::nullopt;
        break;
    case RepeatRule::Frequency::Weekly:
        if (!monthDays.isEmpty() || !months.isEmpty())
            return std::nullopt;
        for (const short day : days) {
            if (icalrecurrencetype_day_position(day) != 0)
                return std::nullopt;
            parts.weekdays << qtWeekday(icalrecurrencetype_day_day_of_week(day));
        }
        std::sort(parts.weekdays.begin(), parts.weekdays.end());
        break;
    case RepeatRule::Frequency::Monthly:
        if (!months.isEmpty() || days.size() + monthDays.size() > 1)
            return std::nullopt;
        if (monthDays.size() == 1) {
            parts.monthMode = monthDays.first() == -1 ? MonthMode::LastDay : MonthMode::Day;
            parts.monthDay = monthDays.first() > 0 ? monthDays.first() : 0;
            if (monthDays.first() < -1)
                return std::nullopt;
        } else if (days.size() == 1) {
            const int position = icalrecurrencetype_day_position(days.first());
            if (position == 0 || position < -1 || position > 4)
                return std::nullopt;
            parts.monthMode = MonthMode::NthWeekday;
            parts.nth = position;
            parts.nthWeekday = qtWeekday(icalrecurrencetype_day_day_of_week(days.first()));
        }
        break;
    case RepeatRule::Frequency::Yearly:
        if (!days.isEmpty() || months.size() > 1 || monthDays.size() > 1 || months.size() != monthDays.size())
            return std::nullopt;
        if (months.size() == 1) {
            if (monthDays.first() < 1)
                return std::nullopt;
            parts.yearMonth = months.first();
            parts.monthDay = monthDays.first();
        }
        break;
    }
    return parts;
}

QString RepeatParts::text() const
{
    static const char *const kFrequencies[] = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"};
    QStringList rule{u"FREQ="_s + QLatin1StringView(kFrequencies[int(frequency)])};
    if (interval > 1)
        rule << u"INTERVAL=%1"_s.arg(interval);
    switch (frequency) {
    case RepeatRule::Frequency::Daily:
        break;
    case RepeatRule::Frequency::Weekly:
        if (!weekdays.isEmpty()) {
            QStringList names;
            for (const int day : weekdays)
                names << QLatin1StringView(kDayNames[qBound(1, day, 7) - 1]);
            rule << u"BYDAY="_s + names.join(u',');
        }
        break;
    case RepeatRule::Frequency::Monthly:
        if (monthMode == MonthMode::LastDay)
            rule << u"BYMONTHDAY=-1"_s;
        else if (monthMode == MonthMode::Day && monthDay > 0)
            rule << u"BYMONTHDAY=%1"_s.arg(monthDay);
        else if (monthMode == MonthMode::NthWeekday)
            rule << u"BYDAY=%1%2"_s.arg(nth).arg(QLatin1StringView(kDayNames[qBound(1, nthWeekday, 7) - 1]));
        break;
    case RepeatRule::Frequency::Yearly:
        if (yearMonth > 0 && monthDay > 0)
            rule << u"BYMONTH=%1"_s.arg(yearMonth) << u"BYMONTHDAY=%1"_s.arg(monthDay);
        break;
    }
    if (count > 0)
        rule << u"COUNT=%1"_s.arg(count);
    else if (until.isValid())
        rule << u"UNTIL="_s + until.toString(u"yyyyMMdd"_s);
    return rule.join(u';');
}
