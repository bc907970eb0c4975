#pragma once

#include "cloud/connectionconfig.h"
#include "cloud/profile.h"

#include <QString>
#include <QtGlobal>

// A development profile for a test's cloud database: no polling and no idle
// disconnect, so every sync in a test has a cause the test can name.
inline Profile testProfile(const QString &connectionString)
{
    Profile profile = Profile::defaults(ProfileName::Development);
    QString error;
    const auto config = ConnectionConfig::parse(connectionString, &error);
    if (!config)
        qFatal("bad connection string: %s", qPrintable(error));
    profile.connection = *config;
    profile.syncIntervalSeconds = 3600;
    profile.idleDisconnectSeconds = 0;
    return profile;
}
