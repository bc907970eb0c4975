#include "importvalidator.h"

#include "cloud/pgconnection.h"

#include <QCryptographicHash>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

// The same canonical form as rowChecksum(), in SQL. COLLATE "C" sorts by
// bytes, like the C++ side.
const QString kServerChecksums = uR"(
SELECT t.legacy_id, md5(concat_ws(E'\x1f',
    t.legacy_id::text, t.title, t.notes, t.completed::text, t.priority::text,
    ((extract(epoch FROM t.created_at) * 1000000)::int8)::text,
    ((extract(epoch FROM t.updated_at) * 1000000)::int8)::text,
    coalesce(((extract(epoch FROM t.due_at) * 1000000)::int8)::text, ''),
    coalesce((SELECT string_agg(lower(g.name), ',' ORDER BY lower(g.name) COLLATE "C")
              FROM tandem.todo_tags tt JOIN tandem.tags g ON g.id = tt.tag_id
              WHERE tt.todo_id = t.id AND tt.deleted_at IS NULL), '')))
FROM tandem.todos t
WHERE t.list_id = $1 AND t.owner = current_user AND t.deleted_at IS NULL
ORDER BY t.legacy_id
)"_s;

} // namespace

QString ImportValidator::rowChecksum(const MappedTodo &todo)
{
    QList<QByteArray> tags;
    for (const QString &tag : todo.tags)
        tags.append(tag.toUtf8());
    std::sort(tags.begin(), tags.end());
    const QChar sep(0x1f);
    const QString canonical = QString::number(todo.legacyId) + sep + todo.title + sep + todo.notes + sep
                              + (todo.completed ? u"true"_s : u"false"_s) + sep + QString::number(todo.priority)
                              + sep + QString::number(todo.createdUs) + sep + QString::number(todo.updatedUs) + sep
                              + (todo.dueUs ? QString::number(*todo.dueUs) : QString()) + sep
                              + QString::fromUtf8(tags.join(','));
    return QString::fromLatin1(QCryptographicHash::hash(canonical.toUtf8(), QCryptographicHash::Md5).toHex());
}

QString ImportValidator::planChecksum(const MigrationPlan &plan)
{
    QCryptographicHash hash(QCryptographicHash::Md5);
    for (const MappedTodo &todo : plan.todos)
        hash.addData(rowChecksum(todo).toLatin1());
    return QString::fromLatin1(hash.result().toHex());
}

ImportValidator::Result ImportValidator::validate(PgConnection &pg, const MigrationPlan &plan)
{
    Result result;
    result.expectedRows = plan.todos.size();
    const PgResult rows = pg.exec(kServerChecksums, {plan.listId.toString(QUuid::WithoutBraces)});
    if (!rows.ok()) {
        result.error = rows.errorMessage();
        return result;
    }
    result.cloudRows = rows.rowCount();
    QHash<qint64, QString> cloud;
    for (int r = 0; r < rows.rowCount(); ++r)
        cloud.insert(rows.int64(r, 0), rows.text(r, 1));
    QCryptographicHash total(QCryptographicHash::Md5);
    for (const MappedTodo &todo : plan.todos) {
        const QString mine = rowChecksum(todo);
        total.addData(mine.toLatin1());
        const auto it = cloud.constFind(todo.legacyId);
        if (it == cloud.cend())
            result.mismatches << u"todo %1: missing in the cloud"_s.arg(todo.legacyId);
        else if (*it != mine)
            result.mismatches << u"todo %1: the cloud's values differ from the legacy row's"_s.arg(todo.legacyId);
        cloud.remove(todo.legacyId);
    }
    for (auto it = cloud.cbegin(); it != cloud.cend(); ++it)
        result.mismatches << u"todo %1: in the cloud's Imported list but not in the legacy file"_s.arg(it.key());
    result.checksum = QString::fromLatin1(total.result().toHex());
    if (!result.mismatches.isEmpty())
        return result;
    if (!pg.run(u"UPDATE tandem.legacy_imports SET status = 'validated', checksum = $2, validated_at = now(),"
                " finished_at = now(), heartbeat = NULL WHERE owner = current_user AND fingerprint = $1"_s,
                {plan.fingerprint, result.checksum})) {
        result.error = pg.lastError();
        return result;
    }
    result.ok = true;
    return result;
}
