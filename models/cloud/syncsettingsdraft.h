#pragma once

#include "connectionconfig.h"
#include "envfilewriter.h"
#include "profile.h"

#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <optional>

// The Sync Settings form's values as the person typed them, and what they
// come to: the connection to test, the problem to show, the lines to save
// in .env.<profile>. No widgets: the dialog fills one from its fields and
// shows what it says.
class SyncSettingsDraft
{
    Q_DECLARE_TR_FUNCTIONS(SyncSettingsDraft)
public:
    // What extractFields() changed.
    struct Extraction
    {
        bool moved = false; // a keyword left the connection text
        bool textChanged = false; // connectionText is new: moved, or tidied
        bool password = false; // password is new (it may be empty)
        bool sslMode = false; // sslMode is new
        bool caFile = false; // caFile is new
    };

    ProfileName profile = ProfileName::Development;
    QString connectionText; // a URI or libpq key=value pairs; empty: no server
    QString password;
    QString sslMode = QStringLiteral("prefer"); // one of ConnectionConfig::kSslModes
    QString caFile;

    // The form as it opens: the profile's connection (what differs from the
    // profile's defaults) or, when the profile did not load a server, the
    // settings file at envFilePath, so that the person can mend it.
    static SyncSettingsDraft fromProfile(const Profile &profile, const QString &envFilePath);

    // The variables whose job the form's fields do: the settings write the
    // first three (DATABASE_URL, PGSSLMODE, PGSSLROOTCERT) and drop the
    // others, which would fill in what DATABASE_URL leaves out.
    static const QStringList &managedVariables();
    // Those of managedVariables() that the environment sets: they override
    // what is saved.
    static QStringList overriddenBy(const QProcessEnvironment &environment);

    // Moves a password, sslmode and sslrootcert out of the connection text
    // into their own fields; an unknown sslmode only leaves the text. A
    // quoted copy (Neon's "psql '...'" line) is tidied even when nothing
    // moves. Nothing changes when the text is empty or does not parse.
    Extraction extractFields();

    bool hasServer() const;
    // Whether the form uses what only its Advanced part shows: a profile
    // other than development, libpq key=value pairs, a CA file, or an
    // sslmode other than the require that Neon's connection strings carry.
    bool usesAdvancedSettings() const;
    // Whether the settings file at path holds lines of its own besides the
    // ones the form writes (TANDEM_SYNC_INTERVAL, PGHOST, ...).
    static bool envFileHasOtherSettings(const QString &path);
    // sslmode verify-ca or verify-full: the CA file counts.
    bool verifiesCertificate() const;

    // The connection the fields describe, password included, on top of the
    // profile's defaults. nullopt with *error when the text does not parse
    // or names sslpassword; nullopt and no error when it is empty.
    std::optional<ConnectionConfig> connectionConfig(QString *error) const;
    // The connection text as saved: no password, sslpassword, sslmode or
    // sslrootcert (the first two are secret, the others have their own
    // variables), in the syntax it was typed in.
    QString storedConnectionText() const;
    // What ProfileLoader would refuse in the saved settings (production with
    // an sslmode weaker than require, verify-* without a CA file); empty
    // when nothing.
    QString profileRuleProblem() const;

    // The variables to save, in order; none when there is no server.
    EnvFileWriter::Values envValues() const;
    // Writes envValues() into the settings file at path; its other lines stay.
    bool writeEnvFile(const QString &path, QString *error) const;
};
