#include "reminderservice.h"

#include "commands/todocommands.h"
#include "operations/reminderoperations.h"
#include "operations/todooperations.h"
#include "reminderalerts.h"
#include "reminders/reminderscheduler.h"
#include "store/todostore.h"

#include <QDate>
#include <QLoggingCategory>
#include <QUndoStack>

Q_LOGGING_CATEGORY(lcReminderService, "tandem.reminders.service")

ReminderService::ReminderService(TodoStore *store, Notifier *notifier, ReminderScheduler *scheduler, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_notifier(notifier)
    , m_scheduler(scheduler)
{
    m_scheduler->setParent(this);
    m_resume.setSingleShot(true);
    connect(&m_resume, &QTimer::timeout, m_scheduler, &ReminderScheduler::start);
    connect(m_scheduler, &ReminderScheduler::due, this, &ReminderService::show);
    connect(m_notifier, &Notifier::actionInvoked, this, &ReminderService::act);
    connect(m_notifier, &Notifier::closed, this, &ReminderService::closed);
}

ReminderService::~ReminderService() = default;

void ReminderService::setUndoStack(QUndoStack *stack)
{
    m_stack = stack;
}

void ReminderService::start()
{
    m_scheduler->start();
}

void ReminderService::pauseFor(int ms)
{
    m_scheduler->stop();
    m_resume.start(ms);
}

void ReminderService::show(const QList<FiringReminder> &reminders)
{
    if (reminders.isEmpty())
        return;
    if (reminders.first().missed) {
        // Missed ones join those still on screen: one group, shown again under its key.
        QList<FiringReminder> &group = m_shown[ReminderAlerts::missedKey()];
        group << reminders;
        m_notifier->show(ReminderAlerts::missed(group));
        return;
    }
    const FiringReminder &reminder = reminders.first();
    m_shown.insert(reminder.reminderId, {reminder});
    m_notifier->show(ReminderAlerts::onTime(*m_store, reminder, Timestamp::now(), QDate::currentDate()));
}

void ReminderService::act(const QString &key, Notification::Action action)
{
    const QList<FiringReminder> reminders = m_shown.value(key);
    if (reminders.isEmpty())
        return;
    bool ok = true;
    switch (action) {
    case Notification::Action::Open:
        Q_EMIT openRequested(reminders.first().todoId);
        break;
    case Notification::Action::Done:
        ok = complete(reminders);
        m_shown.remove(key);
        break;
    case Notification::Action::Snooze:
        ok = snooze(reminders);
        m_shown.remove(key);
        break;
    }
    if (!ok)
        qCWarning(lcReminderService) << "the notification's action was refused:" << m_store->lastError();
    Q_EMIT handled(key, action, ok);
}

void ReminderService::closed(const QString &key, Notification::CloseReason reason)
{
    const QList<FiringReminder> reminders = m_shown.take(key);
    // Only the person's close means "seen": an expiry or our own close does not.
    if (reason == Notification::CloseReason::Dismissed && !reminders.isEmpty() && !dismiss(reminders))
        qCWarning(lcReminderService) << "cannot dismiss the reminder:" << m_store->lastError();
}

bool ReminderService::perform(const Edit &edit)
{
    if (edit.isEmpty())
        return true;
    return m_stack ? TodoCommands::perform(m_stack, m_store, edit) : TodoOperations::apply(*m_store, edit);
}

bool ReminderService::complete(const QList<FiringReminder> &reminders)
{
    // Dismissed first (ReminderOperations::dismiss): undoing the completion
    // brings the todo back, not the reminder that was answered.
    bool ok = dismiss(reminders);
    QStringList todoIds;
    for (const FiringReminder &reminder : reminders) {
        if (!todoIds.contains(reminder.todoId))
            todoIds << reminder.todoId;
    }
    return perform(TodoOperations::setCompleted(*m_store, todoIds, true)) && ok;
}

bool ReminderService::snooze(const QList<FiringReminder> &reminders)
{
    const Timestamp::Micros until = Timestamp::now() + kSnooze;
    bool ok = true;
    for (const FiringReminder &reminder : reminders)
        ok = perform(ReminderOperations::snooze(*m_store, reminder.reminderId, until)) && ok;
    return ok;
}

bool ReminderService::dismiss(const QList<FiringReminder> &reminders)
{
    bool ok = true;
    for (const FiringReminder &reminder : reminders)
        ok = perform(ReminderOperations::dismiss(*m_store, reminder.reminderId, reminder.instant)) && ok;
    return ok;
}
