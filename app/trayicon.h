#pragma once

#include <QObject>

class QAction;
class QMenu;
class QSystemTrayIcon;

// Tandem's icon in the system tray and its menu: Show Tandem, Quick Add…,
// Pause reminders for 1 hour, Quit. It only says what was asked for; the
// app decides (AppShell). Its icon is also the notifier's fallback.
class TrayIcon : public QObject
{
    Q_OBJECT
public:
    explicit TrayIcon(QObject *parent = nullptr);
    ~TrayIcon() override;

    QSystemTrayIcon *icon() const { return m_icon; }
    QMenu *menu() const { return m_menu; }
    QAction *showAction() const { return m_show; }
    QAction *quickAddAction() const { return m_quickAdd; }
    QAction *pauseAction() const { return m_pause; }
    QAction *quitAction() const { return m_quit; }

    // Shown where the desktop has a tray; harmless where it has none.
    void show();
    // The pause item reads "Reminders paused" and is off while a pause runs.
    void setPaused(bool paused);

Q_SIGNALS:
    void showRequested();
    void quickAddRequested();
    void pauseRequested();
    void quitRequested();

private:
    QMenu *m_menu;
    QSystemTrayIcon *m_icon;
    QAction *m_show;
    QAction *m_quickAdd;
    QAction *m_pause;
    QAction *m_quit;
};
