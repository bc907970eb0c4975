#include "trayfallback.h"

#include <QSystemTrayIcon>

TrayFallback::TrayFallback(QObject *parent)
    : QObject(parent)
{ }

void TrayFallback::setTrayIcon(QSystemTrayIcon *icon)
{
    if (m_icon)
        disconnect(m_icon, nullptr, this, nullptr);
    m_icon = icon;
    m_shownKey.clear();
    if (!m_icon)
        return;
    connect(m_icon, &QSystemTrayIcon::messageClicked, this, [this] {
        if (!m_shownKey.isEmpty())
            Q_EMIT actionInvoked(m_shownKey, Notification::Action::Open);
    });
}

QSystemTrayIcon *TrayFallback::trayIcon() const
{
    return m_icon;
}

bool TrayFallback::show(const Notification &notification)
{
    if (!m_icon)
        return false;
    const auto icon = notification.urgency == Notification::Urgency::Critical
        ? QSystemTrayIcon::Warning
        : QSystemTrayIcon::Information;
    // One balloon at a time: a new one replaces what was there, and a
    // click then means the new one.
    m_shownKey = notification.key;
    m_icon->showMessage(notification.summary, notification.body, icon, kBalloonMs);
    return true;
}
