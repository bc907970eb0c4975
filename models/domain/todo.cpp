#include "todo.h"

#include "tagkey.h"

#include <QUuid>

using namespace Qt::StringLiterals;

void Todo::setCompleted(bool done, Timestamp::Micros when)
{
    if (done == completed)
        return;
    completed = done;
    completedAt = done ? std::optional(when) : std::nullopt;
}

bool Todo::isOverdue(Timestamp::Micros now) const
{
    if (completed || !dueAt)
        return false;
    if (dueHasTime)
        return *dueAt < now;
    const QDate today = Timestamp::toLocal(now).date();
    return Timestamp::toDate(*dueAt) < today;
}

bool Todo::sameContent(const Todo &other) const
{
    return TodoField::changed(*this, other).isEmpty();
}

QString Todo::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

static QStringList normalizedTags(QStringList tags)
{
    for (QString &tag : tags)
        tag = TagKey::of(tag);
    tags.sort();
    return tags;
}

QStringList TodoField::changed(const ::Todo &before, const ::Todo &after)
{
    QStringList fields;
    auto check = [&fields](bool differs, const char *name) {
        if (differs)
            fields << QString::fromLatin1(name);
    };
    check(before.listId != after.listId, ListId);
    check(before.title != after.title, Title);
    check(before.notes != after.notes, Notes);
    check(before.completed != after.completed, Completed);
    check(before.completedAt != after.completedAt, CompletedAt);
    check(before.dueAt != after.dueAt, DueAt);
    check(before.dueHasTime != after.dueHasTime, DueHasTime);
    check(before.priority != after.priority, Priority);
    check(before.position != after.position, Position);
    check(before.deletedAt != after.deletedAt, DeletedAt);
    check(normalizedTags(before.tags) != normalizedTags(after.tags), Tags);
    check(before.repeatRule != after.repeatRule, RepeatRule);
    check(before.repeatFromCompletion != after.repeatFromCompletion, RepeatFrom);
    check(before.timeZone != after.timeZone, TimeZone);
    check(before.seriesId != after.seriesId, SeriesId);
    check(before.occurrence != after.occurrence, Occurrence);
    check(before.parentId != after.parentId, ParentId);
    check(before.startAt != after.startAt, StartAt);
    return fields;
}

void TodoField::copy(const ::Todo &from, ::Todo &to, const QStringList &fields)
{
    auto has = [&fields](const char *name) { return fields.contains(QString::fromLatin1(name)); };
    if (has(ListId))
        to.listId = from.listId;
    if (has(Title))
        to.title = from.title;
    if (has(Notes))
        to.notes = from.notes;
    if (has(Completed))
        to.completed = from.completed;
    if (has(CompletedAt))
        to.completedAt = from.completedAt;
    if (has(DueAt))
        to.dueAt = from.dueAt;
    if (has(DueHasTime))
        to.dueHasTime = from.dueHasTime;
    if (has(Priority))
        to.priority = from.priority;
    if (has(Position))
        to.position = from.position;
    if (has(DeletedAt))
        to.deletedAt = from.deletedAt;
    if (has(Tags))
        to.tags = from.tags;
    if (has(RepeatRule))
        to.repeatRule = from.repeatRule;
    if (has(RepeatFrom))
        to.repeatFromCompletion = from.repeatFromCompletion;
    if (has(TimeZone))
        to.timeZone = from.timeZone;
    if (has(SeriesId))
        to.seriesId = from.seriesId;
    if (has(Occurrence))
        to.occurrence = from.occurrence;
    if (has(ParentId))
        to.parentId = from.parentId;
    if (has(StartAt))
        to.startAt = from.startAt;
}
