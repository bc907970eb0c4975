#include "tagkeyupgrade.h"

#include "domain/tagkey.h"
#include "sqlhelpers.h"

#include <QHash>
#include <QList>

using namespace Qt::StringLiterals;

namespace TagKeyUpgrade {

bool rekey(const QSqlDatabase &db, QString *error)
{
    struct Row
    {
        QString id, oldKey, newKey;
    };
    QList<Row> rows;
    QHash<QString, QString> idByKey; // what name_key holds, as the loop changes it
    auto query = Sql::select(db, u"SELECT id, name, name_key FROM tags ORDER BY rowid"_s, {}, error);
    if (!query)
        return false;
    while (query->next()) {
        const QString key = query->value(2).toString();
        idByKey.insert(key, query->value(0).toString());
        rows.append({query->value(0).toString(), key, TagKey::of(query->value(1).toString())});
    }
    for (const Row &row : std::as_const(rows)) {
        if (row.newKey == row.oldKey)
            continue;
        const QString keeper = idByKey.value(row.newKey);
        if (keeper.isEmpty()) {
            if (!Sql::exec(db, u"UPDATE tags SET name_key = ? WHERE id = ?"_s, {row.newKey, row.id}, error))
                return false;
            idByKey.remove(row.oldKey);
            idByKey.insert(row.newKey, row.id);
            continue;
        }
        // Another tag has the key already: its links get this tag's links.
        // No outbox row: the server knows both by the same key.
        if (!Sql::exec(db,
                       u"INSERT OR IGNORE INTO todo_tags(todo_id, tag_id)"
                       " SELECT todo_id, ? FROM todo_tags WHERE tag_id = ?"_s,
                       {keeper, row.id}, error)
            || !Sql::exec(db, u"DELETE FROM todo_tags WHERE tag_id = ?"_s, {row.id}, error)
            || !Sql::exec(db, u"DELETE FROM tags WHERE id = ?"_s, {row.id}, error))
            return false;
        idByKey.remove(row.oldKey);
    }
    return true;
}

} // namespace TagKeyUpgrade
