#include "profilesecurity.h"

#include "cloudconfiglogging.h"
#include "profile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace {

// libpq's CA file when sslrootcert is not set (relative to the home folder).
const QString kLibpqDefaultRootCert = u".postgresql/root.crt"_s;
const QString kRequiredSslMode = u"require"_s;

// Shorter secrets are not masked in messages: masking every "abc" would
// garble the text, and such a password is no secret anyway.
constexpr qsizetype kMinMaskedSecretLength = 4;

} // namespace

namespace ProfileSecurity {

bool check(const Profile &profile, const QProcessEnvironment &environment, QString *error)
{
    const ConnectionConfig &connection = profile.connection;
    const qsizetype strength = ConnectionConfig::kSslModes.indexOf(connection.sslMode);
    if (profile.name == ProfileName::Production
        && strength < ConnectionConfig::kSslModes.indexOf(kRequiredSslMode)) {
        const QString asked = connection.sslMode.isEmpty()
            ? QCoreApplication::translate("ProfileLoader", "no sslmode (libpq then uses \"prefer\")")
            : u"\"%1\""_s.arg(connection.sslMode);
        *error = QCoreApplication::translate("ProfileLoader",
            "The production profile needs sslmode=require or stronger (verify-ca, "
            "verify-full); the connection asks for %1.")
                     .arg(asked);
        return false;
    }
    if (!connection.sslMode.startsWith(u"verify-"_s))
        return true;
    if (!connection.sslRootCert.isEmpty()) {
        if (QFileInfo(connection.sslRootCert).isFile())
            return true;
        *error = QCoreApplication::translate("ProfileLoader",
            "sslmode=%1 needs the CA certificate file \"%2\", which does not exist.")
                     .arg(connection.sslMode, connection.sslRootCert);
        return false;
    }
    const QString home = environment.value(u"HOME"_s, QDir::homePath());
    const QString fallback = QDir(home).filePath(kLibpqDefaultRootCert);
    if (QFileInfo(fallback).isFile())
        return true;
    *error = QCoreApplication::translate("ProfileLoader",
        "sslmode=%1 needs a CA certificate, and libpq's default \"%2\" does not exist: set "
        "PGSSLROOTCERT or sslrootcert (on Debian the system CAs are in "
        "/etc/ssl/certs/ca-certificates.crt).")
                 .arg(connection.sslMode, fallback);
    return false;
}

void addSecrets(const ConnectionString::Keywords &keywords, QStringList *secrets)
{
    for (auto it = keywords.cbegin(); it != keywords.cend(); ++it) {
        if (ConnectionString::isSecret(it.key()))
            secrets->append(it.value());
    }
}

// The safety net under the rule that no message shows a password: mask any
// secret seen on the way (raw or percent-encoded) that still got into one.
QString masked(QString message, const QStringList &secrets)
{
    for (const QString &secret : secrets) {
        if (secret.size() < kMinMaskedSecretLength)
            continue;
        message.replace(secret, u"***"_s);
        message.replace(ConnectionString::percentEncoded(secret), u"***"_s);
    }
    return message;
}

void warnIfReadableByOthers(const QString &path)
{
    if (QFile::permissions(path) & QFileDevice::ReadOther)
        qCWarning(lcCloudConfig).noquote()
            << path << "holds a password and every user of this computer can read it;"
            << "chmod 600 it";
}

} // namespace ProfileSecurity
