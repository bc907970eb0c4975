#pragma once

#include "notify/notification.h"

#include <QDBusConnection>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QStringList>

class NotificationServiceWatch;

// Sends notifications to the freedesktop notification service
// (org.freedesktop.Notifications, Desktop Notifications Specification 1.2)
// on the session bus, and reports what the person did with them.
//
// The server names each notification by a number of its own; this keeps the
// map between those ids and our keys, so actionInvoked() and closed() speak
// of keys. Signals about ids that are not ours (other apps' notifications,
// on servers that broadcast them) are ignored.
//
// Every call is asynchronous (QDBusPendingCallWatcher owned by this object):
// the UI thread never waits for the daemon, and once this object is gone no
// answer can reach it. Until the bus has said whether a service is there,
// and until the service has listed its capabilities (asked once per daemon),
// show() keeps the notifications and sends them afterwards.
//
// When it cannot deliver one (no service, or the service answered with an
// error), it emits failed() with the notification, for the tray fallback.
class DesktopNotifier : public QObject
{
    Q_OBJECT
public:
    // How long a call to the daemon may take before it counts as failed.
    static constexpr int kCallTimeoutMs = 5000;

    // The session bus.
    explicit DesktopNotifier(QObject *parent = nullptr);
    DesktopNotifier(const QDBusConnection &bus, QObject *parent = nullptr);
    ~DesktopNotifier() override;

    // Whether a service is there to take notifications (it runs, or the bus
    // can start it); false until the bus has answered.
    bool isAvailable() const;
    bool isAvailabilityKnown() const;
    // The service's capabilities (GetCapabilities), once it has answered.
    QStringList capabilities() const { return m_capabilities; }

    // Shows it, replacing one on screen under the same key.
    void show(const Notification &notification);
    // Takes it off the screen (CloseNotification); closed() follows with
    // ClosedByCall. Nothing happens for a key that is not shown.
    void close(const QString &key);
    // Whether the server holds a notification under this key.
    bool isShown(const QString &key) const { return m_ids.contains(key); }

Q_SIGNALS:
    void availabilityChanged(bool available);
    // The server took it (Notify answered).
    void delivered(const QString &key);
    // It did not reach a server; `why` is for the log.
    void failed(const Notification &notification, const QString &why);
    // After an action the notification is closed (closed() follows).
    void actionInvoked(const QString &key, Notification::Action action);
    void closed(const QString &key, Notification::CloseReason reason);

private Q_SLOTS:
    // Connected by name (QDBusConnection::connect takes SLOT()).
    void onActionInvoked(uint id, const QString &actionKey);
    void onNotificationClosed(uint id, uint reason);

private:
    void availabilityAnswered(bool available);
    void askCapabilities();
    void sendWaiting();
    void send(const Notification &notification);
    void notifyAnswered(
        const Notification &notification, uint replacedId, uint id, const QString &error);
    void closeId(uint id);
    void forgetAll();

    QDBusConnection m_bus;
    NotificationServiceWatch *m_watch = nullptr;
    QStringList m_capabilities;
    bool m_capabilitiesKnown = false;
    bool m_askingCapabilities = false;
    // Sent once the service and its capabilities are known.
    QList<Notification> m_waiting;
    // Keys with a Notify call on the way; a show() for such a key waits in
    // m_next (the newest only) and goes out with the id the answer brings.
    QSet<QString> m_sending;
    QHash<QString, Notification> m_next;
    // close() for a key whose Notify has not answered yet.
    QSet<QString> m_closeWhenSent;
    QHash<QString, uint> m_ids; // our key -> the server's id
    QHash<uint, QString> m_keys; // the server's id -> our key
};
