#include "syncsettingsdialog.h"

#include "cloud/connectionstring.h"
#include "cloud/envfile.h"
#include "cloud/envfilewriter.h"
#include "cloud/profileloader.h"
#include "secrets/passwordstore.h"
#include "tododelegate.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProcessEnvironment>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

const QString kPassword = u"password"_s;
const QString kSslPassword = u"sslpassword"_s;
const QString kSslMode = u"sslmode"_s;
const QString kSslRootCert = u"sslrootcert"_s;

const QString kDatabaseUrl = u"DATABASE_URL"_s;
const QString kPgSslMode = u"PGSSLMODE"_s;
const QString kPgSslRootCert = u"PGSSLROOTCERT"_s;
// The variables whose job the dialog's fields do: Save writes the first
// three and drops the others, which would fill in what DATABASE_URL leaves
// out (a connection string wins over the PG* variables, as in libpq).
const QStringList kManagedVariables = {kDatabaseUrl, kPgSslMode, kPgSslRootCert, u"PGHOST"_s, u"PGPORT"_s,
                                       u"PGDATABASE"_s, u"PGUSER"_s, u"PGPASSWORD"_s};
const QString kEnvFileComment = u"# Written by Tandem's Sync Settings. The password is not in this file."_s;

// Debian's bundle of the public CAs (package ca-certificates); Neon's
// certificates are signed by one of them.
const QString kSystemCaFile = u"/etc/ssl/certs/ca-certificates.crt"_s;

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
QString connectionText(const ConnectionString::Keywords &keywords, bool asUri)
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

void setTextColor(QLabel *label, const QColor &color)
{
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, color);
    label->setPalette(palette);
}

QLabel *makeNote(const QString &objectName)
{
    auto *label = new QLabel;
    label->setObjectName(objectName);
    label->setWordWrap(true);
    // Expanding, so that the form gives it the whole column and wraps it
    // at the width it computed its height for.
    label->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    label->setForegroundRole(QPalette::PlaceholderText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QLabel *makeError(const QString &objectName)
{
    auto *label = new QLabel;
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    setTextColor(label, TodoDelegate::overdueColor(label->palette()));
    label->hide();
    return label;
}

} // namespace

SyncSettingsDialog::SyncSettingsDialog(const Profile &profile, PasswordStore *passwords, QWidget *parent,
                                       const QString &configDir)
    : QDialog(parent)
    , m_profile(profile)
    , m_passwords(passwords)
    , m_configDir(configDir.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)
                                      : configDir)
    , m_callbacks(new QObject(this))
{
    setObjectName(u"syncSettingsDialog"_s);
    setWindowTitle(tr("Sync Settings"));
    // The keychain may not have answered yet: the note follows when it does.
    m_keychain = m_passwords->isAvailable();
    connect(m_passwords, &PasswordStore::availabilityKnown, this, [this](bool available) {
        m_keychain = available;
        updateStorageNote();
    });
    m_passwords->probe();
    buildLayout();
    fillFrom(profile);
    updateStorageNote();
    updateSslWidgets();
    updateValidation(/*checkProfileRules=*/true);
}

SyncSettingsDialog::~SyncSettingsDialog()
{
    // First of all: no test result or keychain answer may reach a dialog
    // that is half gone.
    delete m_callbacks;
}

QString SyncSettingsDialog::envFilePath() const
{
    return QDir(m_configDir).filePath(ProfileLoader::envFileName(m_profile.name));
}

