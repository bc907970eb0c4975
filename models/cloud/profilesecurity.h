#pragma once

#include "connectionstring.h"

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

struct Profile;

// ProfileLoader's safeguards: the transport a profile may use, and keeping
// passwords out of messages and out of files others can read.
namespace ProfileSecurity {

// Refuses production with an sslmode weaker than require, and verify-ca or
// verify-full without a CA certificate file (sslrootcert, else libpq's
// default under the home folder of environment).
bool check(const Profile &profile, const QProcessEnvironment &environment, QString *error);

// Appends the secret values among keywords (the password) to *secrets.
void addSecrets(const ConnectionString::Keywords &keywords, QStringList *secrets);

// The message with every secret (raw or percent-encoded) masked.
QString masked(QString message, const QStringList &secrets);

// Warns when the settings file at path, which holds a password, is
// readable by every user of the computer.
void warnIfReadableByOthers(const QString &path);

} // namespace ProfileSecurity
