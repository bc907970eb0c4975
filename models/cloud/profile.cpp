#include "profile.h"

using namespace Qt::StringLiterals;

namespace {

// A local server answers at once; a Neon compute waking from suspend takes a
// few seconds, so the deployed profiles wait longer.
constexpr int kDevConnectTimeoutSeconds = 5;
constexpr int kCloudConnectTimeoutSeconds = 10;

constexpr int kDevStatementTimeoutMs = 30'000;
constexpr int kCloudStatementTimeoutMs = 15'000;

constexpr int kDevSyncIntervalSeconds = 30;
constexpr int kCloudSyncIntervalSeconds = 60;

// Development hangs up soon so that a developer sees reconnects often;
// staging and production stay under Neon's suspend delay.
constexpr int kDevIdleDisconnectSeconds = 60;
constexpr int kCloudIdleDisconnectSeconds = 240;
static_assert(kCloudIdleDisconnectSeconds < Profile::kNeonSuspendSeconds);

} // namespace

namespace ProfileNames {

QString toString(ProfileName name)
{
    switch (name) {
    case ProfileName::Staging:
        return u"staging"_s;
    case ProfileName::Production:
        return u"production"_s;
    case ProfileName::Development:
        break;
    }
    return u"development"_s;
}

std::optional<ProfileName> fromString(const QString &text)
{
    for (ProfileName name :
        {ProfileName::Development, ProfileName::Staging, ProfileName::Production}) {
        if (text.compare(toString(name), Qt::CaseInsensitive) == 0)
            return name;
    }
    return std::nullopt;
}

QStringList all()
{
    return {toString(ProfileName::Development), toString(ProfileName::Staging),
        toString(ProfileName::Production)};
}

} // namespace ProfileNames

Profile Profile::defaults(ProfileName name)
{
    Profile profile;
    profile.name = name;
    profile.connection.keepalives = true;
    if (name == ProfileName::Development) {
        // "prefer": a local server usually has no TLS, a remote one gets it.
        profile.connection.sslMode = u"prefer"_s;
        profile.connection.connectTimeoutSeconds = kDevConnectTimeoutSeconds;
        profile.connection.applicationName = u"tandem-dev"_s;
        profile.statementTimeoutMs = kDevStatementTimeoutMs;
        profile.syncIntervalSeconds = kDevSyncIntervalSeconds;
        profile.idleDisconnectSeconds = kDevIdleDisconnectSeconds;
        return profile;
    }
    profile.connection.sslMode = u"require"_s;
    profile.connection.connectTimeoutSeconds = kCloudConnectTimeoutSeconds;
    profile.connection.applicationName
        = name == ProfileName::Production ? u"tandem"_s : u"tandem-staging"_s;
    profile.statementTimeoutMs = kCloudStatementTimeoutMs;
    profile.syncIntervalSeconds = kCloudSyncIntervalSeconds;
    profile.idleDisconnectSeconds = kCloudIdleDisconnectSeconds;
    return profile;
}

QString Profile::describe() const
{
    const QString server = hasServer() ? connection.redacted() : u"no server (local only)"_s;
    return u"%1: %2%3, sync every %4 s, disconnect after %5 s idle, statement timeout %6 ms"_s
        .arg(ProfileNames::toString(name), server,
            connection.isPooled() ? u" (pooled)"_s : QString())
        .arg(syncIntervalSeconds)
        .arg(idleDisconnectSeconds)
        .arg(statementTimeoutMs);
}
