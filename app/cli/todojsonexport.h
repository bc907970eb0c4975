#pragma once

#include "domain/todo.h"
#include "domain/todolist.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>

// The JSON shape of tandem-cli's export and list --json. Field names follow
// the cloud schema (tandem.todos, tandem.lists), so a script can compare
// what it reads here with what it reads on the server. Times are ISO-8601
// in UTC with microseconds (Timestamp::toIsoUtc), as exact as the cache.
class TodoJsonExport
{
public:
    // id, list_id, title, notes, completed, due_at (or null), due_has_time,
    // priority (0-3), tags (names), created_at, updated_at; repeat (the
    // RRULE without its prefix, or null), repeat_from ("due" or
    // "completion"), time_zone (the IANA id the repeat follows, or null),
    // start_at (or null), parent_id (or null); and for a completed
    // occurrence of a repeating todo, series_id and occurrence (the due
    // date-time it had).
    static QJsonObject todo(const Todo &todo);
    // id, name, position, is_inbox.
    static QJsonObject list(const TodoList &list);

    // Each todo with "reminders": the times (ISO-8601, UTC) its reminders
    // fire next (reminderTimes, by todo id), or [].
    static QJsonArray todos(const QList<Todo> &todos, const QHash<QString, QStringList> &reminderTimes);
    // {"lists": [...], "todos": [...]}
    static QJsonObject document(const QList<TodoList> &lists, const QList<Todo> &todos,
                                const QHash<QString, QStringList> &reminderTimes);

private:
    static QJsonObject base(const Todo &todo);
};
