#pragma once

#include "notify/notification.h"
#include "notify/notifier.h"
#include "reminders/reminderplanner.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

struct Edit;
class QUndoStack;
class ReminderScheduler;
class TodoStore;

// The reminders reaching the desktop: the scheduler's firings become
// notifications (ReminderAlerts), and what the person does with one comes
// back as an edit. Done completes the todo, Snooze moves the reminder ten
// minutes on, a close by the person dismisses it (on every desktop), and a
// click asks for the window (openRequested).
//
// Edits go through the window's undo stack when there is one (so Ctrl+Z
// takes a Done back), else straight through TodoOperations::apply, as
// tandem-cli does; either way the same Edits of the edit layer.
//
// Only the process that shows the window or runs in the background makes
// one: tandem-cli never fires reminders.
class ReminderService : public QObject
{
    Q_OBJECT
public:
    static constexpr Timestamp::Micros kSnooze = 10 * 60 * Timestamp::kMicrosPerSecond;

    // scheduler: the clock's owner (a real one in the app, a test's in tests); taken over.
    ReminderService(TodoStore *store, Notifier *notifier, ReminderScheduler *scheduler, QObject *parent = nullptr);
    ~ReminderService() override;

    ReminderScheduler *scheduler() const { return m_scheduler; }
    // The window's undo stack, once it exists (not owned; may go away).
    void setUndoStack(QUndoStack *stack);

    void start();
    // No notifications for a while (the tray's "Pause reminders for 1 hour").
    // What falls due meanwhile fires when the pause ends, as missed.
    void pauseFor(int ms);
    bool isPaused() const { return m_resume.isActive(); }

    // What a notification on screen stands for, by its key.
    QList<FiringReminder> shown(const QString &key) const { return m_shown.value(key); }

Q_SIGNALS:
    // The default action: show the window with this todo selected.
    void openRequested(const QString &todoId);
    // An action was carried out (for tests and the log).
    void handled(const QString &key, Notification::Action action, bool ok);

private:
    void show(const QList<FiringReminder> &reminders);
    void act(const QString &key, Notification::Action action);
    void closed(const QString &key, Notification::CloseReason reason);
    bool perform(const Edit &edit);
    bool complete(const QList<FiringReminder> &reminders);
    bool snooze(const QList<FiringReminder> &reminders);
    bool dismiss(const QList<FiringReminder> &reminders);

    TodoStore *m_store;
    Notifier *m_notifier;
    ReminderScheduler *m_scheduler;
    QPointer<QUndoStack> m_stack;
    QTimer m_resume;
    QHash<QString, QList<FiringReminder>> m_shown;
};
