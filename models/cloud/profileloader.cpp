#include "profileloader.h"

#include "cloudconfiglogging.h"
#include "envfile.h"
#include "profilesecurity.h"

#include <QDir>
#include <QFileInfo>
#include <QMap>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace {

const QString kDatabaseUrl = u"DATABASE_URL"_s;
const QString kUrlKey = u"url"_s; // the command-line key of a whole connection string
const QString kProfileVariable = u"TANDEM_PROFILE"_s;
const QString kPooledVariable = u"TANDEM_POOLED"_s;
const QString kEnvFilePrefix = u".env."_s;

// libpq's environment variables that Tandem reads, with their keywords.
const QList<std::pair<QString, QString>> kPgVariables = {
    {u"PGHOST"_s, u"host"_s},
    {u"PGPORT"_s, u"port"_s},
    {u"PGDATABASE"_s, u"dbname"_s},
    {u"PGUSER"_s, u"user"_s},
    {u"PGPASSWORD"_s, u"password"_s},
    {u"PGSSLMODE"_s, u"sslmode"_s},
    {u"PGSSLROOTCERT"_s, u"sslrootcert"_s},
    {u"PGCONNECT_TIMEOUT"_s, u"connect_timeout"_s},
    {u"PGAPPNAME"_s, u"application_name"_s},
    {u"PGCHANNELBINDING"_s, u"channel_binding"_s},
};

// Tandem's numeric settings, with the range each accepts.
struct NumberSetting
{
    QString variable;
    int Profile::*field;
    int minimum;
    int maximum;
    QString unit;
};
constexpr int kDaySeconds = 24 * 60 * 60;
constexpr int kMsPerSecond = 1000;
const QList<NumberSetting> kNumberSettings = {
    {u"TANDEM_SYNC_INTERVAL"_s, &Profile::syncIntervalSeconds, 1, kDaySeconds, u"seconds"_s},
    // 0 = never hang up.
    {u"TANDEM_IDLE_DISCONNECT"_s, &Profile::idleDisconnectSeconds, 0, kDaySeconds, u"seconds"_s},
    // 0 = no limit, as in PostgreSQL.
    {u"TANDEM_STATEMENT_TIMEOUT_MS"_s, &Profile::statementTimeoutMs, 0, kDaySeconds *kMsPerSecond,
        u"milliseconds"_s},
};

// Command-line keys and the variable each one stands for.
const QList<std::pair<QString, QString>> kCommandLineKeys = {
    {kUrlKey, kDatabaseUrl},
    {u"host"_s, u"PGHOST"_s},
    {u"port"_s, u"PGPORT"_s},
    {u"dbname"_s, u"PGDATABASE"_s},
    {u"user"_s, u"PGUSER"_s},
    {u"sslmode"_s, u"PGSSLMODE"_s},
    {u"sslrootcert"_s, u"PGSSLROOTCERT"_s},
    {u"connect-timeout"_s, u"PGCONNECT_TIMEOUT"_s},
    {u"application-name"_s, u"PGAPPNAME"_s},
    {u"channel-binding"_s, u"PGCHANNELBINDING"_s},
    {u"sync-interval"_s, u"TANDEM_SYNC_INTERVAL"_s},
    {u"idle-disconnect"_s, u"TANDEM_IDLE_DISCONNECT"_s},
    {u"statement-timeout-ms"_s, u"TANDEM_STATEMENT_TIMEOUT_MS"_s},
    {u"pooled"_s, kPooledVariable},
};

const QStringList kTrueWords = {u"1"_s, u"true"_s, u"yes"_s, u"on"_s};
const QStringList kFalseWords = {u"0"_s, u"false"_s, u"no"_s, u"off"_s};

QStringList knownVariables()
{
    QStringList names {kDatabaseUrl};
    for (const auto &[variable, keyword] : kPgVariables)
        names.append(variable);
    for (const NumberSetting &setting : kNumberSettings)
        names.append(setting.variable);
    names.append(kPooledVariable);
    return names;
}

// A setting's value and where it came from, for error messages.
struct Value
{
    QString text;
    QString origin;
};
using Variables = QMap<QString, Value>;

// The settings one source (file, environment, command line) gives.
struct Layer
{
    // What DATABASE_URL (or --to) names, and what the single settings (PG*
    // variables, or command-line keys) give: kept apart, because a
    // connection string beats the PG* variables (see loadProfile()).
    ConnectionString::Keywords stringKeywords;
    ConnectionString::Keywords singleKeywords;
    QMap<QString, int> numbers; // variable -> value
    std::optional<bool> pooled;
};

bool failAt(const Value &value, QString *error)
{
    *error = value.origin + u": "_s + *error;
    return false;
}

