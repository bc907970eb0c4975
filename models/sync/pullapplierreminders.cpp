// PullApplier's reminders: see the comment in pullapplier.h.
#include "pullapplier.h"

#include "domain/changejson.h"
#include "store/outbox.h"
#include "store/reminderrows.h"
#include "store/sqlhelpers.h"

using namespace Qt::StringLiterals;

bool PullApplier::applyReminders(const QList<PullSet::ReminderRow> &rows, QString *error)
{
    if (rows.isEmpty())
        return true;
    Sql::WriteTransaction transaction(m_db);
    if (!transaction.isActive()) {
        *error = transaction.error();
        return false;
    }
    QStringList ids;
    ids.reserve(rows.size());
    for (const PullSet::ReminderRow &row : rows)
        ids << row.reminder.id;
    QHash<QString, QSet<QString>> pendingFields;
    loadPendingFields(Outbox::kEntityReminder, ids, &pendingFields);
    for (const PullSet::ReminderRow &row : rows) {
        Reminder reminder = row.reminder;
        const QSet<QString> pending = pendingFields.value(reminder.id);
        if (!pending.isEmpty()) {
            if (const auto local = ReminderRows::load(m_db, reminder.id)) {
                // A snooze or a dismissal made here and not yet pushed stays.
                const QJsonObject mine = ChangeJson::reminderValues(*local, QStringList(pending.cbegin(), pending.cend()));
                ChangeJson::applyReminderValues(mine, reminder);
            }
        }
        // The server keeps no reminder of a todo it does not have, but this
        // cache may have retired the todo (a full resync): nothing to remind of.
        auto todo = Sql::select(m_db, u"SELECT 1 FROM todos WHERE id = ?"_s, {reminder.todoId}, error);
        if (!todo)
            return false;
        if (!todo->next())
            continue;
        if (!ReminderRows::write(m_db, reminder, error, row.xid))
            return false;
        m_changedTodos << reminder.todoId;
        m_remindersChanged = true;
    }
    if (!transaction.commit()) {
        *error = transaction.error();
        return false;
    }
    return true;
}
