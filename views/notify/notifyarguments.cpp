#include "notifyarguments.h"

#include <QVariantMap>

using namespace Qt::StringLiterals;

namespace {

// Reminders stay until the person acts on them: one that fades while they
// are away from the desk would be a reminder missed. (0 is "never" in the
// spec; a server may still impose its own limit.)
constexpr int kNeverExpire = 0;

} // namespace

namespace NotifyArguments {

QString appName()
{
    return u"Tandem"_s;
}

QString desktopEntry()
{
    return u"app.tandem.Tandem"_s;
}

QString category()
{
    return u"x-tandem.reminder"_s;
}

QVariantList build(
    const Notification &notification, uint replacesId, const QStringList &capabilities)
{
    QStringList actions;
    // A server without "actions" would show the labels as nothing, or as
    // buttons that do nothing: leave them out.
    if (capabilities.contains(u"actions"_s)) {
        for (Notification::Action action : notification.actions)
            actions << Notification::actionKey(action) << Notification::actionLabel(action);
    }
    // Where the server reads markup in the body, "<" and "&" in a todo's
    // title must reach the person as themselves.
    const QString body = capabilities.contains(u"body-markup"_s) ? notification.body.toHtmlEscaped()
                                                                 : notification.body;
    const QVariantMap hints {
        // A byte ("y") on the bus, as the spec says; an int would be ignored
        // by strict servers.
        {u"urgency"_s, QVariant::fromValue(static_cast<uchar>(notification.urgency))},
        {u"desktop-entry"_s, desktopEntry()},
        {u"category"_s, category()},
    };
    return {appName(), replacesId, desktopEntry(), notification.summary, body, actions, hints,
        kNeverExpire};
}

} // namespace NotifyArguments
