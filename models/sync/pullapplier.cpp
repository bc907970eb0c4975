#include "pullapplier.h"

#include "domain/changejson.h"
#include "domain/tagkey.h"
#include "store/listrows.h"
#include "store/outbox.h"
#include "store/searchindexbatch.h"
#include "store/sqlhelpers.h"
#include "store/todorows.h"
#include "syncstate.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace {

const QString kUpsertTodo =
    u"INSERT INTO todos(id, list_id, title, notes, completed, completed_at, due_at, due_has_time,"
    " priority, position, created_at, updated_at, deleted_at, sync_xid,"
    " repeat_rule, repeat_from, time_zone, series_id, occurrence, parent_id, start_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT(id) DO UPDATE SET list_id = excluded.list_id, title = excluded.title,"
    " notes = excluded.notes, completed = excluded.completed, completed_at = excluded.completed_at,"
    " due_at = excluded.due_at, due_has_time = excluded.due_has_time, priority = excluded.priority,"
    " position = excluded.position, created_at = excluded.created_at, updated_at = excluded.updated_at,"
    " deleted_at = excluded.deleted_at, sync_xid = excluded.sync_xid,"
    " repeat_rule = excluded.repeat_rule, repeat_from = excluded.repeat_from,"
    " time_zone = excluded.time_zone, series_id = excluded.series_id,"
    " occurrence = excluded.occurrence, parent_id = excluded.parent_id, start_at = excluded.start_at"_s;

QString tagOpKey(const QString &todoId, const QString &name)
{
    return todoId + u'\n' + TagKey::of(name);
}

PullApplier::TransactionHook &transactionHook()
{
    static PullApplier::TransactionHook hook;
    return hook;
}

} // namespace

PullApplier::PullApplier(const QSqlDatabase &db)
    : m_db(db)
{
}

void PullApplier::setBeforeTransactionHookForTests(TransactionHook hook)
{
    transactionHook() = std::move(hook);
}

void PullApplier::beforeTransaction(const PullSet &pull, int *transaction) const
{
    if (const TransactionHook &hook = transactionHook())
        hook(pull, *transaction);
    ++*transaction;
}

void PullApplier::loadPendingFields(const char *entity, const QStringList &ids, QHash<QString, QSet<QString>> *fields) const
{
    fields->clear();
    // With ids: only their outbox rows (outbox_by_entity), so that a chunk
    // of a big pull does not read a long outbox again and again.
    QString sql = u"SELECT entity_id, payload FROM outbox WHERE entity = ?"_s;
    QVariantList values = {QString::fromLatin1(entity)};
    if (!ids.isEmpty()) {
        sql += u" AND entity_id IN (SELECT value FROM json_each(?))"_s;
        values << QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(ids)).toJson(QJsonDocument::Compact));
    }
    auto query = Sql::select(m_db, sql, values);
    while (query && query->next()) {
        QSet<QString> &set = (*fields)[query->value(0).toString()];
        const QStringList names = QJsonDocument::fromJson(query->value(1).toString().toUtf8()).object().keys();
        for (const QString &name : names)
            set.insert(name);
    }
}

void PullApplier::loadPendingTagOps()
{
    m_pendingTagOps.clear();
    auto query = Sql::select(m_db, u"SELECT entity_id, payload FROM outbox WHERE entity = ?"_s,
                             {QString::fromLatin1(Outbox::kEntityTodoTag)});
    while (query && query->next())
        m_pendingTagOps.insert(tagOpKey(query->value(0).toString(), query->value(1).toString()));
}

int PullApplier::liveTodoCount() const
{
    auto query = Sql::select(m_db, u"SELECT COUNT(*) FROM todos WHERE deleted_at IS NULL"_s, {});
    return query && query->next() ? query->value(0).toInt() : 0;
}

int PullApplier::deletionCount(const PullSet &pull)
{
    loadPendingFields(Outbox::kEntityTodo, {}, &m_pendingTodoFields);
    QStringList deleted;
    for (const PullSet::TodoRow &row : pull.todos) {
        if (row.todo.deletedAt && !m_pendingTodoFields.contains(row.todo.id))
            deleted << row.todo.id;
    }
    int count = 0;
    for (const QString &id : std::as_const(deleted)) {
        auto query = Sql::select(m_db, u"SELECT 1 FROM todos WHERE id = ? AND deleted_at IS NULL"_s, {id});
        if (query && query->next())
            ++count;
    }
    return count;
}

bool PullApplier::apply(const PullSet &pull, const QString &newCursor, QString *error)
{
    m_changedTodos.clear();
    int transaction = 0;
    beforeTransaction(pull, &transaction);
    if (!applyLists(pull.lists, error))
        return false;
    if (pull.todos.size() >= kBulkRows) {
        beforeTransaction(pull, &transaction);
        if (!applyTodosInBulk(pull.todos, error))
            return false;
    } else {
        for (qsizetype from = 0; from < pull.todos.size(); from += kRowsPerTransaction) {
            beforeTransaction(pull, &transaction);
            if (!applyTodos(pull.todos, from, std::min(pull.todos.size(), from + kRowsPerTransaction), error))
                return false;
        }
    }
    beforeTransaction(pull, &transaction);
    if (!applyLinks(pull.links, error))
        return false;
    // After the todos they name.
    beforeTransaction(pull, &transaction);
    if (!applyReminders(pull.reminders, error))
        return false;
    beforeTransaction(pull, &transaction);
    return applyConflicts(pull.conflicts, newCursor, error);
}

