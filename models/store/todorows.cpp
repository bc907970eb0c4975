#include "todorows.h"

#include "domain/changejson.h"
#include "domain/tagkey.h"
#include "sqlhelpers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace {

const QString kColumns = u"id, list_id, title, notes, completed, completed_at, due_at, due_has_time,"
                         " priority, position, created_at, updated_at, deleted_at,"
                         " repeat_rule, repeat_from, time_zone, series_id, occurrence, parent_id, start_at"_s;

Todo fromQuery(const QSqlQuery &query)
{
    Todo todo;
    todo.id = query.value(0).toString();
    todo.listId = query.value(1).toString();
    todo.title = query.value(2).toString();
    todo.notes = query.value(3).toString();
    todo.completed = query.value(4).toBool();
    todo.completedAt = Sql::optionalMicros(query.value(5));
    todo.dueAt = Sql::optionalMicros(query.value(6));
    todo.dueHasTime = query.value(7).toBool();
    todo.priority = Priorities::fromInt(query.value(8).toInt());
    todo.position = query.value(9).toDouble();
    todo.createdAt = query.value(10).toLongLong();
    todo.updatedAt = query.value(11).toLongLong();
    todo.deletedAt = Sql::optionalMicros(query.value(12));
    todo.repeatRule = query.value(13).toString();
    todo.repeatFromCompletion = query.value(14).toString() == ChangeJson::repeatFrom(true);
    todo.timeZone = query.value(15).toString();
    todo.seriesId = query.value(16).toString();
    todo.occurrence = Sql::optionalMicros(query.value(17));
    todo.parentId = query.value(18).toString();
    todo.startAt = Sql::optionalMicros(query.value(19));
    return todo;
}

QStringList tagNames(const QSqlDatabase &db, const QString &todoId)
{
    QStringList names;
    auto query = Sql::select(db,
                             u"SELECT g.name FROM todo_tags tt JOIN tags g ON g.id = tt.tag_id"
                             " WHERE tt.todo_id = ? ORDER BY g.name_key"_s,
                             {todoId});
    while (query && query->next())
        names << query->value(0).toString();
    return names;
}

// Runs chunk with " IN (...)" and its one bound value, a JSON array of a few
// thousand of the ids: one statement per chunk, however many ids.
template<typename Chunk>
void forChunks(const QStringList &ids, Chunk chunk)
{
    constexpr qsizetype kChunk = 2000;
    const QString in = u" IN (SELECT value FROM json_each(?))"_s;
    for (qsizetype start = 0; start < ids.size(); start += kChunk) {
        const QJsonArray some = QJsonArray::fromStringList(ids.mid(start, kChunk));
        chunk(in, QVariantList{QString::fromUtf8(QJsonDocument(some).toJson(QJsonDocument::Compact))});
    }
}

// Appends their tag names, ordered as tagNames() orders them, to the todos
// that find(id) returns, one query per few thousand todos.
template<typename Find>
void addTags(Sql::Statements &statements, const QStringList &ids, Find find)
{
    forChunks(ids, [&](const QString &in, const QVariantList &values) {
        QSqlQuery *tags = statements.run(u"SELECT tt.todo_id, g.name FROM todo_tags tt JOIN tags g ON g.id = tt.tag_id"
                                         " WHERE tt.todo_id"_s
                                             + in + u" ORDER BY tt.todo_id, g.name_key"_s,
                                         values);
        while (tags && tags->next()) {
            if (Todo *todo = find(tags->value(0).toString()))
                todo->tags << tags->value(1).toString();
        }
    });
}

struct TagRow
{
    QString id;
    QString name; // as stored: the first spelling this desktop saw
};

// The tags of the given names, by TagKey; creates the ones that do not exist yet.
bool ensureTags(Sql::Statements &statements, const QStringList &names, QHash<QString, TagRow> *byKey,
                QString *error)
{
    for (const QString &raw : names) {
        const QString name = TagKey::displayName(raw);
        const QString key = TagKey::of(name);
        if (name.isEmpty() || byKey->contains(key))
            continue;
        if (!statements.run(u"INSERT INTO tags(id, name, name_key) VALUES (?, ?, ?)"
                            " ON CONFLICT(name_key) DO NOTHING"_s,
                            {QUuid::createUuid().toString(QUuid::WithoutBraces), name, key}, error))
            return false;
        QSqlQuery *query = statements.run(u"SELECT id, name FROM tags WHERE name_key = ?"_s, {key}, error);
        if (!query || !query->next())
            return false;
        byKey->insert(key, TagRow{query->value(0).toString(), query->value(1).toString()});
        query->finish();
    }
    return true;
}

} // namespace