void SyncSettingsDialog::buildLayout()
{
    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(10);

    // The profile: chosen when Tandem starts, not here.
    auto *profileRow = new QHBoxLayout;
    auto *profileLabel = new QLabel(tr("Profile:"));
    m_profileValue = new QLabel(ProfileNames::toString(m_profile.name));
    m_profileValue->setObjectName(u"profileValue"_s);
    m_profileValue->setAccessibleName(tr("Active profile"));
    QFont bold = m_profileValue->font();
    bold.setBold(true);
    m_profileValue->setFont(bold);
    profileRow->addWidget(profileLabel);
    profileRow->addWidget(m_profileValue);
    profileRow->addStretch();
    layout->addLayout(profileRow);
    m_profileHint = makeNote(u"profileHint"_s);
    m_profileHint->setText(tr("The profile is chosen when Tandem starts (--profile or TANDEM_PROFILE). "
                              "These settings are saved in %1.")
                               .arg(QDir::toNativeSeparators(envFilePath())));
    layout->addWidget(m_profileHint);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);

    // Connection string.
    m_connectionEdit = new QLineEdit;
    m_connectionEdit->setObjectName(u"connectionEdit"_s);
    m_connectionEdit->setAccessibleName(tr("Connection string"));
    m_connectionEdit->setPlaceholderText(u"postgresql://user@host/database?sslmode=require"_s);
    m_connectionEdit->setClearButtonEnabled(true);
    m_connectionEdit->setMinimumWidth(480);
    auto *connectionHint = makeNote(u"connectionHint"_s);
    connectionHint->setText(tr("Paste it as Neon's console shows it, or as libpq key=value pairs. A password in "
                               "it moves to the field below. Leave it empty to keep Tandem on this computer only."));
    m_connectionError = makeError(u"connectionError"_s);
    m_connectionError->setAccessibleName(tr("Connection string problem"));
    auto *connectionBox = new QVBoxLayout;
    connectionBox->setSpacing(4);
    connectionBox->addWidget(m_connectionEdit);
    connectionBox->addWidget(m_connectionError);
    connectionBox->addWidget(connectionHint);
    auto *connectionLabel = new QLabel(tr("&Connection string:"));
    connectionLabel->setBuddy(m_connectionEdit);
    form->addRow(connectionLabel, connectionBox);

    // Password.
    m_passwordEdit = new QLineEdit;
    m_passwordEdit->setObjectName(u"passwordEdit"_s);
    m_passwordEdit->setAccessibleName(tr("Password"));
    m_passwordEdit->setEchoMode(QLineEdit::Password);
    m_passwordEdit->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhNoPredictiveText | Qt::ImhNoAutoUppercase);
    m_storageNote = makeNote(u"passwordStorageNote"_s);
    m_passwordFileCheck = new QCheckBox(tr("Store the password in a file readable only by me (less safe)"));
    m_passwordFileCheck->setObjectName(u"passwordFileCheck"_s);
    m_passwordFileCheck->setAccessibleName(tr("Store the password in a file readable only by me"));
    m_passwordFileNote = makeNote(u"passwordFileNote"_s);
    auto *passwordBox = new QVBoxLayout;
    passwordBox->setSpacing(4);
    passwordBox->addWidget(m_passwordEdit);
    passwordBox->addWidget(m_storageNote);
    passwordBox->addWidget(m_passwordFileCheck);
    passwordBox->addWidget(m_passwordFileNote);
    auto *passwordLabel = new QLabel(tr("&Password:"));
    passwordLabel->setBuddy(m_passwordEdit);
    form->addRow(passwordLabel, passwordBox);

    // TLS.
    m_sslModeCombo = new QComboBox;
    m_sslModeCombo->setObjectName(u"sslModeCombo"_s);
    m_sslModeCombo->setAccessibleName(tr("Encryption (sslmode)"));
    m_sslModeCombo->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    const std::pair<QString, QString> modes[] = {
        {u"disable"_s, tr("disable — never encrypt")},
        {u"allow"_s, tr("allow — encrypt only if the server insists")},
        {u"prefer"_s, tr("prefer — encrypt if the server can")},
        {u"require"_s, tr("require — always encrypt (Neon)")},
        {u"verify-ca"_s, tr("verify-ca — encrypt and check the server's certificate")},
        {u"verify-full"_s, tr("verify-full — also check the host name (safest)")},
    };
    for (const auto &[mode, text] : modes)
        m_sslModeCombo->addItem(text, mode);
    auto *sslLabel = new QLabel(tr("&Encryption:"));
    sslLabel->setBuddy(m_sslModeCombo);
    m_ruleError = makeError(u"ruleError"_s);
    m_ruleError->setAccessibleName(tr("Settings problem"));
    auto *sslBox = new QVBoxLayout;
    sslBox->setSpacing(4);
    sslBox->addWidget(m_sslModeCombo);
    sslBox->addWidget(m_ruleError);
    form->addRow(sslLabel, sslBox);

    m_caEdit = new QLineEdit;
    m_caEdit->setObjectName(u"caFileEdit"_s);
    m_caEdit->setAccessibleName(tr("CA certificate file"));
    m_caEdit->setPlaceholderText(tr("For verify-ca and verify-full"));
    m_caBrowseButton = new QPushButton(tr("&Browse…"));
    m_caBrowseButton->setObjectName(u"caBrowseButton"_s);
    m_caBrowseButton->setAccessibleName(tr("Choose the CA certificate file"));
    m_caSystemButton = new QPushButton(tr("S&ystem CAs"));
    m_caSystemButton->setObjectName(u"caSystemButton"_s);
    m_caSystemButton->setAccessibleName(tr("Use the system's certificate authorities"));
    m_caSystemButton->setToolTip(tr("Use %1, the public certificate authorities this computer trusts. "
                                    "Neon's certificates are signed by one of them.")
                                     .arg(kSystemCaFile));
    m_caSystemButton->setVisible(QFileInfo(kSystemCaFile).isFile());
    auto *caRow = new QHBoxLayout;
    caRow->setSpacing(6);
    caRow->addWidget(m_caEdit, 1);
    caRow->addWidget(m_caBrowseButton);
    caRow->addWidget(m_caSystemButton);
    auto *caLabel = new QLabel(tr("C&A certificate:"));
    caLabel->setBuddy(m_caEdit);
    form->addRow(caLabel, caRow);
    layout->addLayout(form);

    // Connection test.
    auto *testGroup = new QGroupBox(tr("Connection Test"));
    testGroup->setObjectName(u"testGroup"_s);
    auto *testLayout = new QVBoxLayout(testGroup);
    auto *testRow = new QHBoxLayout;
    m_testButton = new QPushButton(tr("&Test Connection"));
    m_testButton->setObjectName(u"testConnectionButton"_s);
    m_testButton->setAccessibleName(tr("Test the connection"));
    m_testButton->setAutoDefault(false);
    m_testStatus = new QLabel(tr("Not tested yet."));
    m_testStatus->setObjectName(u"testStatus"_s);
    m_testStatus->setWordWrap(true);
    m_testStatus->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_testStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_testStatus->setAccessibleName(tr("Connection test result"));
    testRow->addWidget(m_testButton, 0, Qt::AlignTop);
    testRow->addWidget(m_testStatus, 1);
    testLayout->addLayout(testRow);
    m_testDetail = makeNote(u"testDetail"_s);
    m_testDetail->hide();
    testLayout->addWidget(m_testDetail);
    m_testFacts = new QWidget;
    m_testFacts->setObjectName(u"testFacts"_s);
    auto *facts = new QFormLayout(m_testFacts);
    facts->setContentsMargins(0, 0, 0, 0);
    auto makeFact = [](const QString &name, const QString &accessibleName) {
        auto *label = new QLabel;
        label->setObjectName(name);
        label->setAccessibleName(accessibleName);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        return label;
    };
    m_serverVersion = makeFact(u"serverVersion"_s, tr("Server version"));
    m_tlsValue = makeFact(u"tlsValue"_s, tr("Encrypted (TLS)"));
    m_roundTrip = makeFact(u"roundTrip"_s, tr("Round trip"));
    facts->addRow(tr("Server:"), m_serverVersion);
    facts->addRow(tr("Encrypted (TLS):"), m_tlsValue);
    facts->addRow(tr("Round trip:"), m_roundTrip);
    m_testFacts->hide();
    testLayout->addWidget(m_testFacts);
    layout->addWidget(testGroup);

    m_environmentNote = makeError(u"environmentNote"_s);
    layout->addWidget(m_environmentNote);
    QStringList overriding;
    const QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString &name : kManagedVariables) {
        if (!environment.value(name).isEmpty())
            overriding << name;
    }
    if (!overriding.isEmpty()) {
        m_environmentNote->setText(
            tr("The environment sets %1, which overrides what is saved here.").arg(overriding.join(u", "_s)));
        m_environmentNote->show();
    }

    layout->addStretch();
    m_saveError = makeError(u"saveError"_s);
    layout->addWidget(m_saveError);
    auto *restartNote = makeNote(u"restartNote"_s);
    restartNote->setText(tr("Saving restarts sync with the new settings."));
    layout->addWidget(restartNote);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    m_buttons->setObjectName(u"buttons"_s);
    m_saveButton = m_buttons->button(QDialogButtonBox::Save);
    m_saveButton->setObjectName(u"saveButton"_s);
    m_saveButton->setAccessibleName(tr("Save the sync settings"));
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(u"cancelButton"_s);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &SyncSettingsDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_connectionEdit, &QLineEdit::textEdited, this, &SyncSettingsDialog::connectionEdited);
    connect(m_connectionEdit, &QLineEdit::editingFinished, this, [this] {
        if (extractFields())
            updateValidation(true);
    });
    connect(m_sslModeCombo, &QComboBox::currentIndexChanged, this, [this] {
        updateSslWidgets();
        updateValidation(true);
    });
    connect(m_caEdit, &QLineEdit::textChanged, this, [this] { updateValidation(true); });
    connect(m_caBrowseButton, &QPushButton::clicked, this, [this] {
        const QString start = m_caEdit->text().isEmpty() ? QDir::homePath() : QFileInfo(m_caEdit->text()).path();
        const QString file = QFileDialog::getOpenFileName(this, tr("CA Certificate"), start,
                                                          tr("Certificates (*.crt *.pem *.cer);;All files (*)"));
        if (!file.isEmpty())
            m_caEdit->setText(file);
    });
    connect(m_caSystemButton, &QPushButton::clicked, this, [this] { m_caEdit->setText(kSystemCaFile); });
    connect(m_passwordFileCheck, &QCheckBox::toggled, this, &SyncSettingsDialog::updateStorageNote);
    connect(m_testButton, &QPushButton::clicked, this, &SyncSettingsDialog::testConnection);
}

