#pragma once

#include "notify/notification.h"

#include <QDBusConnection>
#include <QObject>
#include <QString>

class DesktopNotifier;
class QSystemTrayIcon;
class TrayFallback;

// The one place the app sends a notification through: the freedesktop
// notification service when one takes it (DesktopNotifier), else the tray
// icon's balloon (TrayFallback), else nowhere (logged). routed() says which
// way each one went. Actions and closes come back as keys, whichever way it
// went.
class Notifier : public QObject
{
    Q_OBJECT
public:
    enum class Route {
        Desktop, // the notification service took it
        Tray, // no service (or it failed): the tray icon's balloon
        Nowhere, // neither: no service and no tray icon
    };
    Q_ENUM(Route)

    // The session bus.
    explicit Notifier(QObject *parent = nullptr);
    Notifier(const QDBusConnection &bus, QObject *parent = nullptr);
    ~Notifier() override;

    // The tray icon for the fallback, made by the window's owner (not owned;
    // may be set later, or never).
    void setTrayIcon(QSystemTrayIcon *icon);

    void show(const Notification &notification);
    // Takes it off the screen when it is still there.
    void close(const QString &key);

    DesktopNotifier *desktop() const { return m_desktop; }
    TrayFallback *tray() const { return m_tray; }

Q_SIGNALS:
    void routed(const QString &key, Notifier::Route route);
    void actionInvoked(const QString &key, Notification::Action action);
    void closed(const QString &key, Notification::CloseReason reason);

private:
    void fallBack(const Notification &notification, const QString &why);

    DesktopNotifier *m_desktop;
    TrayFallback *m_tray;
};
