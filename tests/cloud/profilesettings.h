#pragma once

#include "cloud/profileloader.h"

#include <QString>

// The client-side deadlines connectOptions() adds after a profile's own options.
inline const QString kDeadlines = QStringLiteral(
    ";keepalives_idle=30;keepalives_interval=10;keepalives_count=3;tcp_user_timeout=30000");

// One setting of a profile as text, by a short name used in the _data rows.
inline QString setting(const Profile &profile, const QString &name)
{
    using namespace Qt::StringLiterals;
    const ConnectionConfig &c = profile.connection;
    if (name == u"host")
        return c.host;
    if (name == u"port")
        return QString::number(c.port);
    if (name == u"dbname")
        return c.database;
    if (name == u"user")
        return c.user;
    if (name == u"password")
        return c.password;
    if (name == u"sslmode")
        return c.sslMode;
    if (name == u"sslrootcert")
        return c.sslRootCert;
    if (name == u"channel_binding")
        return c.channelBinding;
    if (name == u"connect_timeout")
        return QString::number(c.connectTimeoutSeconds);
    if (name == u"application_name")
        return c.applicationName;
    if (name == u"pooled")
        return c.isPooled() ? u"true"_s : u"false"_s;
    if (name == u"sync")
        return QString::number(profile.syncIntervalSeconds);
    if (name == u"idle")
        return QString::number(profile.idleDisconnectSeconds);
    if (name == u"statement")
        return QString::number(profile.statementTimeoutMs);
    if (name == u"options")
        return c.connectOptions();
    if (name == u"profile")
        return ProfileNames::toString(profile.name);
    return u"<unknown setting "_s + name + u'>';
}
