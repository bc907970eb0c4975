#pragma once

#include "notify/notification.h"

#include <QObject>
#include <QPointer>
#include <QString>

class QSystemTrayIcon;

// Where a notification goes when no notification service takes it: the
// balloon message of Tandem's tray icon (QSystemTrayIcon::showMessage). It
// has no buttons, so Done and Snooze are not offered; a click on the
// balloon opens the todo (Notification::Action::Open).
//
// The window's owner makes the tray icon and hands it over; until then, or
// once the icon is gone, show() returns false and nothing is shown.
class TrayFallback : public QObject
{
    Q_OBJECT
public:
    // How long the balloon stays, where the platform lets us choose.
    static constexpr int kBalloonMs = 15000;

    explicit TrayFallback(QObject *parent = nullptr);

    // Not owned; may be null.
    void setTrayIcon(QSystemTrayIcon *icon);
    QSystemTrayIcon *trayIcon() const;

    // Shows the summary and body in the balloon; false without a tray icon.
    bool show(const Notification &notification);
    // The key of the balloon on screen (the last one shown), if any.
    QString shownKey() const { return m_shownKey; }

Q_SIGNALS:
    // A click on the balloon: Open, for the key it showed.
    void actionInvoked(const QString &key, Notification::Action action);

private:
    QPointer<QSystemTrayIcon> m_icon;
    QString m_shownKey;
};
