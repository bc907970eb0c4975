#pragma once

#include <QList>
#include <QString>

// One desktop notification as Tandem means it, before it is sent anywhere:
// the freedesktop notification service (DesktopNotifier) or the tray icon's
// balloon (TrayFallback). docs/notifications.md describes what is sent.
struct Notification
{
    // The spec's urgency levels; the hint "urgency" carries them as a byte.
    enum class Urgency : unsigned char { Low = 0, Normal = 1, Critical = 2 };

    // What the person can do from the notification.
    enum class Action {
        Open, // the default action (a click on the bubble): show the todo
        Done, // complete the todo
        Snooze, // remind again in ten minutes
    };

    // Why the notification went away: the spec's NotificationClosed
    // reasons 1 to 4.
    enum class CloseReason { Expired = 1, Dismissed = 2, ClosedByCall = 3, Undefined = 4 };

    // The app's name for it: a reminder's id, or a group ("missed"). A
    // notification shown again under the same key replaces the one on screen.
    QString key;
    QString summary;
    QString body; // plain text
    Urgency urgency = Urgency::Normal;
    QList<Action> actions = {Action::Open, Action::Done, Action::Snooze};

    // The action's identifier on the bus ("default" is the spec's name for
    // the click on the bubble), and back (false for a key Tandem never sends).
    static QString actionKey(Action action);
    static bool actionFromKey(const QString &key, Action *action);
    // What the button says (translated).
    static QString actionLabel(Action action);
};
