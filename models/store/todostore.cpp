#include "todostore.h"

#include "domain/changejson.h"
#include "listrows.h"
#include "localdatabase.h"
#include "outbox.h"
#include "sqlhelpers.h"
#include "storequeries.h"
#include "todorows.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QScopeGuard>
#include <QSqlQuery>
#include <QUuid>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcStore, "tandem.store")

TodoStore::TodoStore(LocalDatabase *database, QObject *parent)
    : QObject(parent)
    , m_database(database)
{
}

std::optional<Todo> TodoStore::todo(const QString &id) const
{
    return TodoRows::load(m_database->database(), id);
}

QList<Todo> TodoStore::todos(const QStringList &ids) const
{
    const QHash<QString, Todo> byId = todosById(ids);
    QList<Todo> result;
    result.reserve(ids.size());
    for (const QString &id : ids) {
        const auto found = byId.constFind(id);
        if (found != byId.cend())
            result << *found;
    }
    return result;
}

QHash<QString, Todo> TodoStore::todosById(const QStringList &ids) const
{
    return TodoRows::loadMany(m_database->database(), ids);
}

QList<Todo> TodoStore::todosInList(const QString &listId) const
{
    return TodoRows::inList(m_database->database(), listId);
}

std::optional<TodoList> TodoStore::list(const QString &id) const
{
    return ListRows::load(m_database->database(), id);
}

QList<TodoList> TodoStore::lists() const
{
    return ListRows::live(m_database->database());
}

QString TodoStore::inboxId() const
{
    auto query = Sql::select(m_database->database(),
                             u"SELECT id FROM lists WHERE is_inbox = 1 AND deleted_at IS NULL"
                             " ORDER BY created_at LIMIT 1"_s,
                             {});
    return query && query->next() ? query->value(0).toString() : QString();
}

std::optional<TodoList> TodoStore::listByName(const QString &name) const
{
    const QString key = name.trimmed().toCaseFolded();
    for (const TodoList &list : lists()) {
        if (list.name.toCaseFolded() == key)
            return list;
    }
    return std::nullopt;
}

QList<Tag> TodoStore::tags() const
{
    return tags(m_database->database());
}

QList<Tag> TodoStore::tags(const QSqlDatabase &db)
{
    QList<Tag> result;
    // CROSS JOIN is SQLite's inner join in the order written: from the tag
    // links to their todos. Left to choose, SQLite walks every live todo
    // (todos_by_state) and probes the links: at 100,000 todos, 40,000 links,
    // about twice as slow (170 ms against 90 ms; this runs on every sidebar recount).
    auto query = Sql::select(db,
                             u"SELECT g.id, g.name, SUM(t.completed = 0 AND t.parent_id IS NULL) FROM tags g"
                             " CROSS JOIN todo_tags tt ON tt.tag_id = g.id"
                             " CROSS JOIN todos t ON t.id = tt.todo_id AND t.deleted_at IS NULL"
                             " GROUP BY g.id ORDER BY g.name_key"_s,
                             {});
    while (query && query->next())
        result << Tag{query->value(0).toString(), query->value(1).toString(), query->value(2).toInt()};
    return result;
}

Todo TodoStore::newTodo(const QString &listId, const QString &title) const
{
    Todo todo;
    todo.id = Todo::newId();
    todo.listId = listId.isEmpty() ? inboxId() : listId;
    todo.title = title;
    todo.position = TodoRows::endPosition(m_database->database(), todo.listId);
    todo.createdAt = todo.updatedAt = Timestamp::now();
    return todo;
}

TodoList TodoStore::newList(const QString &name) const
{
    TodoList list;
    list.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    list.name = name.trimmed();
    list.position = ListRows::endPosition(m_database->database());
    list.createdAt = list.updatedAt = Timestamp::now();
    return list;
}

QStringList TodoStore::subtaskIds(const QStringList &parentIds, bool openOnly) const
{
    QStringList ids;
    if (parentIds.isEmpty())
        return ids;
    const QString parents = QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(parentIds)).toJson(QJsonDocument::Compact));
    auto query = Sql::select(m_database->database(), StoreQueries::subtaskIds(openOnly), {parents, parents});
    while (query && query->next())
        ids << query->value(0).toString();
    return ids;
}

int TodoStore::occurrenceCount(const QString &seriesId) const
{
    auto query = Sql::select(m_database->database(),
                             StoreQueries::occurrenceCount(), {seriesId});
    return query && query->next() ? query->value(0).toInt() : 0;
}

std::optional<Timestamp::Micros> TodoStore::lastOccurrence(const QString &seriesId) const
{
    auto query = Sql::select(m_database->database(),
                             StoreQueries::lastOccurrence(), {seriesId});
    return query && query->next() ? Sql::optionalMicros(query->value(0)) : std::nullopt;
}

int TodoStore::pendingChangeCount() const
{
    return Outbox::pendingChangeCount(m_database->database());
}

bool TodoStore::fail(const QString &message)
{
    m_lastError = message;
    qCWarning(lcStore) << "write failed:" << message;
    Q_EMIT writeFailed(message);
    return false;
}

