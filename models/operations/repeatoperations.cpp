#include "repeatoperations.h"

#include "repeat/repeatexpansion.h"
#include "repeat/repeatrule.h"

#include <QTimeZone>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace {

// Every occurrence id is a name in this namespace (a fixed, random UUID).
const QUuid kOccurrenceNamespace(u"6b1c7a52-3f0e-4d8e-9a57-0f6e2c1d9b43"_s);

QTimeZone zoneOf(const Todo &todo)
{
    const QTimeZone zone(RepeatOperations::zoneId(todo));
    return zone.isValid() ? zone : QTimeZone::utc();
}

std::optional<RepeatRule> withoutCount(const RepeatRule &rule)
{
    QStringList parts = rule.text().split(u';');
    parts.removeIf([](const QString &part) { return part.startsWith(u"COUNT="_s); });
    return RepeatRule::parse(parts.join(u';'));
}

// The first occurrence the rule itself gives on or after `from`. A rule
// with BY parts names its days, so it is started the day before (at the same
// wall-clock time) and asked for the next one; a rule without them repeats
// from its start, so `from` is the first.
std::optional<Timestamp::Micros> firstOfRule(const RepeatRule &rule, Timestamp::Micros from, bool hasTime,
                                             const QByteArray &zone)
{
    if (!rule.text().contains(u"BY"_s))
        return from;
    const QTimeZone timeZone(zone);
    const Timestamp::Micros dayBefore = hasTime
        ? Timestamp::fromDateTime(Timestamp::toUtc(from).toTimeZone(timeZone.isValid() ? timeZone : QTimeZone::utc()).addDays(-1))
        : from - Timestamp::kMicrosPerDay;
    const RepeatSeries series{rule, dayBefore, hasTime, zone, false};
    return RepeatExpansion::nextAfter(series, from - 1);
}

// The series as the engine expands it, from the occurrence due now. COUNT
// is left out: it counts records (see nextDue), not the instances after a
// due date that moves.
std::optional<RepeatSeries> seriesOf(const Todo &todo, bool keepCount)
{
    if (!todo.repeats() || !todo.dueAt)
        return std::nullopt;
    auto rule = RepeatRule::parse(todo.repeatRule);
    if (!rule)
        return std::nullopt;
    if (!keepCount && rule->count() > 0)
        rule = withoutCount(*rule);
    RepeatSeries series{*rule, *todo.dueAt, todo.dueHasTime, RepeatOperations::zoneId(todo), todo.repeatFromCompletion};
    return series;
}

} // namespace

namespace RepeatOperations {

QByteArray zoneId(const Todo &todo)
{
    // A repeat written without a zone (by another tool) follows this desktop's.
    return todo.timeZone.isEmpty() ? QTimeZone::systemTimeZoneId() : todo.timeZone.toUtf8();
}

QList<Timestamp::Micros> nextDates(const Todo &todo, int n)
{
    const auto series = seriesOf(todo, true);
    return series ? RepeatExpansion::nextN(*series, *todo.dueAt, n) : QList<Timestamp::Micros>();
}

QString occurrenceId(const Todo &series)
{
    const Timestamp::Micros due = series.dueAt.value_or(0);
    const QDate day = series.dueHasTime ? Timestamp::toUtc(due).toTimeZone(zoneOf(series)).date()
                                        : Timestamp::toDate(due);
    const QString name = series.id + u'/' + day.toString(Qt::ISODate);
    return QUuid::createUuidV5(kOccurrenceNamespace, name).toString(QUuid::WithoutBraces);
}

std::optional<Timestamp::Micros> nextDue(const Todo &series, Timestamp::Micros now, int occurrencesDone)
{
    const auto withCount = seriesOf(series, true);
    if (!withCount)
        return std::nullopt;
    if (series.repeatFromCompletion)
        return RepeatExpansion::nextFromCompletion(*withCount, now, occurrencesDone);
    const int count = withCount->rule.count();
    if (count > 0 && occurrencesDone + 1 >= count)
        return std::nullopt;
    return RepeatExpansion::nextAfter(*seriesOf(series, false), *series.dueAt);
}

void complete(const TodoStore &store, const Todo &series, Timestamp::Micros now, Changeset *before,
              Changeset *after)
{
    Todo moved = series;
    if (!seriesOf(series, true)) {
        moved.setCompleted(true, now);
        before->todos << series;
        after->todos << moved;
        return;
    }
    Todo record = series;
    record.id = occurrenceId(series);
    record.repeatRule.clear();
    record.repeatFromCompletion = false;
    record.parentId.clear();
    record.startAt.reset();
    record.seriesId = series.id;
    record.occurrence = series.dueAt;
    record.completed = false;
    record.setCompleted(true, now);
    record.createdAt = record.updatedAt = now;
    record.deletedAt.reset();
    // Before: the row as stored (a record that an undo took back), or the
    // new row's tombstone, which is how undo deletes it.
    Todo recordBefore = record;
    if (const auto stored = store.todo(record.id))
        recordBefore = *stored;
    else
        recordBefore.deletedAt = now;

    const auto next = nextDue(series, now, store.occurrenceCount(series.id));
    if (next) {
        if (series.startAt) // a start date keeps its distance to the due date
            moved.startAt = *series.startAt + (*next - *series.dueAt);
        moved.dueAt = next;
    } else {
        moved.setCompleted(true, now);
    }
    before->todos << recordBefore << series;
    after->todos << record << moved;
}

void keepDoneDaysDone(const TodoStore &store, Todo &todo)
{
    if (!todo.repeats() || todo.repeatFromCompletion || todo.completed || !todo.dueAt)
        return;
    const auto lastDone = store.lastOccurrence(todo.id);
    if (!lastDone || *todo.dueAt > *lastDone)
        return;
    Todo fromLastDone = todo;
    fromLastDone.dueAt = lastDone;
    if (const auto series = seriesOf(fromLastDone, false)) {
        if (const auto next = RepeatExpansion::nextAfter(*series, *lastDone))
            todo.dueAt = next;
    }
}

void prepare(Todo &todo, Timestamp::Micros now, bool ruleIsNew)
{
    if (!todo.repeats())
        return;
    if (todo.timeZone.isEmpty())
        todo.timeZone = QString::fromUtf8(QTimeZone::systemTimeZoneId());
    if (!ruleIsNew)
        return;
    const auto rule = RepeatRule::parse(todo.repeatRule);
    if (!rule)
        return;
    // From the due date given, or from today as a date.
    const bool hasTime = todo.dueAt && todo.dueHasTime;
    const Timestamp::Micros from = todo.dueAt.value_or(Timestamp::fromDate(Timestamp::toLocal(now).date()));
    if (const auto first = firstOfRule(*rule, from, hasTime, todo.timeZone.toUtf8())) {
        if (todo.startAt && todo.dueAt) // a start date keeps its distance to the due date
            *todo.startAt += *first - *todo.dueAt;
        todo.dueAt = first;
        todo.dueHasTime = hasTime;
    }
}

} // namespace RepeatOperations
