#pragma once

#include "connectionconfig.h"

#include <QString>
#include <QStringList>

#include <optional>

// The deployment a Tandem build talks to. Each has its own settings file
// (.env.development, ...) and its own defaults (Profile::defaults()).
enum class ProfileName { Development, Staging, Production };

namespace ProfileNames {
// Stable, lower-case names for --profile, TANDEM_PROFILE and file names:
// development, staging, production.
QString toString(ProfileName name);
// Case-insensitive; nullopt for anything else.
std::optional<ProfileName> fromString(const QString &text);
QStringList all();
} // namespace ProfileNames

// Everything the cloud sync needs to know about one deployment: where the
// server is and how often and how long to talk to it.
struct Profile
{
    // Neon suspends a compute after 5 idle minutes; a client that hangs up
    // before that lets it scale to zero instead of being cut off by it.
    static constexpr int kNeonSuspendSeconds = 300;

    ProfileName name = ProfileName::Development;
    ConnectionConfig connection;
    int syncIntervalSeconds = 0; // between two syncs while the app runs
    int idleDisconnectSeconds = 0; // close the connection after this long unused; 0 = never
    // Per statement. Applied per transaction (SET LOCAL) by the cloud store,
    // because a pooled connection keeps no session settings. 0 = no limit.
    int statementTimeoutMs = 0;
    QString envFilePath; // the .env.<profile> file that was read; empty when none

    // The built-in settings of a profile, before any file, variable or option.
    static Profile defaults(ProfileName name);

    // False when no server is configured: Tandem then stays local-only.
    bool hasServer() const { return !connection.host.isEmpty(); }

    // One line for logs and --help-style output, without the password.
    QString describe() const;
};
