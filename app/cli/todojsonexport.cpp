#include "todojsonexport.h"

#include "domain/changejson.h"

using namespace Qt::StringLiterals;

namespace {
QJsonValue isoOrNull(const std::optional<Timestamp::Micros> &micros)
{
    return micros ? QJsonValue(Timestamp::toIsoUtc(*micros)) : QJsonValue(QJsonValue::Null);
}
QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}
} // namespace

QJsonObject TodoJsonExport::todo(const Todo &todo)
{
    QJsonObject object = base(todo);
    object.insert(u"repeat"_s, textOrNull(todo.repeatRule));
    object.insert(u"repeat_from"_s, ChangeJson::repeatFrom(todo.repeatFromCompletion));
    object.insert(u"time_zone"_s, textOrNull(todo.timeZone));
    object.insert(u"start_at"_s, isoOrNull(todo.startAt));
    object.insert(u"parent_id"_s, textOrNull(todo.parentId));
    if (!todo.seriesId.isEmpty()) {
        object.insert(u"series_id"_s, todo.seriesId);
        object.insert(u"occurrence"_s, isoOrNull(todo.occurrence));
    }
    return object;
}

QJsonObject TodoJsonExport::base(const Todo &todo)
{
    return QJsonObject{
        {u"id"_s, todo.id},
        {u"list_id"_s, todo.listId},
        {u"title"_s, todo.title},
        {u"notes"_s, todo.notes},
        {u"completed"_s, todo.completed},
        {u"due_at"_s, todo.dueAt ? QJsonValue(Timestamp::toIsoUtc(*todo.dueAt)) : QJsonValue(QJsonValue::Null)},
        {u"due_has_time"_s, todo.dueHasTime},
        {u"priority"_s, static_cast<int>(todo.priority)},
        {u"tags"_s, QJsonArray::fromStringList(todo.tags)},
        {u"created_at"_s, Timestamp::toIsoUtc(todo.createdAt)},
        {u"updated_at"_s, Timestamp::toIsoUtc(todo.updatedAt)},
    };
}

QJsonObject TodoJsonExport::list(const TodoList &list)
{
    return QJsonObject{
        {u"id"_s, list.id},
        {u"name"_s, list.name},
        {u"position"_s, list.position},
        {u"is_inbox"_s, list.isInbox},
    };
}

QJsonArray TodoJsonExport::todos(const QList<Todo> &todos, const QHash<QString, QStringList> &reminderTimes)
{
    QJsonArray array;
    for (const Todo &item : todos) {
        QJsonObject object = todo(item);
        object.insert(u"reminders"_s, QJsonArray::fromStringList(reminderTimes.value(item.id)));
        array.append(object);
    }
    return array;
}

QJsonObject TodoJsonExport::document(const QList<TodoList> &lists, const QList<Todo> &todos,
                                     const QHash<QString, QStringList> &reminderTimes)
{
    QJsonArray listArray;
    for (const TodoList &item : lists)
        listArray.append(list(item));
    return QJsonObject{{u"lists"_s, listArray}, {u"todos"_s, TodoJsonExport::todos(todos, reminderTimes)}};
}