bool PullApplier::applyTodosInBulk(const QList<PullSet::TodoRow> &rows, QString *error)
{
    // A first sync of a big cloud: keeping four secondary indexes and the
    // full-text index in order row by row costs more than building them once
    // at the end. One transaction; the index definitions come from the
    // schema itself.
    Sql::WriteTransaction transaction(m_db);
    if (!transaction.isActive()) {
        *error = transaction.error();
        return false;
    }
    loadPendingFields(Outbox::kEntityTodo, {}, &m_pendingTodoFields);
    QStringList ids;
    ids.reserve(rows.size());
    for (const PullSet::TodoRow &row : rows)
        ids << row.todo.id;
    SearchIndexBatch search(m_db);
    if (!search.begin(ids, error))
        return false;
    QList<std::pair<QString, QString>> indexes;
    auto found = Sql::select(m_db,
                             u"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'todos'"
                             " AND sql IS NOT NULL"_s,
                             {}, error);
    while (found && found->next())
        indexes.append({found->value(0).toString(), found->value(1).toString()});
    found.reset();
    for (const auto &[name, sql] : std::as_const(indexes)) {
        // The name comes from sqlite_master, not from anyone's input.
        if (!Sql::exec(m_db, u"DROP INDEX \"%1\""_s.arg(name), {}, error))
            return false;
    }
    if (!writeTodos(rows, 0, rows.size(), error) || !search.finish(error))
        return false;
    for (const auto &[name, sql] : std::as_const(indexes)) {
        if (!Sql::exec(m_db, sql, {}, error))
            return false;
    }
    if (!transaction.commit()) {
        *error = transaction.error();
        return false;
    }
    return true;
}

bool PullApplier::applyLists(const QList<PullSet::ListRow> &rows, QString *error)
{
    if (rows.isEmpty())
        return true;
    Sql::WriteTransaction transaction(m_db);
    if (!transaction.isActive()) {
        *error = transaction.error();
        return false;
    }
    loadPendingFields(Outbox::kEntityList, {}, &m_pendingListFields);
    for (const PullSet::ListRow &row : rows) {
        TodoList list = row.list;
        const QSet<QString> pending = m_pendingListFields.value(list.id);
        if (!pending.isEmpty()) {
            if (const auto local = ListRows::load(m_db, list.id)) {
                // Keep what is waiting to be pushed; take the rest from the server.
                const QJsonObject mine = ChangeJson::listValues(*local, QStringList(pending.cbegin(), pending.cend()));
                ChangeJson::applyListValues(mine, list);
            }
        }
        if (!ListRows::write(m_db, list, error)
            || !Sql::exec(m_db, u"UPDATE lists SET sync_xid = ? WHERE id = ?"_s, {row.xid, list.id}, error))
            return false;
    }
    m_listsChanged = true;
    if (!transaction.commit()) {
        *error = transaction.error();
        return false;
    }
    return true;
}

bool PullApplier::applyTodos(const QList<PullSet::TodoRow> &rows, qsizetype from, qsizetype to, QString *error)
{
    Sql::WriteTransaction transaction(m_db);
    if (!transaction.isActive()) {
        *error = transaction.error();
        return false;
    }
    QStringList ids;
    ids.reserve(to - from);
    for (qsizetype i = from; i < to; ++i)
        ids << rows.at(i).todo.id;
    loadPendingFields(Outbox::kEntityTodo, ids, &m_pendingTodoFields);
    if (!writeTodos(rows, from, to, error))
        return false;
    if (!transaction.commit()) {
        *error = transaction.error();
        return false;
    }
    return true;
}

