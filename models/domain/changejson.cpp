#include "changejson.h"

using namespace Qt::StringLiterals;

namespace ChangeJson {

namespace {
const QString kCreatedAt = u"created_at"_s;
const QString kName = u"name"_s;
const QString kIsInbox = u"is_inbox"_s;
QString key(const char *field)
{
    return QString::fromLatin1(field);
}
// An id that is not set travels as null, which the server's uuid column takes.
QJsonValue uuidOrNull(const QString &id)
{
    return id.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(id);
}
} // namespace

QString repeatFrom(bool fromCompletion)
{
    return fromCompletion ? u"completion"_s : u"due"_s;
}

QStringList allTodoFields()
{
    using namespace TodoField;
    return {key(ListId),     key(Title),    key(Notes),    key(Completed), key(CompletedAt), key(DueAt),
            key(DueHasTime), key(TodoField::Priority), key(Position), key(DeletedAt), kCreatedAt,
            key(RepeatRule), key(RepeatFrom), key(TimeZone), key(SeriesId), key(Occurrence),
            key(ParentId), key(StartAt)};
}

QStringList allListFields()
{
    return {kName, key(TodoField::Position), key(TodoField::DeletedAt), kIsInbox, kCreatedAt};
}

QJsonValue micros(const std::optional<Timestamp::Micros> &value)
{
    return value ? QJsonValue(Timestamp::toIsoUtc(*value)) : QJsonValue(QJsonValue::Null);
}

std::optional<Timestamp::Micros> micros(const QJsonValue &value)
{
    if (!value.isString())
        return std::nullopt;
    return Timestamp::fromIsoUtc(value.toString());
}

QJsonObject todoValues(const Todo &todo, const QStringList &fields)
{
    using namespace TodoField;
    QJsonObject values;
    for (const QString &field : fields) {
        if (field == key(ListId))
            values.insert(field, todo.listId);
        else if (field == key(Title))
            values.insert(field, todo.title);
        else if (field == key(Notes))
            values.insert(field, todo.notes);
        else if (field == key(Completed))
            values.insert(field, todo.completed);
        else if (field == key(CompletedAt))
            values.insert(field, micros(todo.completedAt));
        else if (field == key(DueAt))
            values.insert(field, micros(todo.dueAt));
        else if (field == key(DueHasTime))
            values.insert(field, todo.dueHasTime);
        else if (field == key(TodoField::Priority))
            values.insert(field, static_cast<int>(todo.priority));
        else if (field == key(Position))
            values.insert(field, todo.position);
        else if (field == key(DeletedAt))
            values.insert(field, micros(todo.deletedAt));
        else if (field == kCreatedAt)
            values.insert(field, micros(std::optional(todo.createdAt)));
        else if (field == key(RepeatRule))
            values.insert(field, todo.repeatRule);
        else if (field == key(RepeatFrom))
            values.insert(field, repeatFrom(todo.repeatFromCompletion));
        else if (field == key(TimeZone))
            values.insert(field, todo.timeZone);
        else if (field == key(SeriesId))
            values.insert(field, uuidOrNull(todo.seriesId));
        else if (field == key(Occurrence))
            values.insert(field, micros(todo.occurrence));
        else if (field == key(ParentId))
            values.insert(field, uuidOrNull(todo.parentId));
        else if (field == key(StartAt))
            values.insert(field, micros(todo.startAt));
    }
    return values;
}

QJsonObject listValues(const TodoList &list, const QStringList &fields)
{
    QJsonObject values;
    for (const QString &field : fields) {
        if (field == kName)
            values.insert(field, list.name);
        else if (field == key(TodoField::Position))
            values.insert(field, list.position);
        else if (field == key(TodoField::DeletedAt))
            values.insert(field, micros(list.deletedAt));
        else if (field == kIsInbox)
            values.insert(field, list.isInbox);
        else if (field == kCreatedAt)
            values.insert(field, micros(std::optional(list.createdAt)));
    }
    return values;
}

QStringList applyTodoValues(const QJsonObject &values, Todo &todo)
{
    using namespace TodoField;
    QStringList set;
    for (auto it = values.begin(); it != values.end(); ++it) {
        const QString field = it.key();
        const QJsonValue value = it.value();
        if (field == key(ListId))
            todo.listId = value.toString();
        else if (field == key(Title))
            todo.title = value.toString();
        else if (field == key(Notes))
            todo.notes = value.toString();
        else if (field == key(Completed))
            todo.completed = value.toBool();
        else if (field == key(CompletedAt))
            todo.completedAt = micros(value);
        else if (field == key(DueAt))
            todo.dueAt = micros(value);
        else if (field == key(DueHasTime))
            todo.dueHasTime = value.toBool();
        else if (field == key(TodoField::Priority))
            todo.priority = Priorities::fromInt(value.toInt());
        else if (field == key(Position))
            todo.position = value.toDouble();
        else if (field == key(DeletedAt))
            todo.deletedAt = micros(value);
        else if (field == kCreatedAt)
            todo.createdAt = micros(value).value_or(todo.createdAt);
        else if (field == key(RepeatRule))
            todo.repeatRule = value.toString();
        else if (field == key(RepeatFrom))
            todo.repeatFromCompletion = value.toString() == repeatFrom(true);
        else if (field == key(TimeZone))
            todo.timeZone = value.toString();
        else if (field == key(SeriesId))
            todo.seriesId = value.toString();
        else if (field == key(Occurrence))
            todo.occurrence = micros(value);
        else if (field == key(ParentId))
            todo.parentId = value.toString();
        else if (field == key(StartAt))
            todo.startAt = micros(value);
        else
            continue;
        set << field;
    }
    return set;
}

QStringList applyListValues(const QJsonObject &values, TodoList &list)
{
    QStringList set;
    for (auto it = values.begin(); it != values.end(); ++it) {
        const QString field = it.key();
        if (field == kName)
            list.name = it.value().toString();
        else if (field == key(TodoField::Position))
            list.position = it.value().toDouble();
        else if (field == key(TodoField::DeletedAt))
            list.deletedAt = micros(it.value());
        else if (field == kIsInbox)
            list.isInbox = it.value().toBool();
        else if (field == kCreatedAt)
            list.createdAt = micros(it.value()).value_or(list.createdAt);
        else
            continue;
        set << field;
    }
    return set;
}

QJsonObject reminderValues(const Reminder &reminder, const QStringList &fields)
{
    using namespace ReminderField;
    QJsonObject values;
    for (const QString &field : fields) {
        if (field == key(TodoId))
            values.insert(field, reminder.todoId);
        else if (field == key(Kind))
            values.insert(field, kindName(reminder.kind));
        else if (field == key(At))
            values.insert(field, micros(reminder.at));
        else if (field == key(OffsetMinutes))
            values.insert(field, reminder.offsetMinutes);
        else if (field == key(DayTime))
            values.insert(field, reminder.dayTime ? QJsonValue(*reminder.dayTime) : QJsonValue(QJsonValue::Null));
        else if (field == key(AcknowledgedFor))
            values.insert(field, micros(reminder.acknowledgedFor));
        else if (field == key(SnoozedUntil))
            values.insert(field, micros(reminder.snoozedUntil));
        else if (field == key(DeletedAt))
            values.insert(field, micros(reminder.deletedAt));
        else if (field == key(CreatedAt))
            values.insert(field, micros(std::optional(reminder.createdAt)));
    }
    return values;
}

QStringList applyReminderValues(const QJsonObject &values, Reminder &reminder)
{
    using namespace ReminderField;
    QStringList set;
    for (auto it = values.begin(); it != values.end(); ++it) {
        const QString field = it.key();
        const QJsonValue value = it.value();
        if (field == key(TodoId))
            reminder.todoId = value.toString();
        else if (field == key(Kind))
            reminder.kind = kindFromName(value.toString());
        else if (field == key(At))
            reminder.at = micros(value);
        else if (field == key(OffsetMinutes))
            reminder.offsetMinutes = value.toInt();
        else if (field == key(DayTime))
            reminder.dayTime = value.isDouble() ? std::optional(value.toInt()) : std::nullopt;
        else if (field == key(AcknowledgedFor))
            reminder.acknowledgedFor = micros(value);
        else if (field == key(SnoozedUntil))
            reminder.snoozedUntil = micros(value);
        else if (field == key(DeletedAt))
            reminder.deletedAt = micros(value);
        else if (field == key(CreatedAt))
            reminder.createdAt = micros(value).value_or(reminder.createdAt);
        else
            continue;
        set << field;
    }
    return set;
}

} // namespace ChangeJson
