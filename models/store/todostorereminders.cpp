// TodoStore's reminders: see the comment in todostore.h.
#include "todostore.h"

#include "domain/changejson.h"
#include "localdatabase.h"
#include "outbox.h"
#include "reminderrows.h"
#include "sqlhelpers.h"

using namespace Qt::StringLiterals;

std::optional<Reminder> TodoStore::reminder(const QString &id) const
{
    return ReminderRows::load(m_database->database(), id);
}

QList<Reminder> TodoStore::reminders(const QStringList &todoIds) const
{
    return ReminderRows::ofTodos(m_database->database(), todoIds);
}

QList<Reminder> TodoStore::armedReminders() const
{
    return ReminderRows::armed(m_database->database());
}

bool TodoStore::writeReminders(const QList<Reminder> &reminders, Timestamp::Micros now, QStringList *todoIds)
{
    const QSqlDatabase db = m_database->database();
    QString error;
    for (Reminder reminder : reminders) {
        const auto current = ReminderRows::load(db, reminder.id);
        QStringList fields = current ? ReminderField::changed(*current, reminder) : ReminderField::all();
        if (current) {
            // A reminder belongs to one todo for good; what it was made at stays.
            reminder.todoId = current->todoId;
            reminder.createdAt = current->createdAt;
            fields.removeAll(QString::fromLatin1(ReminderField::TodoId));
        }
        if (fields.isEmpty())
            continue;
        auto todo = Sql::select(db, u"SELECT 1 FROM todos WHERE id = ?"_s, {reminder.todoId});
        if (!todo || !todo->next())
            return fail(tr("The todo of a reminder no longer exists."));
        reminder.updatedAt = now;
        if (!ReminderRows::write(db, reminder, &error)
            || !Outbox::append(db, Outbox::kEntityReminder, reminder.id, Outbox::kOpUpsert,
                               Outbox::encode(ChangeJson::reminderValues(reminder, fields)), &error))
            return fail(error);
        if (!todoIds->contains(reminder.todoId))
            *todoIds << reminder.todoId;
    }
    return true;
}

bool TodoStore::markRemindersFired(const QHash<QString, Timestamp::Micros> &fired)
{
    if (fired.isEmpty())
        return true;
    const QSqlDatabase db = m_database->database();
    Sql::WriteTransaction transaction(db);
    if (!transaction.isActive())
        return fail(transaction.error());
    QString error;
    for (auto it = fired.cbegin(); it != fired.cend(); ++it) {
        if (!ReminderRows::markFired(db, it.key(), it.value(), &error))
            return fail(error);
    }
    if (!transaction.commit())
        return fail(transaction.error());
    m_lastError.clear();
    return true;
}