void SyncSettingsDialog::fillFrom(const Profile &profile)
{
    QString text;
    QString password = profile.connection.password;
    QString mode = profile.connection.sslMode;
    QString rootCert = profile.connection.sslRootCert;
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
        text = connectionText(keywords, /*asUri=*/true);
    } else if (QFileInfo::exists(envFilePath())) {
        // The profile did not load (a file Tandem refused, say): start from
        // the file, so that the person can mend it here.
        QString ignored;
        for (const EnvFile::Entry &entry : EnvFile::read(envFilePath(), &ignored).value_or(QList<EnvFile::Entry>())) {
            if (entry.key == kDatabaseUrl)
                text = entry.value;
            else if (entry.key == kPgSslMode)
                mode = entry.value;
            else if (entry.key == kPgSslRootCert)
                rootCert = entry.value;
            else if (entry.key == u"PGPASSWORD"_s && password.isEmpty())
                password = entry.value;
        }
    }
    m_connectionEdit->setText(text);
    m_connectionEdit->setCursorPosition(0);
    m_previousText = text;
    m_passwordEdit->setText(password);
    m_caEdit->setText(rootCert);
    const int index = m_sslModeCombo->findData(mode.isEmpty() ? u"prefer"_s : mode);
    m_sslModeCombo->setCurrentIndex(index >= 0 ? index : m_sslModeCombo->findData(u"prefer"_s));
    extractFields();

    QString error;
    if (const auto config = connectionConfig(&error); config && !config->host.isEmpty()) {
        m_initialKey = PasswordStore::keyFor(profile.name, *config);
        m_passwordFileCheck->setChecked(m_passwords->hasFileEntry(m_initialKey));
        if (m_passwordEdit->text().isEmpty()) {
            // Not given at start-up: fill it in from the keychain when it
            // answers, unless the person typed one meanwhile.
            m_passwords->read(m_initialKey, m_callbacks, [this](const PasswordStore::Result &result) {
                if (result.ok() && m_passwordEdit->text().isEmpty() && !m_passwordEdit->isModified())
                    m_passwordEdit->setText(result.password);
            });
        }
    }
}