bool PullApplier::writeTodos(const QList<PullSet::TodoRow> &rows, qsizetype from, qsizetype to, QString *error)
{
    QSqlQuery upsert(m_db);
    if (!upsert.prepare(kUpsertTodo)) {
        *error = upsert.lastError().text();
        return false;
    }
    QSet<QString> knownLists;
    for (qsizetype i = from; i < to; ++i) {
        Todo todo = rows.at(i).todo;
        const QSet<QString> pending = m_pendingTodoFields.value(todo.id);
        if (!pending.isEmpty()) {
            if (const auto local = TodoRows::load(m_db, todo.id)) {
                const QJsonObject mine = ChangeJson::todoValues(*local, QStringList(pending.cbegin(), pending.cend()));
                ChangeJson::applyTodoValues(mine, todo);
            }
        }
        // A list this cache never heard of (deleted and purged meanwhile): keep the todo in the Inbox.
        if (!knownLists.contains(todo.listId)) {
            if (ListRows::load(m_db, todo.listId)) {
                knownLists.insert(todo.listId);
            } else {
                auto inbox = Sql::select(m_db, u"SELECT id FROM lists WHERE is_inbox = 1 AND deleted_at IS NULL LIMIT 1"_s, {});
                if (inbox && inbox->next())
                    todo.listId = inbox->value(0).toString();
            }
        }
        const QVariantList values = {todo.id, todo.listId, todo.title, todo.notes, todo.completed,
                                     Sql::nullableMicros(todo.completedAt), Sql::nullableMicros(todo.dueAt),
                                     todo.dueHasTime, static_cast<int>(todo.priority), todo.position,
                                     todo.createdAt, todo.updatedAt, Sql::nullableMicros(todo.deletedAt),
                                     rows.at(i).xid, Sql::notNullText(todo.repeatRule),
                                     ChangeJson::repeatFrom(todo.repeatFromCompletion),
                                     Sql::notNullText(todo.timeZone),
                                     Sql::nullableText(todo.seriesId), Sql::nullableMicros(todo.occurrence),
                                     Sql::nullableText(todo.parentId), Sql::nullableMicros(todo.startAt)};
        for (int v = 0; v < values.size(); ++v)
            upsert.bindValue(v, values.at(v));
        if (!upsert.exec()) {
            *error = upsert.lastError().text();
            return false;
        }
        m_changedTodos << todo.id;
        if (todo.deletedAt)
            m_tagsChanged = true; // tag counts change with it
    }
    return true;
}

bool PullApplier::applyLinks(const QList<PullSet::TagLink> &links, QString *error)
{
    if (links.isEmpty())
        return true;
    Sql::WriteTransaction transaction(m_db);
    if (!transaction.isActive()) {
        *error = transaction.error();
        return false;
    }
    loadPendingTagOps();
    QHash<QString, QString> tagIds;
    auto existing = Sql::select(m_db, u"SELECT name_key, id FROM tags"_s, {});
    while (existing && existing->next())
        tagIds.insert(existing->value(0).toString(), existing->value(1).toString());
    // Several server tags can have one key here: tags written before the
    // server kept keys (cloud schema step 9). A todo has the tag when any of
    // them links it, whatever order the links came in.
    QSet<QString> liveLinks;
    for (const PullSet::TagLink &link : links) {
        if (!link.removed)
            liveLinks.insert(tagOpKey(link.todoId, link.name));
    }
    for (const PullSet::TagLink &link : links) {
        const QString opKey = tagOpKey(link.todoId, link.name);
        if (m_pendingTagOps.contains(opKey) || (link.removed && liveLinks.contains(opKey)))
            continue;
        const QString key = TagKey::of(link.name);
        QString tagId = tagIds.value(key);
        if (tagId.isEmpty()) {
            if (link.removed)
                continue;
            tagId = QUuid::createUuid().toString(QUuid::WithoutBraces);
            if (!Sql::exec(m_db, u"INSERT INTO tags(id, name, name_key) VALUES (?, ?, ?)"_s, {tagId, TagKey::displayName(link.name), key}, error))
                return false;
            tagIds.insert(key, tagId);
        }
        const bool ok = link.removed
            ? Sql::exec(m_db, u"DELETE FROM todo_tags WHERE todo_id = ? AND tag_id = ?"_s, {link.todoId, tagId}, error)
            : Sql::exec(m_db,
                        u"INSERT OR IGNORE INTO todo_tags(todo_id, tag_id)"
                        " SELECT ?, ? WHERE EXISTS (SELECT 1 FROM todos WHERE id = ?)"_s,
                        {link.todoId, tagId, link.todoId}, error);
        if (!ok)
            return false;
        m_changedTodos << link.todoId;
    }
    m_tagsChanged = true;
    if (!transaction.commit()) {
        *error = transaction.error();
        return false;
    }
    return true;
}

bool PullApplier::applyConflicts(const QList<PullSet::Conflict> &conflicts, const QString &newCursor, QString *error)
{
    if (conflicts.isEmpty() && newCursor.isEmpty())
        return true;
    Sql::WriteTransaction transaction(m_db);
    if (!transaction.isActive()) {
        *error = transaction.error();
        return false;
    }
    for (const PullSet::Conflict &conflict : conflicts) {
        if (!Sql::exec(m_db,
                       u"INSERT OR IGNORE INTO conflicts(id, entity, entity_id, field, lost_value, won_value, kind, created_at)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s,
                       {conflict.id, conflict.entity, conflict.entityId, conflict.field, conflict.lostValue,
                        conflict.wonValue, conflict.kind, conflict.createdAt},
                       error))
            return false;
    }
    // With the last rows: a cursor that moved past rows not yet written would skip them for good.
    if (!newCursor.isEmpty() && !SyncState(m_db).setPullCursor(newCursor)) {
        *error = u"cannot store the pull cursor"_s;
        return false;
    }
    if (!transaction.commit()) {
        *error = transaction.error();
        return false;
    }
    return true;
}
