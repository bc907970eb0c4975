#pragma once

#include "notify/notification.h"

#include <QStringList>
#include <QVariantList>

// The arguments of org.freedesktop.Notifications.Notify for one of our
// notifications (Desktop Notifications Specification 1.2):
//   app_name "Tandem", replaces_id, app_icon (the hicolor icon's name),
//   summary, body, actions (pairs of key and label, only when the server
//   lists the capability "actions"), hints and expire_timeout.
// docs/notifications.md has the table.
namespace NotifyArguments {

// The app's name as the server shows it.
QString appName();
// The .desktop file's name without ".desktop" (resources/app.tandem.Tandem.desktop),
// also the icon's name: the hint "desktop-entry" and app_icon.
QString desktopEntry();
// The hint "category": a reminder. The spec has no category for that, so it
// is a vendor one ("x-vendor.class").
QString category();

QVariantList build(
    const Notification &notification, uint replacesId, const QStringList &capabilities);

} // namespace NotifyArguments