void SyncSettingsDialog::connectionEdited(const QString &text)
{
    // Anything but typing or deleting one character is a paste (or a drop,
    // or a cut): take the password out right away, before anyone else sees
    // it on the screen. While typing, a half-typed password is left alone.
    const qsizetype cursor = m_connectionEdit->cursorPosition();
    const bool typed = text.size() == m_previousText.size() + 1 && cursor > 0
        && QString(text).remove(cursor - 1, 1) == m_previousText;
    const bool deleted = text.size() + 1 == m_previousText.size()
        && (QString(m_previousText).remove(cursor, 1) == text);
    m_previousText = text;
    const bool moved = !typed && !deleted && extractFields();
    updateValidation(/*checkProfileRules=*/moved);
}

bool SyncSettingsDialog::extractFields()
{
    const QString text = m_connectionEdit->text();
    if (text.trimmed().isEmpty())
        return false;
    QString ignored;
    auto keywords = ConnectionString::parse(text, &ignored);
    if (!keywords)
        return false;
    bool moved = false;
    if (keywords->contains(kPassword)) {
        m_passwordEdit->setText(keywords->take(kPassword));
        m_passwordEdit->setModified(true);
        moved = true;
    }
    if (keywords->contains(kSslMode)) {
        const QString mode = keywords->take(kSslMode).trimmed().toLower();
        const int index = m_sslModeCombo->findData(mode.isEmpty() ? u"prefer"_s : mode);
        if (index >= 0)
            m_sslModeCombo->setCurrentIndex(index);
        moved = true;
    }
    if (keywords->contains(kSslRootCert)) {
        m_caEdit->setText(keywords->take(kSslRootCert));
        moved = true;
    }
    if (!moved) {
        // Still tidy a quoted copy from Neon's "psql '...'" line.
        if (text.trimmed() != text || text.startsWith(u'\'') || text.startsWith(u'"')) {
            const QString clean = connectionText(*keywords, looksLikeUri(text));
            m_connectionEdit->setText(clean);
            m_previousText = clean;
        }
        return false;
    }
    const QString clean = connectionText(*keywords, looksLikeUri(text));
    m_connectionEdit->setText(clean);
    m_connectionEdit->setCursorPosition(0); // the host is what tells whether it is right
    m_previousText = clean;
    return true;
}

