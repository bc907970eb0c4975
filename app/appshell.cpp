#include "appshell.h"

#include "instancechannel.h"
#include "notify/notifier.h"
#include "reminders/backgroundpreferences.h"
#include "reminderservice.h"
#include "trayicon.h"
#include "widgets/mainwindow.h"
#include "windowhost.h"

#include <QApplication>
#include <QCloseEvent>
#include <QSystemTrayIcon>
#include <QTimer>

AppShell::AppShell(WindowHost *windows, TrayIcon *tray, Notifier *notifier, ReminderService *reminders,
                   InstanceChannel *channel, bool background, QObject *parent)
    : QObject(parent)
    , m_windows(windows)
    , m_tray(tray)
    , m_notifier(notifier)
    , m_reminders(reminders)
    , m_background(background)
{
    m_notifier->setTrayIcon(m_tray->icon());
    connect(m_tray, &TrayIcon::showRequested, this, &AppShell::showWindow);
    connect(m_tray, &TrayIcon::quickAddRequested, this, &AppShell::showQuickAdd);
    connect(m_tray, &TrayIcon::pauseRequested, this, &AppShell::pauseReminders);
    connect(m_tray, &TrayIcon::quitRequested, qApp, &QCoreApplication::quit, Qt::QueuedConnection);
    connect(m_windows, &WindowHost::windowCreated, this, &AppShell::windowCreated);
    if (m_reminders)
        connect(m_reminders, &ReminderService::openRequested, this, &AppShell::showTodo);
    if (channel)
        connect(channel, &InstanceChannel::messageReceived, this, &AppShell::messageReceived);
    applyPreferences();
}

bool AppShell::closingQuits() const
{
    return !m_background && !BackgroundPreferences::keepRunning();
}

void AppShell::showWindow()
{
    MainWindow *window = m_windows->ensureWindow();
    window->showNormal();
    window->raise();
    window->activateWindow();
}

void AppShell::showQuickAdd()
{
    m_windows->ensureWindow()->showQuickAdd();
}

void AppShell::showTodo(const QString &todoId)
{
    m_windows->ensureWindow()->showTodo(todoId);
}

void AppShell::pauseReminders()
{
    if (!m_reminders)
        return;
    m_reminders->pauseFor(kPauseMs);
    m_tray->setPaused(true);
    QTimer::singleShot(kPauseMs, this, [this] { m_tray->setPaused(m_reminders->isPaused()); });
}

void AppShell::windowCreated(MainWindow *window)
{
    window->installEventFilter(this);
    connect(window, &MainWindow::preferencesSaved, this, &AppShell::applyPreferences);
    if (m_reminders)
        m_reminders->setUndoStack(window->undoStack());
}

void AppShell::applyPreferences()
{
    QApplication::setQuitOnLastWindowClosed(closingQuits());
    // Always there: its menu, and the balloon when no notification service runs.
    m_tray->show();
}

bool AppShell::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Close && watched == m_windows->window() && !closingQuits()
        && BackgroundPreferences::takeFirstCloseNotice()) {
        // Said once: where the window went, and how to quit.
        m_tray->icon()->showMessage(tr("Tandem keeps running"),
                                    tr("Reminders still fire while the window is closed. "
                                       "Quit from the tray icon's menu."),
                                    QSystemTrayIcon::Information);
        Q_EMIT toldKeepsRunning();
    }
    return QObject::eventFilter(watched, event);
}

void AppShell::messageReceived(const QString &message)
{
    if (message == InstanceChannel::quickAddMessage())
        showQuickAdd();
    else
        showWindow();
}
