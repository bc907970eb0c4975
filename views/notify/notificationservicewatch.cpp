#include "notificationservicewatch.h"

#include <QDBusConnectionInterface>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QLoggingCategory>
#include <QStringList>

using namespace Qt::StringLiterals;

Q_DECLARE_LOGGING_CATEGORY(lcNotify)

const QString NotificationServiceWatch::kService = u"org.freedesktop.Notifications"_s;

NotificationServiceWatch::NotificationServiceWatch(const QDBusConnection &bus, QObject *parent)
    : QObject(parent)
    , m_bus(bus)
    , m_watcher(kService, bus, QDBusServiceWatcher::WatchForOwnerChange)
{
    QDBusConnectionInterface *busDaemon = m_bus.isConnected() ? m_bus.interface() : nullptr;
    if (!busDaemon) {
        // No session bus at all (a console, a test without one): nothing
        // will ever be there, and that is known at once.
        qCInfo(lcNotify) << "no session bus:" << m_bus.lastError().message();
        m_ownerKnown = m_activatableKnown = true;
        return;
    }
    connect(&m_watcher, &QDBusServiceWatcher::serviceOwnerChanged, this,
        [this](const QString &, const QString &, const QString &newOwner) {
            const bool wasKnown = isKnown(), wasAvailable = isAvailable();
            m_ownerKnown = true;
            setOwner(newOwner);
            announceIfChanged(wasKnown, wasAvailable);
        });

    // The bus daemon answers in the order it was asked and signals in order
    // with its answers, so whichever arrives last (this reply or a
    // NameOwnerChanged) is the newest state.
    auto *owner
        = new QDBusPendingCallWatcher(busDaemon->asyncCall(u"GetNameOwner"_s, kService), this);
    connect(owner, &QDBusPendingCallWatcher::finished, this, [this](QDBusPendingCallWatcher *call) {
        call->deleteLater();
        const QDBusPendingReply<QString> reply = *call;
        const bool wasKnown = isKnown(), wasAvailable = isAvailable();
        m_ownerKnown = true;
        // An error is "no owner" (org.freedesktop.DBus.Error.NameHasNoOwner).
        setOwner(reply.isError() ? QString() : reply.value());
        announceIfChanged(wasKnown, wasAvailable);
    });
    auto *activatable
        = new QDBusPendingCallWatcher(busDaemon->asyncCall(u"ListActivatableNames"_s), this);
    connect(activatable, &QDBusPendingCallWatcher::finished, this,
        [this](QDBusPendingCallWatcher *call) {
            call->deleteLater();
            const QDBusPendingReply<QStringList> reply = *call;
            const bool wasKnown = isKnown(), wasAvailable = isAvailable();
            m_activatableKnown = true;
            m_activatable = !reply.isError() && reply.value().contains(kService);
            announceIfChanged(wasKnown, wasAvailable);
        });
}

void NotificationServiceWatch::setOwner(const QString &owner)
{
    if (owner == m_owner)
        return;
    const bool lost = !m_owner.isEmpty();
    qCInfo(lcNotify) << "notification service owner:" << (owner.isEmpty() ? u"none"_s : owner);
    m_owner = owner;
    if (lost)
        Q_EMIT ownerLost();
}

void NotificationServiceWatch::announceIfChanged(bool wasKnown, bool wasAvailable)
{
    if (!isKnown())
        return;
    if (!wasKnown || wasAvailable != isAvailable())
        Q_EMIT availabilityChanged(isAvailable());
}
