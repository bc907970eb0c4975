#include "repeatrule.h"

#include <libical/ical.h>

using namespace Qt::StringLiterals;

struct RepeatRule::Data
{
    icalrecurrencetype rule;
    QString text;
};

namespace {

// The parts a todo's rule may have. BYHOUR, BYMINUTE and BYSECOND would
// repeat a todo within a day, BYWEEKNO and BYYEARDAY have not been asked
// for, RSCALE and SKIP (RFC 7529) name other calendars.
const QStringList kAcceptedParts = {u"FREQ"_s, u"INTERVAL"_s, u"BYDAY"_s, u"BYMONTHDAY"_s, u"BYMONTH"_s,
                                    u"BYSETPOS"_s, u"COUNT"_s, u"UNTIL"_s, u"WKST"_s};
const QStringList kFrequencies = {u"DAILY"_s, u"WEEKLY"_s, u"MONTHLY"_s, u"YEARLY"_s};
const QStringList kTooFrequent = {u"SECONDLY"_s, u"MINUTELY"_s, u"HOURLY"_s};

std::optional<RepeatRule> refuse(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return std::nullopt;
}

icalrecurrencetype readIcal(const QString &text)
{
    return icalrecurrencetype_from_string(text.toUtf8().constData());
}

bool readable(const icalrecurrencetype &rule)
{
    return rule.freq != ICAL_NO_RECURRENCE;
}

// Whether libical expands the rule at all, and finds an occurrence, from a
// start that suits any rule (the first day of a leap year); COUNT and UNTIL
// are left out, they do not decide whether a rule can repeat.
enum class Expands { Yes, Never, NotAtAll };

Expands expands(icalrecurrencetype rule)
{
    rule.count = 0;
    rule.until = icaltime_null_time();
    icaltimetype start = icaltime_null_time();
    start.year = 2000;
    start.month = 1;
    start.day = 1;
    icalrecur_iterator *iterator = icalrecur_iterator_new(rule, start);
    if (!iterator)
        return Expands::NotAtAll;
    const bool found = !icaltime_is_null_time(icalrecur_iterator_next(iterator));
    icalrecur_iterator_free(iterator);
    return found ? Expands::Yes : Expands::Never;
}

QString partNamed(const QStringList &parts, QStringView name)
{
    for (const QString &part : parts) {
        if (part.startsWith(name) && part.mid(name.size()).startsWith(u'='))
            return part;
    }
    return {};
}

} // namespace

RepeatRule::RepeatRule(std::shared_ptr<const Data> data)
    : d(std::move(data))
{
}

std::optional<RepeatRule> RepeatRule::parse(const QString &text, QString *error)
{
    QString body = text.trimmed();
    if (body.startsWith(u"RRULE:"_s, Qt::CaseInsensitive))
        body = body.mid(6).trimmed();
    if (body.isEmpty())
        return refuse(error, tr("The repeat rule is empty."));
    const QStringList parts = body.toUpper().split(u';', Qt::SkipEmptyParts);

    // Each part on its own first, so that a message can name the part.
    QString frequencyPart;
    for (const QString &part : parts) {
        const qsizetype equals = part.indexOf(u'=');
        if (equals <= 0)
            return refuse(error, tr("“%1” is not a part of a repeat rule.").arg(part));
        const QString name = part.left(equals);
        const QString value = part.mid(equals + 1);
        if (!kAcceptedParts.contains(name))
            return refuse(error, tr("%1 is not supported in a repeat rule.").arg(name));
        if (name == u"FREQ"_s) {
            if (kTooFrequent.contains(value))
                return refuse(error, tr("%1 is not supported: a todo repeats at most daily.").arg(part));
            if (!kFrequencies.contains(value))
                return refuse(error, tr("“%1” is not a frequency: FREQ takes DAILY, WEEKLY, MONTHLY or YEARLY.").arg(value));
            frequencyPart = part;
        }
    }
    if (frequencyPart.isEmpty())
        return refuse(error, tr("A repeat rule needs a frequency (FREQ)."));
    if (!partNamed(parts, u"COUNT").isEmpty() && !partNamed(parts, u"UNTIL").isEmpty())
        return refuse(error, tr("A repeat rule ends by COUNT or by UNTIL, not both."));

    const QString upper = parts.join(u';');
    const icalrecurrencetype rule = readIcal(upper);
    if (!readable(rule)) {
        for (const QString &part : parts) {
            if (part != frequencyPart && !readable(readIcal(frequencyPart + u';' + part)))
                return refuse(error, tr("“%1” is not valid in a repeat rule.").arg(part));
        }
        return refuse(error, tr("“%1” is not a valid repeat rule.").arg(body));
    }
    // libical also reads the months of other calendars (13, leap months).
    for (int i = 0; i < ICAL_BY_MONTH_SIZE && rule.by_month[i] != ICAL_RECURRENCE_ARRAY_MAX; ++i) {
        if (icalrecurrencetype_month_is_leap(rule.by_month[i]) || icalrecurrencetype_month_month(rule.by_month[i]) > 12)
            return refuse(error, tr("“%1” is not valid in a repeat rule.").arg(partNamed(parts, u"BYMONTH")));
    }
    switch (expands(rule)) {
    case Expands::Yes:
        break;
    case Expands::Never:
        return refuse(error, tr("The repeat rule “%1” never repeats.").arg(body));
    case Expands::NotAtAll:
        for (const QString &part : parts) {
            if (part != frequencyPart && expands(readIcal(frequencyPart + u';' + part)) == Expands::NotAtAll)
                return refuse(error, tr("%1 cannot be used with %2.").arg(part, frequencyPart));
        }
        return refuse(error, tr("“%1” is not a valid repeat rule.").arg(body));
    }

    auto data = std::make_shared<Data>();
    data->rule = rule;
    char *canonical = icalrecurrencetype_as_string_r(&data->rule);
    data->text = QString::fromUtf8(canonical);
    icalmemory_free_buffer(canonical);
    return RepeatRule(std::move(data));
}

QString RepeatRule::text() const
{
    return d->text;
}

RepeatRule::Frequency RepeatRule::frequency() const
{
    switch (d->rule.freq) {
    case ICAL_WEEKLY_RECURRENCE:
        return Frequency::Weekly;
    case ICAL_MONTHLY_RECURRENCE:
        return Frequency::Monthly;
    case ICAL_YEARLY_RECURRENCE:
        return Frequency::Yearly;
    default: // parse() lets no other frequency through
        return Frequency::Daily;
    }
}

int RepeatRule::interval() const
{
    return d->rule.interval;
}

int RepeatRule::count() const
{
    return d->rule.count;
}

std::optional<RepeatUntil> RepeatRule::until() const
{
    const icaltimetype &until = d->rule.until;
    if (icaltime_is_null_time(until))
        return std::nullopt;
    RepeatUntil result;
    result.date = QDate(until.year, until.month, until.day);
    if (!until.is_date)
        result.time = QTime(until.hour, until.minute, until.second);
    result.utc = icaltime_is_utc(until);
    return result;
}

const icalrecurrencetype &RepeatRule::ical() const
{
    return d->rule;
}
