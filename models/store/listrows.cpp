#include "listrows.h"

#include "sqlhelpers.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace {

const QString kColumns = u"id, name, position, is_inbox, created_at, updated_at, deleted_at"_s;

TodoList fromQuery(const QSqlQuery &query)
{
    TodoList list;
    list.id = query.value(0).toString();
    list.name = query.value(1).toString();
    list.position = query.value(2).toDouble();
    list.isInbox = query.value(3).toBool();
    list.createdAt = query.value(4).toLongLong();
    list.updatedAt = query.value(5).toLongLong();
    list.deletedAt = Sql::optionalMicros(query.value(6));
    return list;
}

} // namespace

namespace ListRows {

std::optional<TodoList> load(const QSqlDatabase &db, const QString &id)
{
    auto query = Sql::select(db, u"SELECT "_s + kColumns + u" FROM lists WHERE id = ?"_s, {id});
    if (!query || !query->next())
        return std::nullopt;
    return fromQuery(*query);
}

QList<TodoList> live(const QSqlDatabase &db)
{
    QList<TodoList> lists;
    auto query = Sql::select(db,
                             u"SELECT "_s + kColumns
                                 + u" FROM lists WHERE deleted_at IS NULL"
                                   " ORDER BY is_inbox DESC, position, name"_s,
                             {});
    while (query && query->next())
        lists << fromQuery(*query);
    return lists;
}

bool write(const QSqlDatabase &db, const TodoList &list, QString *error)
{
    return Sql::exec(db,
                     u"INSERT INTO lists("_s + kColumns
                         + u") VALUES (?, ?, ?, ?, ?, ?, ?)"
                           " ON CONFLICT(id) DO UPDATE SET name = excluded.name,"
                           " position = excluded.position, updated_at = excluded.updated_at,"
                           " deleted_at = excluded.deleted_at"_s,
                     {list.id, list.name, list.position, list.isInbox, list.createdAt,
                      list.updatedAt, Sql::nullableMicros(list.deletedAt)},
                     error);
}

double endPosition(const QSqlDatabase &db)
{
    auto query = Sql::select(db, u"SELECT MAX(position) FROM lists"_s, {});
    if (!query || !query->next() || query->value(0).isNull())
        return 1.0;
    return query->value(0).toDouble() + 1.0;
}

} // namespace ListRows