bool TodoStore::apply(const Changeset &changes, CacheChange::Origin origin)
{
    const QSqlDatabase db = m_database->database();
    Sql::WriteTransaction transaction(db);
    if (!transaction.isActive())
        return fail(transaction.error());

    const Timestamp::Micros now = Timestamp::now();
    QString error;
    bool listsTouched = false;
    for (TodoList list : changes.lists) {
        list.name = list.name.trimmed();
        if (list.name.isEmpty())
            return fail(tr("A list needs a name."));
        const auto current = ListRows::load(db, list.id);
        if (list.isDeleted() && (list.isInbox || (current && current->isInbox)))
            return fail(tr("The Inbox cannot be deleted."));
        if (current) {
            list.isInbox = current->isInbox;
            list.createdAt = current->createdAt;
        }
        QStringList fields;
        if (!current) {
            fields = ChangeJson::allListFields();
        } else {
            if (current->name != list.name)
                fields << u"name"_s;
            if (current->position != list.position)
                fields << u"position"_s;
            if (current->deletedAt != list.deletedAt)
                fields << u"deleted_at"_s;
        }
        if (fields.isEmpty())
            continue;
        list.updatedAt = now;
        if (!ListRows::write(db, list, &error)
            || !Outbox::append(db, Outbox::kEntityList, list.id, Outbox::kOpUpsert,
                               Outbox::encode(ChangeJson::listValues(list, fields)), &error))
            return fail(error);
        listsTouched = true;
    }

    // The stored rows are read a few thousand at a time, each list once, and
    // every row is written with the same prepared statements: a bulk edit of
    // 100,000 todos costs seconds, not a query or two per row.
    QStringList ids;
    ids.reserve(changes.todos.size());
    for (const Todo &todo : changes.todos)
        ids << todo.id;
    // Prepared once for the life of the store: parsing a 20-column upsert and
    // its outbox insert again for every edit was a tenth of the UI thread's work.
    Sql::Statements &statements = preparedStatements(db);
    const auto resetStatements = qScopeGuard([&statements] { statements.finishAll(); });
    QHash<QString, Todo> stored = TodoRows::loadMany(statements, ids);
    QHash<QString, std::optional<TodoList>> listsById;
    QStringList changedTodoIds;
    bool tagsTouched = false;
    for (Todo todo : changes.todos) {
        const auto found = stored.constFind(todo.id);
        const std::optional<Todo> current = found != stored.cend() ? std::optional<Todo>(*found) : std::nullopt;
        QStringList fields = current ? TodoField::changed(*current, todo) : ChangeJson::allTodoFields();
        if (fields.isEmpty())
            continue;
        // Tag links travel on their own; a row whose tags are as stored keeps its links.
        const bool tagsChanged = fields.removeAll(QString::fromLatin1(TodoField::Tags)) > 0;
        const bool syncTags = !current || tagsChanged;
        if (todo.title.trimmed().isEmpty())
            return fail(tr("A todo needs a title."));
        auto list = listsById.constFind(todo.listId);
        if (list == listsById.cend())
            list = listsById.insert(todo.listId, ListRows::load(db, todo.listId));
        if (!*list || ((*list)->isDeleted() && !todo.isDeleted()))
            return fail(tr("The list of a todo no longer exists."));
        QStringList added, removed;
        if (current)
            todo.createdAt = current->createdAt;
        todo.updatedAt = now;
        if (!TodoRows::write(statements, todo, syncTags, &added, &removed, &error))
            return fail(error);
        stored.insert(todo.id, todo); // the same todo twice: the second sees the first
        if (!fields.isEmpty()
            && !Outbox::append(statements, Outbox::kEntityTodo, todo.id, Outbox::kOpUpsert,
                               Outbox::encode(ChangeJson::todoValues(todo, fields)), &error))
            return fail(error);
        for (const QString &tag : std::as_const(added)) {
            if (!Outbox::append(statements, Outbox::kEntityTodoTag, todo.id, Outbox::kOpAddTag, tag, &error))
                return fail(error);
        }
        for (const QString &tag : std::as_const(removed)) {
            if (!Outbox::append(statements, Outbox::kEntityTodoTag, todo.id, Outbox::kOpRemoveTag, tag,
                                &error))
                return fail(error);
        }
        tagsTouched = tagsTouched || !added.isEmpty() || !removed.isEmpty()
            || fields.contains(QString::fromLatin1(TodoField::DeletedAt))
            || fields.contains(QString::fromLatin1(TodoField::Completed));
        changedTodoIds << todo.id;
    }

    QStringList reminderTodoIds;
    if (!writeReminders(changes.reminders, now, &reminderTodoIds))
        return false;
    for (const QString &id : std::as_const(reminderTodoIds)) {
        if (!changedTodoIds.contains(id))
            changedTodoIds << id;
    }

    if (!transaction.commit())
        return fail(transaction.error());
    m_lastError.clear();
    m_database->announce({origin, changedTodoIds, listsTouched, tagsTouched, !reminderTodoIds.isEmpty()});
    return true;
}

Sql::Statements &TodoStore::preparedStatements(const QSqlDatabase &db)
{
    if (!m_statements || m_statements->database().connectionName() != db.connectionName())
        m_statements = std::make_unique<Sql::Statements>(db);
    return *m_statements;
}

bool TodoStore::dismissConflicts(const QList<qint64> &ids)
{
    const QSqlDatabase db = m_database->database();
    Sql::WriteTransaction transaction(db);
    if (!transaction.isActive())
        return fail(transaction.error());
    QString error;
    for (qint64 id : ids) {
        if (!Sql::exec(db, u"UPDATE conflicts SET dismissed = 1 WHERE id = ?"_s, {id}, &error))
            return fail(error); // the transaction rolls back what was written before
    }
    if (!transaction.commit())
        return fail(transaction.error());
    m_lastError.clear();
    return true;
}
