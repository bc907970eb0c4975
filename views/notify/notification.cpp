#include "notification.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace {

struct ActionName
{
    Notification::Action action;
    QLatin1StringView key;
};

// "default" is what the spec calls the click on the bubble itself.
constexpr ActionName kActionNames[] = {
    {Notification::Action::Open, "default"_L1},
    {Notification::Action::Done, "done"_L1},
    {Notification::Action::Snooze, "snooze"_L1},
};

} // namespace

QString Notification::actionKey(Action action)
{
    for (const ActionName &name : kActionNames) {
        if (name.action == action)
            return name.key;
    }
    return {};
}

bool Notification::actionFromKey(const QString &key, Action *action)
{
    for (const ActionName &name : kActionNames) {
        if (name.key == key) {
            *action = name.action;
            return true;
        }
    }
    return false;
}

QString Notification::actionLabel(Action action)
{
    switch (action) {
    case Action::Open:
        return QCoreApplication::translate("Notification", "Open");
    case Action::Done:
        return QCoreApplication::translate("Notification", "Done");
    case Action::Snooze:
        return QCoreApplication::translate("Notification", "Snooze 10 min");
    }
    return {};
}