QString SyncSettingsDialog::sslMode() const
{
    return m_sslModeCombo->currentData().toString();
}

void SyncSettingsDialog::updateSslWidgets()
{
    const bool verify = sslMode().startsWith(u"verify-"_s);
    m_caEdit->setEnabled(verify);
    m_caBrowseButton->setEnabled(verify);
    m_caSystemButton->setEnabled(verify);
}

void SyncSettingsDialog::updateStorageNote()
{
    if (m_keychain) {
        m_storageNote->setText(tr("Kept in the system keychain, never in a file."));
        m_passwordFileCheck->hide();
        m_passwordFileNote->hide();
        return;
    }
    m_storageNote->setText(tr("There is no system keychain (Secret Service) on this computer: Tandem keeps the "
                              "password in memory and asks for it again after it restarts."));
    m_passwordFileCheck->show();
    m_passwordFileNote->setVisible(m_passwordFileCheck->isChecked());
    m_passwordFileNote->setText(tr("The password goes into %1, which only you can read (mode 0600). Anyone "
                                   "with access to your account or your backups can read it too.")
                                    .arg(QDir::toNativeSeparators(m_passwords->filePath())));
}

std::optional<ConnectionConfig> SyncSettingsDialog::connectionConfig(QString *error) const
{
    QString message;
    const QString text = m_connectionEdit->text();
    if (text.trimmed().isEmpty()) {
        if (error)
            error->clear();
        return std::nullopt;
    }
    auto parsed = ConnectionString::parse(text, &message);
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
    ConnectionString::Keywords keywords = Profile::defaults(m_profile.name).connection.keywords();
    keywords.insert(*parsed);
    keywords.remove(kSslRootCert);
    keywords.insert(kSslMode, sslMode());
    const QString rootCert = m_caEdit->text().trimmed();
    if (sslMode().startsWith(u"verify-"_s) && !rootCert.isEmpty())
        keywords.insert(kSslRootCert, rootCert);
    if (!m_passwordEdit->text().isEmpty())
        keywords.insert(kPassword, m_passwordEdit->text());
    auto config = ConnectionConfig::fromKeywords(keywords, &message);
    if (!config && error)
        *error = message;
    return config;
}

