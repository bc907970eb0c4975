#include "syncsettingsdraft.h"

#include "connectionstring.h"
#include "envfile.h"
#include "profileloader.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

const QString kPassword = u"password"_s;
const QString kSslPassword = u"sslpassword"_s;
const QString kSslMode = u"sslmode"_s;
const QString kSslRootCert = u"sslrootcert"_s;
const QString kDefaultSslMode = u"prefer"_s;

const QString kDatabaseUrl = u"DATABASE_URL"_s;
const QString kPgSslMode = u"PGSSLMODE"_s;
const QString kPgSslRootCert = u"PGSSLROOTCERT"_s;
const QString kEnvFileComment = u"# Written by Tandem's Sync Settings. The password is not in this file."_s;

const QStringList kUriPrefixes = {u"postgresql://"_s, u"postgres://"_s};

bool looksLikeUri(const QString &text)
{
    QString trimmed = text.trimmed();
    if (trimmed.startsWith(u'\'') || trimmed.startsWith(u'"'))
        trimmed = trimmed.mid(1);
    for (const QString &prefix : kUriPrefixes) {
        if (trimmed.startsWith(prefix, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

// The keywords back as text, in the syntax the person used.
QString joinedText(const ConnectionString::Keywords &keywords, bool asUri)
{
    if (keywords.isEmpty())
        return {};
    if (asUri) {
        QString ignored;
        if (const auto config = ConnectionConfig::fromKeywords(keywords, &ignored))
            return config->toUri();
    }
    QStringList pairs;
    for (auto it = keywords.cbegin(); it != keywords.cend(); ++it)
        pairs << it.key() + u'=' + ConnectionString::quoted(it.value());
    return pairs.join(u' ');
}

// An sslmode as the form shows it: a known one, else libpq's default.
QString knownSslMode(const QString &mode)
{
    return ConnectionConfig::kSslModes.contains(mode) ? mode : kDefaultSslMode;
}

} // namespace

SyncSettingsDraft SyncSettingsDraft::fromProfile(const Profile &profile, const QString &envFilePath)
{
    SyncSettingsDraft draft;
    draft.profile = profile.name;
    draft.password = profile.connection.password;
    QString mode = profile.connection.sslMode;
    draft.caFile = profile.connection.sslRootCert;
    if (profile.hasServer()) {
        // What differs from the profile's defaults; sslmode, the CA file and
        // the password have fields of their own.
        ConnectionString::Keywords keywords = profile.connection.keywords();
        const ConnectionString::Keywords defaults = Profile::defaults(profile.name).connection.keywords();
        for (auto it = defaults.cbegin(); it != defaults.cend(); ++it) {
            if (keywords.value(it.key()) == it.value())
                keywords.remove(it.key());
        }
        for (const QString &key : {kPassword, kSslMode, kSslRootCert})
            keywords.remove(key);
        draft.connectionText = joinedText(keywords, /*asUri=*/true);
    } else if (QFileInfo::exists(envFilePath)) {
        // The profile did not load (a file Tandem refused, say).
        QString ignored;
        for (const EnvFile::Entry &entry : EnvFile::read(envFilePath, &ignored).value_or(QList<EnvFile::Entry>())) {
            if (entry.key == kDatabaseUrl)
                draft.connectionText = entry.value;
            else if (entry.key == kPgSslMode)
                mode = entry.value;
            else if (entry.key == kPgSslRootCert)
                draft.caFile = entry.value;
            else if (entry.key == u"PGPASSWORD"_s && draft.password.isEmpty())
                draft.password = entry.value;
        }
    }
    draft.sslMode = knownSslMode(mode);
    return draft;
}

const QStringList &SyncSettingsDraft::managedVariables()
{
    // A connection string wins over the PG* variables, as in libpq.
    static const QStringList variables = {kDatabaseUrl, kPgSslMode, kPgSslRootCert, u"PGHOST"_s,
                                          u"PGPORT"_s,  u"PGDATABASE"_s, u"PGUSER"_s, u"PGPASSWORD"_s};
    return variables;
}

QStringList SyncSettingsDraft::overriddenBy(const QProcessEnvironment &environment)
{
    QStringList overriding;
    for (const QString &name : managedVariables()) {
        if (!environment.value(name).isEmpty())
            overriding << name;
    }
    return overriding;
}

SyncSettingsDraft::Extraction SyncSettingsDraft::extractFields()
{
    Extraction extraction;
    if (connectionText.trimmed().isEmpty())
        return extraction;
    QString ignored;
    auto keywords = ConnectionString::parse(connectionText, &ignored);
    if (!keywords)
        return extraction;
    if (keywords->contains(kPassword)) {
        password = keywords->take(kPassword);
        extraction.password = extraction.moved = true;
    }
    if (keywords->contains(kSslMode)) {
        const QString mode = keywords->take(kSslMode).trimmed().toLower();
        if (ConnectionConfig::kSslModes.contains(mode.isEmpty() ? kDefaultSslMode : mode)) {
            sslMode = mode.isEmpty() ? kDefaultSslMode : mode;
            extraction.sslMode = true;
        }
        extraction.moved = true;
    }
    if (keywords->contains(kSslRootCert)) {
        caFile = keywords->take(kSslRootCert);
        extraction.caFile = extraction.moved = true;
    }
    const bool quoted = connectionText.trimmed() != connectionText || connectionText.startsWith(u'\'')
        || connectionText.startsWith(u'"');
    if (extraction.moved || quoted) {
        connectionText = joinedText(*keywords, looksLikeUri(connectionText));
        extraction.textChanged = true;
    }
    return extraction;
}

bool SyncSettingsDraft::hasServer() const
{
    return !connectionText.trimmed().isEmpty();
}

bool SyncSettingsDraft::usesAdvancedSettings() const
{
    if (profile != ProfileName::Development || !caFile.trimmed().isEmpty())
        return true;
    return hasServer() && (!looksLikeUri(connectionText) || sslMode != u"require"_s);
}

bool SyncSettingsDraft::envFileHasOtherSettings(const QString &path)
{
    if (!QFileInfo::exists(path))
        return false;
    QString ignored;
    const auto entries = EnvFile::read(path, &ignored);
    if (!entries)
        return true; // a file Tandem cannot read: whoever mends it needs to see where it is
    const QStringList written = {kDatabaseUrl, kPgSslMode, kPgSslRootCert};
    return std::any_of(entries->cbegin(), entries->cend(),
                       [&written](const EnvFile::Entry &entry) { return !written.contains(entry.key); });
}

bool SyncSettingsDraft::verifiesCertificate() const
{
    return sslMode.startsWith(u"verify-"_s);
}

std::optional<ConnectionConfig> SyncSettingsDraft::connectionConfig(QString *error) const
{
    QString message;
    if (!hasServer()) {
        if (error)
            error->clear();
        return std::nullopt;
    }
    auto parsed = ConnectionString::parse(connectionText, &message);
    if (parsed && parsed->contains(kSslPassword)) {
        message = tr("Take sslpassword out of the connection string: Tandem does not store key passphrases.");
        parsed.reset();
    }
    if (!parsed || !ConnectionConfig::fromKeywords(*parsed, &message)) {
        if (error)
            *error = message;
        return std::nullopt;
    }
    // The profile's defaults, the string on top, the fields on top of that.
    ConnectionString::Keywords keywords = Profile::defaults(profile).connection.keywords();
    keywords.insert(*parsed);
    keywords.remove(kSslRootCert);
    keywords.insert(kSslMode, sslMode);
    const QString rootCert = caFile.trimmed();
    if (verifiesCertificate() && !rootCert.isEmpty())
        keywords.insert(kSslRootCert, rootCert);
    if (!password.isEmpty())
        keywords.insert(kPassword, password);
    auto config = ConnectionConfig::fromKeywords(keywords, &message);
    if (!config && error)
        *error = message;
    return config;
}

QString SyncSettingsDraft::storedConnectionText() const
{
    if (!hasServer())
        return {};
    QString ignored;
    auto keywords = ConnectionString::parse(connectionText, &ignored);
    if (!keywords)
        return {};
    for (const QString &key : {kPassword, kSslPassword, kSslMode, kSslRootCert})
        keywords->remove(key);
    return joinedText(*keywords, looksLikeUri(connectionText));
}

QString SyncSettingsDraft::profileRuleProblem() const
{
    // ProfileLoader's own rules, on what Save would write. Other profiles
    // and modes have no rule to break (and the loader logs a line each time
    // it runs).
    if (profile != ProfileName::Production && !verifiesCertificate())
        return {};
    ProfileLoader::Inputs inputs;
    inputs.profileName = ProfileNames::toString(profile);
    const QString url = storedConnectionText();
    if (!url.isEmpty())
        inputs.commandLine.insert(u"url"_s, url);
    inputs.commandLine.insert(u"sslmode"_s, sslMode);
    if (verifiesCertificate() && !caFile.trimmed().isEmpty())
        inputs.commandLine.insert(u"sslrootcert"_s, caFile.trimmed());
    // Only HOME (for libpq's default CA file): the variables of this
    // process are not what is being saved.
    QProcessEnvironment environment;
    environment.insert(u"HOME"_s, QDir::homePath());
    inputs.environment = environment;
    QString error;
    if (ProfileLoader::load(inputs, &error))
        return {};
    if (verifiesCertificate() && caFile.trimmed().isEmpty())
        return tr("sslmode=%1 checks the server's certificate: choose the CA certificate file below "
                  "(for Neon: System CAs).")
            .arg(sslMode);
    return error;
}

EnvFileWriter::Values SyncSettingsDraft::envValues() const
{
    QString ignored;
    const std::optional<ConnectionConfig> config = connectionConfig(&ignored);
    if (!config)
        return {};
    EnvFileWriter::Values values = {{kDatabaseUrl, storedConnectionText()}, {kPgSslMode, config->sslMode}};
    if (!config->sslRootCert.isEmpty())
        values.append({kPgSslRootCert, config->sslRootCert});
    return values;
}

bool SyncSettingsDraft::writeEnvFile(const QString &path, QString *error) const
{
    return EnvFileWriter::update(path, managedVariables(), kEnvFileComment, envValues(), error);
}
