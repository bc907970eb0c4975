#include "desktopnotifier.h"

#include "notify/notificationservicewatch.h"
#include "notify/notifyarguments.h"

#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QLoggingCategory>

#include <utility>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcNotify, "tandem.notify", QtInfoMsg)

namespace {

const QString kPath = u"/org/freedesktop/Notifications"_s;
const QString kInterface = u"org.freedesktop.Notifications"_s;

QDBusMessage methodCall(const QString &method, const QVariantList &arguments = {})
{
    QDBusMessage message = QDBusMessage::createMethodCall(
        NotificationServiceWatch::kService, kPath, kInterface, method);
    message.setArguments(arguments);
    return message;
}

Notification::CloseReason closeReason(uint reason)
{
    if (reason >= 1 && reason <= 4)
        return static_cast<Notification::CloseReason>(reason);
    return Notification::CloseReason::Undefined;
}

} // namespace

DesktopNotifier::DesktopNotifier(QObject *parent)
    : DesktopNotifier(QDBusConnection::sessionBus(), parent)
{ }

DesktopNotifier::DesktopNotifier(const QDBusConnection &bus, QObject *parent)
    : QObject(parent)
    , m_bus(bus)
    , m_watch(new NotificationServiceWatch(bus, this))
{
    connect(m_watch, &NotificationServiceWatch::availabilityChanged, this,
        &DesktopNotifier::availabilityAnswered);
    // Another daemon (or none) now: the old one's ids and capabilities are void.
    connect(m_watch, &NotificationServiceWatch::ownerLost, this, &DesktopNotifier::forgetAll);
    if (!m_bus.isConnected())
        return;
    // Subscribed by the service's name: QtDBus follows it to whichever daemon
    // owns it, and drops the subscription when this object is destroyed.
    m_bus.connect(NotificationServiceWatch::kService, kPath, kInterface, u"ActionInvoked"_s, this,
        SLOT(onActionInvoked(uint, QString)));
    m_bus.connect(NotificationServiceWatch::kService, kPath, kInterface, u"NotificationClosed"_s,
        this, SLOT(onNotificationClosed(uint, uint)));
}

DesktopNotifier::~DesktopNotifier() = default;

bool DesktopNotifier::isAvailable() const
{
    return m_watch->isAvailable();
}

bool DesktopNotifier::isAvailabilityKnown() const
{
    return m_watch->isKnown();
}

void DesktopNotifier::show(const Notification &notification)
{
    if (m_sending.contains(notification.key)) {
        m_next.insert(notification.key, notification);
        m_closeWhenSent.remove(notification.key);
        return;
    }
    if (m_watch->isKnown() && !m_watch->isAvailable()) {
        Q_EMIT failed(notification, u"no notification service on the session bus"_s);
        return;
    }
    if (!m_watch->isKnown() || !m_capabilitiesKnown) {
        m_waiting.removeIf(
            [&](const Notification &waiting) { return waiting.key == notification.key; });
        m_waiting.append(notification);
        if (m_watch->isKnown())
            askCapabilities();
        return;
    }
    send(notification);
}

void DesktopNotifier::close(const QString &key)
{
    m_waiting.removeIf([&](const Notification &waiting) { return waiting.key == key; });
    m_next.remove(key);
    if (m_sending.contains(key))
        m_closeWhenSent.insert(key);
    else if (m_ids.contains(key))
        closeId(m_ids.value(key));
}

void DesktopNotifier::availabilityAnswered(bool available)
{
    Q_EMIT availabilityChanged(available);
    if (available) {
        askCapabilities();
        return;
    }
    // Nobody to send the waiting ones to: over to the fallback.
    const QList<Notification> waiting = std::exchange(m_waiting, {});
    for (const Notification &notification : waiting)
        Q_EMIT failed(notification, u"no notification service on the session bus"_s);
}