QString SyncSettingsDialog::storedConnectionText(QString *error) const
{
    const QString text = m_connectionEdit->text();
    if (text.trimmed().isEmpty())
        return {};
    auto keywords = ConnectionString::parse(text, error);
    if (!keywords)
        return {};
    for (const QString &key : {kPassword, kSslPassword, kSslMode, kSslRootCert})
        keywords->remove(key);
    return connectionText(*keywords, looksLikeUri(text));
}

QString SyncSettingsDialog::profileRuleProblem() const
{
    // ProfileLoader's own rules (production needs sslmode=require or
    // stronger; verify-* needs a CA file), on what Save would write. Other
    // profiles and modes have no rule to break (and the loader logs a line
    // each time it runs).
    if (m_profile.name != ProfileName::Production && !sslMode().startsWith(u"verify-"_s))
        return {};
    QString ignored;
    ProfileLoader::Inputs inputs;
    inputs.profileName = ProfileNames::toString(m_profile.name);
    const QString url = storedConnectionText(&ignored);
    if (!url.isEmpty())
        inputs.commandLine.insert(u"url"_s, url);
    inputs.commandLine.insert(u"sslmode"_s, sslMode());
    if (sslMode().startsWith(u"verify-"_s) && !m_caEdit->text().trimmed().isEmpty())
        inputs.commandLine.insert(u"sslrootcert"_s, m_caEdit->text().trimmed());
    // Only HOME (for libpq's default CA file): the variables of this
    // process are not what is being saved.
    QProcessEnvironment environment;
    environment.insert(u"HOME"_s, QDir::homePath());
    inputs.environment = environment;
    QString error;
    if (ProfileLoader::load(inputs, &error))
        return {};
    if (sslMode().startsWith(u"verify-"_s) && m_caEdit->text().trimmed().isEmpty())
        return tr("sslmode=%1 checks the server's certificate: choose the CA certificate file below "
                  "(for Neon: System CAs).")
            .arg(sslMode());
    return error;
}

void SyncSettingsDialog::updateValidation(bool checkProfileRules)
{
    QString error;
    connectionConfig(&error);
    m_parseProblem = error;
    m_connectionError->setText(m_parseProblem);
    m_connectionError->setVisible(!m_parseProblem.isEmpty());
    if (checkProfileRules)
        m_ruleProblem = m_parseProblem.isEmpty() ? profileRuleProblem() : QString();
    m_ruleError->setText(m_ruleProblem);
    m_ruleError->setVisible(!m_ruleProblem.isEmpty());

    const bool hasServer = !m_connectionEdit->text().trimmed().isEmpty();
    m_testButton->setEnabled(!m_testing && hasServer && m_parseProblem.isEmpty());
    m_saveButton->setEnabled(!m_saving && problem().isEmpty());
}

QString SyncSettingsDialog::problem() const
{
    return m_parseProblem.isEmpty() ? m_ruleProblem : m_parseProblem;
}

