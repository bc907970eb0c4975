#include "countend.h"

#include <QHash>

#include <memory>

namespace RepeatCountEnd {

namespace {

// Enough for every COUNT series a list shows; forgotten all at once when full.
constexpr qsizetype kRemembered = 512;

struct IteratorFree
{
    void operator()(icalrecur_iterator *iterator) const { icalrecur_iterator_free(iterator); }
};

QString keyOf(const QString &ruleText, const icaltimetype &dtstart)
{
    return ruleText + u'@'
        + QString::asprintf("%04d%02d%02d%c%02d%02d%02d", dtstart.year, dtstart.month, dtstart.day,
                            dtstart.is_date ? 'D' : 'T', dtstart.hour, dtstart.minute, dtstart.second);
}

std::optional<icaltimetype> count(const icalrecurrencetype &rule, const icaltimetype &dtstart)
{
    icalrecurrencetype unbounded = rule;
    unbounded.count = 0;
    const std::unique_ptr<icalrecur_iterator, IteratorFree> iterator(icalrecur_iterator_new(unbounded, dtstart));
    if (!iterator)
        return std::nullopt;
    icaltimetype last = dtstart;
    for (int index = 1; index < rule.count;) {
        const icaltimetype next = icalrecur_iterator_next(iterator.get());
        if (icaltime_is_null_time(next))
            return std::nullopt;
        if (icaltime_compare(next, dtstart) == 0)
            continue; // DTSTART, already counted
        last = next;
        ++index;
    }
    return last;
}

} // namespace

std::optional<icaltimetype> find(const icalrecurrencetype &rule, const icaltimetype &dtstart, const QString &ruleText)
{
    thread_local QHash<QString, std::optional<icaltimetype>> remembered;
    const QString key = keyOf(ruleText, dtstart);
    const auto found = remembered.constFind(key);
    if (found != remembered.constEnd())
        return *found;
    if (remembered.size() >= kRemembered)
        remembered.clear();
    const std::optional<icaltimetype> end = count(rule, dtstart);
    remembered.insert(key, end);
    return end;
}

} // namespace RepeatCountEnd