bool buildLayer(const Variables &variables, Layer *layer, QStringList *secrets, QString *error)
{
    secrets->append(variables.value(u"PGPASSWORD"_s).text);
    if (const auto url = variables.find(kDatabaseUrl); url != variables.end()) {
        const auto keywords = ConnectionString::parse(url->text, error);
        if (!keywords)
            return failAt(*url, error);
        ProfileSecurity::addSecrets(*keywords, secrets);
        if (!ConnectionConfig::fromKeywords(*keywords, error))
            return failAt(*url, error);
        layer->stringKeywords = *keywords;
    }
    for (const auto &[variable, keyword] : kPgVariables) {
        const auto value = variables.find(variable);
        if (value == variables.end())
            continue;
        if (!ConnectionConfig::fromKeywords({{keyword, value->text}}, error))
            return failAt(*value, error);
        layer->singleKeywords.insert(keyword, value->text);
    }
    for (const NumberSetting &setting : kNumberSettings) {
        const auto value = variables.find(setting.variable);
        if (value == variables.end())
            continue;
        bool ok = false;
        const int number = value->text.trimmed().toInt(&ok);
        if (!ok || number < setting.minimum || number > setting.maximum) {
            *error = ProfileLoader::tr("%1 must be a whole number of %2 from %3 to %4.")
                         .arg(setting.variable, setting.unit)
                         .arg(setting.minimum)
                         .arg(setting.maximum);
            return failAt(*value, error);
        }
        layer->numbers.insert(setting.variable, number);
    }
    if (const auto pooled = variables.find(kPooledVariable); pooled != variables.end()) {
        const QString word = pooled->text.trimmed().toLower();
        if (!kTrueWords.contains(word) && !kFalseWords.contains(word)) {
            *error = ProfileLoader::tr("%1 must be 1 or 0 (or true/false, yes/no, on/off).")
                         .arg(kPooledVariable);
            return failAt(*pooled, error);
        }
        layer->pooled = kTrueWords.contains(word);
    }
    return true;
}

Variables environmentVariables(const QProcessEnvironment &environment)
{
    Variables variables;
    for (const QString &name : knownVariables()) {
        const QString value = environment.value(name);
        if (!value.isEmpty())
            variables.insert(name, {value, ProfileLoader::tr("environment variable %1").arg(name)});
    }
    return variables;
}

std::optional<Variables> commandLineVariables(
    const QHash<QString, QString> &commandLine, QString *error)
{
    Variables variables;
    for (auto it = commandLine.cbegin(); it != commandLine.cend(); ++it) {
        const auto known = std::find_if(kCommandLineKeys.cbegin(), kCommandLineKeys.cend(),
            [&](const auto &pair) { return pair.first == it.key(); });
        if (known == kCommandLineKeys.cend()) {
            *error = ProfileLoader::tr("Unknown command-line setting \"%1\" (known: %2).")
                         .arg(it.key(), ProfileLoader::commandLineKeys().join(u", "_s));
            return std::nullopt;
        }
        if (!it.value().isEmpty())
            variables.insert(
                known->second, {it.value(), ProfileLoader::tr("command line (%1)").arg(it.key())});
    }
    return variables;
}

std::optional<Variables> fileVariables(const QString &path, QString *error)
{
    const auto entries = EnvFile::read(path, error);
    if (!entries)
        return std::nullopt;
    const QStringList known = knownVariables();
    Variables variables;
    for (const EnvFile::Entry &entry : *entries) {
        const QString where = ProfileLoader::tr("%1, line %2").arg(path).arg(entry.line);
        if (entry.key == kProfileVariable) {
            *error = ProfileLoader::tr(
                "%1: %2 cannot be set in a profile file (the profile picks the file).")
                         .arg(where, kProfileVariable);
            return std::nullopt;
        }
        if (!known.contains(entry.key)) {
            // PG* and TANDEM_* names are ours: an unknown one is a typo that
            // must not be ignored silently. Others may be for other tools.
            if (entry.key.startsWith(u"PG"_s) || entry.key.startsWith(u"TANDEM_"_s)) {
                *error = ProfileLoader::tr("%1: unknown setting %2 (known: %3).")
                             .arg(where, entry.key, known.join(u", "_s));
                return std::nullopt;
            }
            qCWarning(lcCloudConfig).noquote()
                << where << "ignored:" << entry.key << "is not a Tandem setting";
            continue;
        }
        if (entry.value.isEmpty())
            variables.remove(entry.key); // an empty value is an unset one
        else
            variables.insert(entry.key, {entry.value, u"%1 (%2)"_s.arg(where, entry.key)});
    }
    return variables;
}