void SyncSettingsDialog::testConnection()
{
    extractFields();
    QString error;
    const auto config = connectionConfig(&error);
    if (!config) {
        updateValidation(true);
        return;
    }
    const int generation = ++m_testGeneration;
    m_testing = true;
    m_testButton->setEnabled(false);
    m_testFacts->hide();
    m_testDetail->hide();
    m_testStatus->setPalette(palette());
    m_testStatus->setText(tr("Connecting to %1…").arg(config->host));
    ConnectionProbe::start(*config, m_callbacks, [this, generation](const ConnectionProbeResult &result) {
        if (generation != m_testGeneration)
            return; // an answer to an earlier test
        showTestResult(result);
    });
}

void SyncSettingsDialog::showTestResult(const ConnectionProbeResult &result)
{
    m_testing = false;
    updateValidation(false);
    if (result.ok) {
        m_testStatus->setText(tr("Connected."));
        setTextColor(m_testStatus, TodoDelegate::todayColor(palette()));
        m_serverVersion->setText(tr("PostgreSQL %1").arg(result.serverVersion));
        m_tlsValue->setText(result.tls ? tr("Yes") : tr("No"));
        const int decimals = result.roundTripMs < 1 ? 2 : result.roundTripMs < 10 ? 1 : 0;
        m_roundTrip->setText(tr("%1 ms (SELECT 1, median of %2)")
                                 .arg(QLocale().toString(result.roundTripMs, 'f', decimals))
                                 .arg(ConnectionProbe::kPings));
        m_testFacts->show();
        m_testDetail->hide();
    } else {
        m_testStatus->setText(result.message);
        setTextColor(m_testStatus, TodoDelegate::overdueColor(palette()));
        m_testFacts->hide();
        m_testDetail->setText(result.detail);
        m_testDetail->setVisible(!result.detail.isEmpty());
    }
    Q_EMIT testFinished(result);
}

void SyncSettingsDialog::setSaving(bool saving)
{
    m_saving = saving;
    updateValidation(false); // Save waits; Cancel stays, should the keychain hang
}

void SyncSettingsDialog::done(int result)
{
    // Cancelled while the keychain was still busy: its answer saves nothing more.
    ++m_saveGeneration;
    m_saving = false;
    QDialog::done(result);
}

void SyncSettingsDialog::save()
{
    if (m_saving)
        return;
    extractFields();
    updateValidation(/*checkProfileRules=*/true);
    if (!problem().isEmpty())
        return;
    m_saveError->hide();

    QString error;
    const std::optional<ConnectionConfig> config = connectionConfig(&error);
    const QString key = config ? PasswordStore::keyFor(m_profile.name, *config) : QString();
    auto writeSettings = [this, config, key] {
        QString failure;
        if (!writeEnvFile(config ? &*config : nullptr, &failure)) {
            m_saveError->setText(failure);
            m_saveError->show();
            setSaving(false);
            return;
        }
        // The old entry goes when the connection moved elsewhere.
        if (!m_initialKey.isEmpty() && m_initialKey != key)
            m_passwords->remove(m_initialKey, m_passwords, [](const PasswordStore::Result &) {});
        setSaving(false);
        Q_EMIT settingsSaved();
        accept();
    };
    setSaving(true);
    if (key.isEmpty()) {
        writeSettings();
        return;
    }
    m_passwords->setFileFallbackEnabled(!m_keychain && m_passwordFileCheck->isChecked());
    const int generation = m_saveGeneration;
    m_passwords->write(key, m_passwordEdit->text(), m_callbacks,
                       [this, writeSettings, generation](const PasswordStore::Result &result) {
                           if (generation != m_saveGeneration)
                               return;
                           if (!result.ok()) {
                               m_saveError->setText(result.message);
                               m_saveError->show();
                               setSaving(false);
                               return;
                           }
                           writeSettings();
                       });
}

bool SyncSettingsDialog::writeEnvFile(const ConnectionConfig *config, QString *error) const
{
    EnvFileWriter::Values values;
    if (config) {
        QString ignored;
        values.append({kDatabaseUrl, storedConnectionText(&ignored)});
        values.append({kPgSslMode, config->sslMode});
        if (!config->sslRootCert.isEmpty())
            values.append({kPgSslRootCert, config->sslRootCert});
    }
    return EnvFileWriter::update(envFilePath(), kManagedVariables, kEnvFileComment, values, error);
}