namespace TodoRows {

std::optional<Todo> load(const QSqlDatabase &db, const QString &id)
{
    auto query = Sql::select(db, u"SELECT "_s + kColumns + u" FROM todos WHERE id = ?"_s, {id});
    if (!query || !query->next())
        return std::nullopt;
    Todo todo = fromQuery(*query);
    todo.tags = tagNames(db, id);
    return todo;
}

QHash<QString, Todo> loadMany(const QSqlDatabase &db, const QStringList &ids)
{
    Sql::Statements statements(db);
    return loadMany(statements, ids);
}

QHash<QString, Todo> loadMany(Sql::Statements &statements, const QStringList &ids)
{
    QHash<QString, Todo> todos;
    todos.reserve(ids.size());
    forChunks(ids, [&](const QString &in, const QVariantList &values) {
        QSqlQuery *rows = statements.run(u"SELECT "_s + kColumns + u" FROM todos WHERE id"_s + in, values);
        while (rows && rows->next()) {
            Todo todo = fromQuery(*rows);
            todos.insert(todo.id, todo);
        }
    });
    addTags(statements, ids, [&todos](const QString &id) {
        const auto found = todos.find(id);
        return found != todos.end() ? &*found : nullptr;
    });
    return todos;
}

bool write(Sql::Statements &statements, const Todo &todo, bool syncTags, QStringList *addedTags,
           QStringList *removedTags, QString *error)
{
    const bool ok = statements.run(
        u"INSERT INTO todos("_s + kColumns
            + u") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
              " ON CONFLICT(id) DO UPDATE SET list_id = excluded.list_id, title = excluded.title,"
              " notes = excluded.notes, completed = excluded.completed,"
              " completed_at = excluded.completed_at, due_at = excluded.due_at,"
              " due_has_time = excluded.due_has_time, priority = excluded.priority,"
              " position = excluded.position, updated_at = excluded.updated_at,"
              " deleted_at = excluded.deleted_at, repeat_rule = excluded.repeat_rule,"
              " repeat_from = excluded.repeat_from, time_zone = excluded.time_zone,"
              " series_id = excluded.series_id, occurrence = excluded.occurrence,"
              " parent_id = excluded.parent_id, start_at = excluded.start_at"_s,
        {todo.id, todo.listId, todo.title,
         Sql::notNullText(todo.notes),
         todo.completed,
         Sql::nullableMicros(todo.completedAt), Sql::nullableMicros(todo.dueAt), todo.dueHasTime,
         static_cast<int>(todo.priority), todo.position, todo.createdAt, todo.updatedAt,
         Sql::nullableMicros(todo.deletedAt), Sql::notNullText(todo.repeatRule),
         ChangeJson::repeatFrom(todo.repeatFromCompletion), Sql::notNullText(todo.timeZone),
         Sql::nullableText(todo.seriesId), Sql::nullableMicros(todo.occurrence), Sql::nullableText(todo.parentId),
         Sql::nullableMicros(todo.startAt)},
        error);
    if (!ok)
        return false;
    if (!syncTags)
        return true;

    QHash<QString, TagRow> wanted;
    if (!ensureTags(statements, todo.tags, &wanted, error))
        return false;
    QSqlQuery *current = statements.run(u"SELECT g.name_key, g.id, g.name FROM todo_tags tt JOIN tags g"
                                        " ON g.id = tt.tag_id WHERE tt.todo_id = ?"_s,
                                        {todo.id}, error);
    if (!current)
        return false;
    QHash<QString, TagRow> existing;
    while (current->next())
        existing.insert(current->value(0).toString(), TagRow{current->value(1).toString(), current->value(2).toString()});

    for (auto it = existing.cbegin(); it != existing.cend(); ++it) {
        if (wanted.contains(it.key()))
            continue;
        if (!statements.run(u"DELETE FROM todo_tags WHERE todo_id = ? AND tag_id = ?"_s, {todo.id, it->id},
                            error))
            return false;
        removedTags->append(it->name);
    }
    for (const QString &raw : todo.tags) {
        const QString key = TagKey::of(raw);
        if (key.isEmpty() || existing.contains(key) || !wanted.contains(key))
            continue;
        const TagRow tag = wanted.take(key);
        if (!statements.run(u"INSERT INTO todo_tags(todo_id, tag_id) VALUES (?, ?)"_s, {todo.id, tag.id}, error))
            return false;
        addedTags->append(tag.name);
    }
    return true;
}

double endPosition(const QSqlDatabase &db, const QString &listId)
{
    auto query = Sql::select(db, u"SELECT MAX(position) FROM todos WHERE list_id = ?"_s, {listId});
    if (!query || !query->next() || query->value(0).isNull())
        return 1.0;
    return query->value(0).toDouble() + 1.0;
}

QList<Todo> inList(const QSqlDatabase &db, const QString &listId)
{
    QList<Todo> todos;
    auto query = Sql::select(db,
                             u"SELECT "_s + kColumns
                                 + u" FROM todos WHERE list_id = ? AND deleted_at IS NULL"
                                   " ORDER BY position"_s,
                             {listId});
    QHash<QString, qsizetype> indexById;
    QStringList ids;
    while (query && query->next()) {
        todos << fromQuery(*query);
        indexById.insert(todos.last().id, todos.size() - 1);
        ids << todos.last().id;
    }
    Sql::Statements statements(db);
    addTags(statements, ids, [&](const QString &id) {
        const qsizetype index = indexById.value(id, -1);
        return index < 0 ? nullptr : &todos[index];
    });
    return todos;
}

} // namespace TodoRows
