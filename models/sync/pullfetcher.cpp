#include "pullfetcher.h"

#include "cloud/pgconnection.h"
#include "domain/changejson.h"
#include "pullset.h"

using namespace Qt::StringLiterals;

namespace {

// Times leave PostgreSQL as integer microseconds: exact, and independent of
// the session's time zone and of QDateTime's milliseconds.
QString micros(const char *column)
{
    return u"(extract(epoch FROM %1) * 1000000)::int8"_s.arg(QString::fromLatin1(column));
}

std::optional<Timestamp::Micros> optionalMicros(const PgResult &result, int row, int column)
{
    if (result.isNull(row, column))
        return std::nullopt;
    return result.int64(row, column);
}

} // namespace

bool PullFetcher::fetch(
    PgConnection &pg, const QString &cursor, int statementTimeoutMs, PullSet *pull)
{
    const QString owner
        = u" AND owner = current_user"_s; // even a role that bypasses RLS sees only its own
    bool ok = false;
    const QList<PgResult> rows = pg.transaction(
        {
            {u"SELECT pg_snapshot_xmin(pg_current_snapshot())::text,"
             " coalesce((SELECT value FROM tandem.meta WHERE key = 'purge_xid'), '0')"_s,
                {}},
            {u"SELECT id, name, position, is_inbox, %1, %2, %3, change_xid::text FROM tandem.lists"
             " WHERE change_xid >= $1::xid8"_s.arg(
                 micros("created_at"), micros("updated_at"), micros("deleted_at"))
                    + owner,
                {cursor}},
            {u"SELECT id, list_id, title, notes, completed, %1, %2, due_has_time, priority, "
             u"position, %3, %4, %5,"
             " change_xid::text, repeat_rule, repeat_from, time_zone, series_id, %6, parent_id, %7"
             " FROM tandem.todos WHERE change_xid >= $1::xid8"_s.arg(
                 micros("completed_at"), micros("due_at"), micros("created_at"),
                 micros("updated_at"), micros("deleted_at"), micros("occurrence"), micros("start_at"))
                    + owner,
                {cursor}},
            {u"SELECT tt.todo_id, g.name, tt.deleted_at IS NOT NULL FROM tandem.todo_tags tt"
             " JOIN tandem.tags g ON g.id = tt.tag_id"
             " WHERE (tt.change_xid >= $1::xid8 OR g.change_xid >= $1::xid8) AND tt.owner = current_user"_s,
                {cursor}},
            {u"SELECT id, entity, entity_id, field, lost_value::text, won_value::text, kind, %1"
             " FROM tandem.conflicts WHERE change_xid >= $1::xid8"_s.arg(micros("created_at"))
                    + owner,
                {cursor}},
            {u"SELECT id, todo_id, kind, %1, offset_minutes, day_time, %2, %3, %4, %5, %6, change_xid::text"
             " FROM tandem.reminders WHERE change_xid >= $1::xid8"_s.arg(
                 micros("at"), micros("acknowledged_for"), micros("snoozed_until"), micros("created_at"),
                 micros("updated_at"), micros("deleted_at"))
                    + owner,
                {cursor}},
        },
        statementTimeoutMs, &ok, u"ISOLATION LEVEL REPEATABLE READ READ ONLY"_s);
    if (!ok)
        return false;
    pull->newCursor = rows[0].text(0, 0);
    pull->purgeXid = rows[0].text(0, 1);
    const PgResult &lists = rows[1];
    for (int r = 0; r < lists.rowCount(); ++r) {
        PullSet::ListRow row;
        row.list.id = lists.text(r, 0);
        row.list.name = lists.text(r, 1);
        row.list.position = lists.real(r, 2);
        row.list.isInbox = lists.boolean(r, 3);
        row.list.createdAt = lists.int64(r, 4);
        row.list.updatedAt = lists.int64(r, 5);
        row.list.deletedAt = optionalMicros(lists, r, 6);
        row.xid = lists.int64(r, 7);
        pull->lists << row;
    }
    const PgResult &todos = rows[2];
    pull->todos.reserve(todos.rowCount());
    for (int r = 0; r < todos.rowCount(); ++r) {
        PullSet::TodoRow row;
        Todo &todo = row.todo;
        todo.id = todos.text(r, 0);
        todo.listId = todos.text(r, 1);
        todo.title = todos.text(r, 2);
        todo.notes = todos.text(r, 3);
        todo.completed = todos.boolean(r, 4);
        todo.completedAt = optionalMicros(todos, r, 5);
        todo.dueAt = optionalMicros(todos, r, 6);
        todo.dueHasTime = todos.boolean(r, 7);
        todo.priority = Priorities::fromInt(int(todos.int64(r, 8)));
        todo.position = todos.real(r, 9);
        todo.createdAt = todos.int64(r, 10);
        todo.updatedAt = todos.int64(r, 11);
        todo.deletedAt = optionalMicros(todos, r, 12);
        row.xid = todos.int64(r, 13);
        todo.repeatRule = todos.text(r, 14);
        todo.repeatFromCompletion = todos.text(r, 15) == ChangeJson::repeatFrom(true);
        todo.timeZone = todos.text(r, 16);
        todo.seriesId = todos.isNull(r, 17) ? QString() : todos.text(r, 17);
        todo.occurrence = optionalMicros(todos, r, 18);
        todo.parentId = todos.isNull(r, 19) ? QString() : todos.text(r, 19);
        todo.startAt = optionalMicros(todos, r, 20);
        pull->todos << row;
    }
    const PgResult &links = rows[3];
    for (int r = 0; r < links.rowCount(); ++r)
        pull->links << PullSet::TagLink {links.text(r, 0), links.text(r, 1), links.boolean(r, 2)};
    const PgResult &conflicts = rows[4];
    for (int r = 0; r < conflicts.rowCount(); ++r) {
        pull->conflicts << PullSet::Conflict {conflicts.int64(r, 0), conflicts.text(r, 1),
            conflicts.text(r, 2), conflicts.text(r, 3), conflicts.text(r, 4), conflicts.text(r, 5),
            conflicts.text(r, 6), conflicts.int64(r, 7)};
    }
    const PgResult &reminders = rows[5];
    for (int r = 0; r < reminders.rowCount(); ++r) {
        PullSet::ReminderRow row;
        Reminder &reminder = row.reminder;
        reminder.id = reminders.text(r, 0);
        reminder.todoId = reminders.text(r, 1);
        reminder.kind = ReminderField::kindFromName(reminders.text(r, 2));
        reminder.at = optionalMicros(reminders, r, 3);
        reminder.offsetMinutes = int(reminders.int64(r, 4));
        reminder.dayTime = reminders.isNull(r, 5) ? std::nullopt : std::optional(int(reminders.int64(r, 5)));
        reminder.acknowledgedFor = optionalMicros(reminders, r, 6);
        reminder.snoozedUntil = optionalMicros(reminders, r, 7);
        reminder.createdAt = reminders.int64(r, 8);
        reminder.updatedAt = reminders.int64(r, 9);
        reminder.deletedAt = optionalMicros(reminders, r, 10);
        row.xid = reminders.int64(r, 11);
        pull->reminders << row;
    }
    return true;
}
