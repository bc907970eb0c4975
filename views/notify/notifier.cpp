#include "notifier.h"

#include "notify/desktopnotifier.h"
#include "notify/trayfallback.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcNotify)

Notifier::Notifier(QObject *parent)
    : Notifier(QDBusConnection::sessionBus(), parent)
{ }

Notifier::Notifier(const QDBusConnection &bus, QObject *parent)
    : QObject(parent)
    , m_desktop(new DesktopNotifier(bus, this))
    , m_tray(new TrayFallback(this))
{
    connect(m_desktop, &DesktopNotifier::delivered, this,
        [this](const QString &key) { Q_EMIT routed(key, Route::Desktop); });
    connect(m_desktop, &DesktopNotifier::failed, this, &Notifier::fallBack);
    connect(m_desktop, &DesktopNotifier::actionInvoked, this, &Notifier::actionInvoked);
    connect(m_desktop, &DesktopNotifier::closed, this, &Notifier::closed);
    connect(m_tray, &TrayFallback::actionInvoked, this, &Notifier::actionInvoked);
}

Notifier::~Notifier() = default;

void Notifier::setTrayIcon(QSystemTrayIcon *icon)
{
    m_tray->setTrayIcon(icon);
}

void Notifier::show(const Notification &notification)
{
    m_desktop->show(notification);
}

void Notifier::close(const QString &key)
{
    // A balloon cannot be taken back; it goes by itself.
    m_desktop->close(key);
}

void Notifier::fallBack(const Notification &notification, const QString &why)
{
    if (m_tray->show(notification)) {
        qCInfo(lcNotify) << "shown in the tray:" << notification.key << "(" << why << ")";
        Q_EMIT routed(notification.key, Route::Tray);
        return;
    }
    qCWarning(lcNotify) << "notification" << notification.key << "not shown:" << why
                        << "and no tray icon";
    Q_EMIT routed(notification.key, Route::Nowhere);
}
