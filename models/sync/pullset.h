#pragma once

#include "domain/reminder.h"
#include "domain/todo.h"
#include "domain/todolist.h"

#include <QList>
#include <QString>

// What one pull brought from the server: every row changed since the cursor.
struct PullSet
{
    struct ListRow
    {
        TodoList list;
        qint64 xid = 0;
    };
    struct TodoRow
    {
        Todo todo; // without tags: they come as links
        qint64 xid = 0;
    };
    struct ReminderRow
    {
        Reminder reminder; // without firedFor: that is each desktop's own
        qint64 xid = 0;
    };
    struct TagLink
    {
        QString todoId;
        QString name;
        bool removed = false;
    };
    struct Conflict
    {
        qint64 id = 0;
        QString entity, entityId, field, lostValue, wonValue, kind;
        Timestamp::Micros createdAt = 0;
    };

    QString newCursor; // the snapshot's xmin: every transaction below it had finished
    QString purgeXid;  // tombstones older than this are gone from the server
    QList<ListRow> lists;
    QList<TodoRow> todos;
    QList<TagLink> links;
    QList<ReminderRow> reminders;
    QList<Conflict> conflicts;

    int rowCount() const
    {
        return int(lists.size() + todos.size() + links.size() + reminders.size() + conflicts.size());
    }
};