std::optional<Profile> loadProfile(
    const ProfileLoader::Inputs &inputs, QStringList *secrets, QString *error)
{
    QString chosen = inputs.profileName.trimmed();
    QString chosenBy = u"--profile"_s;
    if (chosen.isEmpty()) {
        chosen = inputs.environment.value(kProfileVariable).trimmed();
        chosenBy = kProfileVariable;
    }
    const std::optional<ProfileName> name = chosen.isEmpty()
        ? std::optional<ProfileName>(ProfileName::Development)
        : ProfileNames::fromString(chosen);
    if (!name) {
        *error = ProfileLoader::tr(
            "Unknown profile \"%1\" (from %2); expected development, staging or "
            "production.")
                     .arg(chosen, chosenBy);
        return std::nullopt;
    }
    Profile profile = Profile::defaults(*name);

    // Lowest precedence first: each layer overrides the ones before it.
    QList<Layer> layers;
    const QString filePath = inputs.profileDir.isEmpty()
        ? QString()
        : QDir(inputs.profileDir).filePath(ProfileLoader::envFileName(*name));
    if (!filePath.isEmpty() && QFileInfo::exists(filePath)) {
        qCDebug(lcCloudConfig).noquote() << "Reading" << filePath;
        const auto variables = fileVariables(filePath, error);
        if (!variables || !buildLayer(*variables, &layers.emplaceBack(), secrets, error))
            return std::nullopt;
        const Layer &fromFile = layers.last();
        if (!fromFile.stringKeywords.value(u"password"_s).isEmpty()
            || !fromFile.singleKeywords.value(u"password"_s).isEmpty())
            ProfileSecurity::warnIfReadableByOthers(filePath);
        profile.envFilePath = filePath;
    }
    if (!buildLayer(
            environmentVariables(inputs.environment), &layers.emplaceBack(), secrets, error))
        return std::nullopt;
    const auto commandLine = commandLineVariables(inputs.commandLine, error);
    if (!commandLine || !buildLayer(*commandLine, &layers.emplaceBack(), secrets, error))
        return std::nullopt;

    // libpq's rule: a setting that a connection string names wins, and the
    // PG* variables only fill in what the strings leave out, whichever source
    // (file or environment) each came from. So a PGDATABASE or PGUSER left in
    // the shell for psql cannot send a DATABASE_URL's sync to another
    // database or role. Command-line keys (--host, ...) were typed for this
    // one run, and beat both. Among strings, and among variables, the
    // layers' order holds (command line > environment > file).
    ConnectionString::Keywords keywords = profile.connection.keywords();
    const Layer &commandLineLayer = layers.last();
    for (const Layer &layer : std::as_const(layers)) {
        if (&layer != &commandLineLayer)
            keywords.insert(layer.singleKeywords);
    }
    for (const Layer &layer : std::as_const(layers))
        keywords.insert(layer.stringKeywords);
    keywords.insert(commandLineLayer.singleKeywords);
    for (const Layer &layer : std::as_const(layers)) {
        for (const NumberSetting &setting : kNumberSettings) {
            if (layer.numbers.contains(setting.variable))
                profile.*setting.field = layer.numbers.value(setting.variable);
        }
        if (layer.pooled)
            profile.connection.pooled = *layer.pooled;
    }
    const bool pooled = profile.connection.pooled;
    const std::optional<ConnectionConfig> connection
        = ConnectionConfig::fromKeywords(keywords, error);
    if (!connection)
        return std::nullopt;
    profile.connection = *connection;
    profile.connection.pooled = pooled;

    if (!ProfileSecurity::check(profile, inputs.environment, error))
        return std::nullopt;
    return profile;
}

} // namespace

QStringList ProfileLoader::commandLineKeys()
{
    QStringList keys;
    for (const auto &[key, variable] : kCommandLineKeys)
        keys.append(key);
    return keys;
}

QString ProfileLoader::envFileName(ProfileName name)
{
    return kEnvFilePrefix + ProfileNames::toString(name);
}

std::optional<Profile> ProfileLoader::load(const Inputs &inputs, QString *error)
{
    // The secrets known up front, so that even an error found before their
    // own layer is read gets them masked. The file's are added as it is read.
    QStringList secrets {inputs.environment.value(u"PGPASSWORD"_s)};
    for (const QString &url :
        {inputs.environment.value(kDatabaseUrl), inputs.commandLine.value(kUrlKey)}) {
        QString ignored;
        if (const auto keywords = ConnectionString::parse(url, &ignored))
            ProfileSecurity::addSecrets(*keywords, &secrets);
    }
    QString message;
    std::optional<Profile> profile = loadProfile(inputs, &secrets, &message);
    if (!profile) {
        *error = ProfileSecurity::masked(message, secrets);
        qCWarning(lcCloudConfig).noquote() << "Cannot load the cloud profile:" << *error;
        return std::nullopt;
    }
    qCInfo(lcCloudConfig).noquote() << "Cloud profile" << profile->describe();
    return profile;
}
