#pragma once

#include <QDBusConnection>
#include <QDBusServiceWatcher>
#include <QObject>
#include <QString>

// Whether a freedesktop notification service (org.freedesktop.Notifications)
// is there to take a notification: a daemon owns the name now, or the bus
// can start one on the first call (D-Bus activation, as most desktops and
// window managers do with their .service files).
//
// Never blocks: the bus is asked asynchronously (GetNameOwner,
// ListActivatableNames), and the answer comes as availabilityChanged().
// After that, NameOwnerChanged keeps it current when a daemon starts, quits
// or is replaced.
class NotificationServiceWatch : public QObject
{
    Q_OBJECT
public:
    static const QString kService;

    explicit NotificationServiceWatch(const QDBusConnection &bus, QObject *parent = nullptr);

    // Both questions answered (or the bus is not there at all).
    bool isKnown() const { return m_ownerKnown && m_activatableKnown; }
    // False while not known.
    bool isAvailable() const { return isKnown() && (!m_owner.isEmpty() || m_activatable); }
    // The daemon's unique bus name; empty while none runs.
    QString owner() const { return m_owner; }

Q_SIGNALS:
    // The first answer, and every change after it.
    void availabilityChanged(bool available);
    // The daemon that owned the name has gone (quit, crashed, replaced):
    // its notification ids and capabilities no longer mean anything.
    void ownerLost();

private:
    void setOwner(const QString &owner);
    void announceIfChanged(bool wasKnown, bool wasAvailable);

    QDBusConnection m_bus;
    QDBusServiceWatcher m_watcher;
    QString m_owner;
    bool m_ownerKnown = false;
    bool m_activatable = false;
    bool m_activatableKnown = false;
};
