#pragma once

#include <QObject>

class InstanceChannel;
class MainWindow;
class Notifier;
class ReminderService;
class TodoStore;
class TrayIcon;
class WindowHost;

// What runs besides the window (docs/reminders.md, "Background mode"): the
// tray icon, the reminders and the local socket a second start talks to.
// It decides what their requests mean for the window: made and shown on
// demand, the quick-add line focused, and whether closing the window quits
// (only when the person did not ask Tandem to keep running, and it was not
// started with --background).
class AppShell : public QObject
{
    Q_OBJECT
public:
    static constexpr int kPauseMs = 60 * 60 * 1000;

    // None of them owned; the service and channel may be null (no reminders, no hand-off).
    AppShell(WindowHost *windows, TrayIcon *tray, Notifier *notifier, ReminderService *reminders,
             InstanceChannel *channel, bool background, QObject *parent = nullptr);

    void showWindow();
    void showQuickAdd();
    void showTodo(const QString &todoId);
    void pauseReminders();
    // Whether closing the window now quits Tandem.
    bool closingQuits() const;

Q_SIGNALS:
    // Closing the window left Tandem running, for the first time: the person was told.
    void toldKeepsRunning();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void windowCreated(MainWindow *window);
    void applyPreferences();
    void messageReceived(const QString &message);

    WindowHost *m_windows;
    TrayIcon *m_tray;
    Notifier *m_notifier;
    ReminderService *m_reminders;
    bool m_background;
};
