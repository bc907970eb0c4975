#pragma once

// What a person sees of their todos, read from a desktop's cache or from the
// server, so that sync tests can compare the two. Header-only: it needs
// tandem_models, which only the tests that sync link.

#include "cloud/cloudschema.h"
#include "cloud/pgconnection.h"
#include "scratchdatabase.h"
#include "store/sqlhelpers.h"

#include <QMap>
#include <QSqlDatabase>
#include <QStringList>
#include <QUuid>

#include <memory>
#include <optional>

struct TodoSnapshot
{
    QString title;
    QString notes;
    bool completed = false;
    int priority = 0;
    std::optional<qint64> dueAt;
    QString listId;
    QStringList tags; // sorted without regard to case

    bool operator==(const TodoSnapshot &other) const = default;

    QString describe() const
    {
        return QStringLiteral("{title=%1 notes=%2 completed=%3 priority=%4 due=%5 list=%6 tags=[%7]}")
            .arg(title, notes, completed ? QStringLiteral("yes") : QStringLiteral("no"))
            .arg(priority)
            .arg(dueAt ? QString::number(*dueAt) : QStringLiteral("none"), listId, tags.join(u','));
    }
};

// Live todos by id.
using TodoSnapshots = QMap<QString, TodoSnapshot>;

namespace SyncSnapshot {

// A libpq connection to a scratch database (as the admin when user is
// empty) that removes its QSqlDatabase again. Use it in one thread.
class CloudConnection
{
public:
    explicit CloudConnection(const ScratchDatabase &cloud, const QString &user = {}, bool viaBouncer = false)
        : m_name(QStringLiteral("snapshot-") + QUuid::createUuid().toString(QUuid::Id128))
    {
        m_pg = std::make_unique<PgConnection>(cloud.connection(m_name, user, viaBouncer));
        if (!m_pg->open())
            qWarning("cannot connect to %s: %s", qPrintable(cloud.name()), qPrintable(m_pg->lastError()));
    }
    ~CloudConnection()
    {
        m_pg.reset();
        QSqlDatabase::removeDatabase(m_name);
    }
    CloudConnection(const CloudConnection &) = delete;
    CloudConnection &operator=(const CloudConnection &) = delete;

    PgConnection *operator->() const { return m_pg.get(); }
    PgConnection &operator*() const { return *m_pg; }

    // The first column of the first row as a number (-1 on error).
    qint64 number(const QString &sql, const QVariantList &params = {}) const
    {
        const PgResult result = m_pg->exec(sql, params);
        if (!result.ok() || result.rowCount() < 1) {
            qWarning("%s: %s", qPrintable(sql), qPrintable(m_pg->lastError()));
            return -1;
        }
        return result.int64(0, 0);
    }

private:
    QString m_name;
    std::unique_ptr<PgConnection> m_pg;
};

// Creates the cloud schema as the admin: ordinary roles may not.
inline bool migrate(const ScratchDatabase &cloud)
{
    const CloudConnection admin(cloud);
    return admin->isOpen() && CloudSchema::ensure(*admin).usable();
}

inline QStringList sortedTags(const QString &joined)
{
    QStringList tags = joined.split(u'\n', Qt::SkipEmptyParts);
    tags.sort(Qt::CaseInsensitive);
    return tags;
}

// The live todos of a desktop's cache.
inline TodoSnapshots local(const QSqlDatabase &db)
{
    TodoSnapshots todos;
    auto query = Sql::select(db,
                             QStringLiteral("SELECT t.id, t.title, t.notes, t.completed, t.priority, t.due_at, t.list_id,"
                                            " (SELECT group_concat(g.name, char(10)) FROM todo_tags tt"
                                            "  JOIN tags g ON g.id = tt.tag_id WHERE tt.todo_id = t.id)"
                                            " FROM todos t WHERE t.deleted_at IS NULL"),
                             {});
    while (query && query->next()) {
        TodoSnapshot todo;
        todo.title = query->value(1).toString();
        todo.notes = query->value(2).toString();
        todo.completed = query->value(3).toBool();
        todo.priority = query->value(4).toInt();
        if (!query->value(5).isNull())
            todo.dueAt = query->value(5).toLongLong();
        todo.listId = query->value(6).toString();
        todo.tags = sortedTags(query->value(7).toString());
        todos.insert(query->value(0).toString(), todo);
    }
    return todos;
}

// The live todos of one person on the server (connection: any role that may
// read them, e.g. the admin).
inline TodoSnapshots server(PgConnection &pg, const QString &owner)
{
    TodoSnapshots todos;
    const PgResult rows = pg.exec(
        QStringLiteral("SELECT t.id, t.title, t.notes, t.completed, t.priority,"
                       " (extract(epoch FROM t.due_at) * 1000000)::int8, t.list_id,"
                       " coalesce((SELECT string_agg(g.name, E'\\n') FROM tandem.todo_tags tt"
                       "  JOIN tandem.tags g ON g.id = tt.tag_id"
                       "  WHERE tt.todo_id = t.id AND tt.deleted_at IS NULL), '')"
                       " FROM tandem.todos t WHERE t.deleted_at IS NULL AND t.owner = $1"),
        {owner});
    if (!rows.ok())
        qWarning("server snapshot: %s", qPrintable(pg.lastError()));
    for (int r = 0; r < rows.rowCount(); ++r) {
        TodoSnapshot todo;
        todo.title = rows.text(r, 1);
        todo.notes = rows.text(r, 2);
        todo.completed = rows.boolean(r, 3);
        todo.priority = int(rows.int64(r, 4));
        if (!rows.isNull(r, 5))
            todo.dueAt = rows.int64(r, 5);
        todo.listId = rows.text(r, 6);
        todo.tags = sortedTags(rows.text(r, 7));
        todos.insert(rows.text(r, 0), todo);
    }
    return todos;
}

// How two sets differ, for a failure message; empty when they are equal.
inline QString difference(const TodoSnapshots &a, const TodoSnapshots &b, const QString &nameA,
                          const QString &nameB, int maxLines = 8)
{
    QStringList lines;
    for (auto it = a.cbegin(); it != a.cend(); ++it) {
        if (!b.contains(it.key()))
            lines << QStringLiteral("%1 only on %2: %3").arg(it.key(), nameA, it->describe());
        else if (b.value(it.key()) != *it)
            lines << QStringLiteral("%1 differs: %2 %3, %4 %5")
                         .arg(it.key(), nameA, it->describe(), nameB, b.value(it.key()).describe());
    }
    for (auto it = b.cbegin(); it != b.cend(); ++it) {
        if (!a.contains(it.key()))
            lines << QStringLiteral("%1 only on %2: %3").arg(it.key(), nameB, it->describe());
    }
    if (lines.size() > maxLines) {
        const qsizetype more = lines.size() - maxLines;
        lines = lines.mid(0, maxLines);
        lines << QStringLiteral("... and %1 more").arg(more);
    }
    return lines.join(u'\n');
}

} // namespace SyncSnapshot