void DesktopNotifier::askCapabilities()
{
    if (m_capabilitiesKnown) {
        sendWaiting();
        return;
    }
    if (m_askingCapabilities)
        return;
    m_askingCapabilities = true;
    // When the service is only activatable, this call is what starts it.
    auto *call = new QDBusPendingCallWatcher(
        m_bus.asyncCall(methodCall(u"GetCapabilities"_s), kCallTimeoutMs), this);
    connect(
        call, &QDBusPendingCallWatcher::finished, this, [this](QDBusPendingCallWatcher *finished) {
            finished->deleteLater();
            const QDBusPendingReply<QStringList> reply = *finished;
            m_askingCapabilities = false;
            m_capabilitiesKnown = true;
            if (reply.isError()) {
                // Notify will most likely fail as well, and say so per notification.
                qCWarning(lcNotify) << "GetCapabilities failed:" << reply.error().message();
                m_capabilities.clear();
            } else {
                m_capabilities = reply.value();
                qCInfo(lcNotify) << "notification service capabilities:" << m_capabilities;
            }
            sendWaiting();
        });
}

void DesktopNotifier::sendWaiting()
{
    const QList<Notification> waiting = std::exchange(m_waiting, {});
    for (const Notification &notification : waiting)
        show(notification);
}

void DesktopNotifier::send(const Notification &notification)
{
    const uint replacesId = m_ids.value(notification.key, 0);
    m_sending.insert(notification.key);
    const QDBusMessage message
        = methodCall(u"Notify"_s, NotifyArguments::build(notification, replacesId, m_capabilities));
    auto *call = new QDBusPendingCallWatcher(m_bus.asyncCall(message, kCallTimeoutMs), this);
    connect(call, &QDBusPendingCallWatcher::finished, this,
        [this, notification, replacesId](QDBusPendingCallWatcher *finished) {
            finished->deleteLater();
            const QDBusPendingReply<uint> reply = *finished;
            notifyAnswered(notification, replacesId, reply.isError() ? 0 : reply.value(),
                reply.isError() ? reply.error().message() : QString());
        });
}

void DesktopNotifier::notifyAnswered(
    const Notification &notification, uint replacedId, uint id, const QString &error)
{
    const QString &key = notification.key;
    m_sending.remove(key);
    if (id == 0) {
        qCWarning(lcNotify) << "Notify failed:" << error;
        m_closeWhenSent.remove(key);
        Q_EMIT failed(notification, error.isEmpty() ? u"the server gave no id"_s : error);
    } else {
        // A server may hand out a new id instead of replacing (the old one
        // was closed meanwhile): the old id is no longer ours.
        if (replacedId != 0 && replacedId != id)
            m_keys.remove(replacedId);
        m_ids.insert(key, id);
        m_keys.insert(id, key);
        Q_EMIT delivered(key);
        if (m_closeWhenSent.remove(key))
            closeId(id);
    }
    if (m_next.contains(key))
        show(m_next.take(key));
}

void DesktopNotifier::closeId(uint id)
{
    // The answer does not matter: NotificationClosed tells, and a
    // notification that is already gone is gone.
    auto *call = new QDBusPendingCallWatcher(
        m_bus.asyncCall(methodCall(u"CloseNotification"_s, {id}), kCallTimeoutMs), this);
    connect(call, &QDBusPendingCallWatcher::finished, call, &QObject::deleteLater);
}

void DesktopNotifier::onActionInvoked(uint id, const QString &actionKey)
{
    const QString key = m_keys.value(id);
    if (key.isEmpty())
        return; // another app's notification
    Notification::Action action;
    if (!Notification::actionFromKey(actionKey, &action)) {
        qCWarning(lcNotify) << "unknown action" << actionKey << "for" << key;
        return;
    }
    Q_EMIT actionInvoked(key, action);
    // Done or snoozed: the reminder has been answered. Servers differ in
    // whether they close it themselves (dunst does not after its menu).
    closeId(id);
}

void DesktopNotifier::onNotificationClosed(uint id, uint reason)
{
    const QString key = m_keys.take(id);
    if (key.isEmpty())
        return;
    if (m_ids.value(key) == id)
        m_ids.remove(key);
    Q_EMIT closed(key, closeReason(reason));
}

void DesktopNotifier::forgetAll()
{
    m_capabilitiesKnown = false;
    m_capabilities.clear();
    const QHash<QString, uint> shown = std::exchange(m_ids, {});
    m_keys.clear();
    for (auto it = shown.cbegin(); it != shown.cend(); ++it)
        Q_EMIT closed(it.key(), Notification::CloseReason::Undefined);
}
