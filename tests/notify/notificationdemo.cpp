// Shows two reminders through the notifier and exits once the service has
// taken both (they stay on screen: reminders do not expire). For the
// screenshot in docs/notifications.md (./dev screenshot notification); not a
// test, and not installed.

#include "notify/notifier.h"

#include <QApplication>
#include <QTimer>

#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    Notifier notifier;

    Notification due;
    due.key = u"reminder-1"_s;
    due.summary = u"Call the dentist"_s;
    due.body = u"Due today at 14:00 · Personal"_s;
    Notification overdue;
    overdue.key = u"reminder-2"_s;
    overdue.summary = u"Pay the rent"_s;
    overdue.body = u"Overdue since yesterday · Home"_s;
    overdue.urgency = Notification::Urgency::Critical;

    int answered = 0;
    int failed = 0;
    QObject::connect(
        &notifier, &Notifier::routed, &app, [&](const QString &key, Notifier::Route route) {
            std::printf("%s: %s\n", qPrintable(key),
                route == Notifier::Route::Desktop ? "shown" : "not shown");
            failed += route == Notifier::Route::Desktop ? 0 : 1;
            if (++answered == 2)
                app.exit(failed);
        });
    notifier.show(due);
    notifier.show(overdue);
    QTimer::singleShot(10000, &app, [&app] { app.exit(2); });
    return app.exec();
}
