#pragma once

#include "testpostgres.h" // TestPostgres::ciIsSet()

#include <QString>
#include <QTest>

// What with-notification-daemon.sh set up for this test run:
// "dunst", "none" (--no-daemon) or "unavailable: WHY".
inline QString notificationDaemon()
{
    return qEnvironmentVariable("TANDEM_TEST_NOTIFY_DAEMON");
}

// Put at the top of initTestCase(). Without the daemon the script was asked
// for (expected: "dunst" or "none"): QFAIL under CI, QSKIP otherwise, as for
// PostgreSQL (tests/common/testpostgres.h).
#define TANDEM_REQUIRE_NOTIFICATION_DAEMON(expected)                                               \
    do {                                                                                           \
        const QString tandemDaemon_ = notificationDaemon();                                        \
        if (tandemDaemon_ != QStringLiteral(expected)) {                                           \
            const QString tandemWhy_ = tandemDaemon_.isEmpty()                                     \
                ? QStringLiteral("not run by tests/notify/with-notification-daemon.sh")            \
                : tandemDaemon_;                                                                   \
            if (TestPostgres::ciIsSet())                                                           \
                QFAIL(                                                                             \
                    qPrintable(QStringLiteral("The notification test bus is required under CI: ")  \
                        + tandemWhy_));                                                            \
            QSKIP(                                                                                 \
                qPrintable(QStringLiteral("No notification test bus, skipped (FAILS under CI): ")  \
                    + tandemWhy_));                                                                \
        }                                                                                          \
    } while (false)
