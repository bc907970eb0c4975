#include "syncsettingsdialog.h"

#include "cloud/profileloader.h"
#include "secrets/passwordstore.h"
#include "tododelegate.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QStandardPaths>
#include <QToolButton>

using namespace Qt::StringLiterals;

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
    if (draft().usesAdvancedSettings() || SyncSettingsDraft::envFileHasOtherSettings(envFilePath()))
        setAdvancedOpen(true);
}

SyncSettingsDialog::~SyncSettingsDialog()
{
    // First of all: no test result or keychain answer may reach a dialog
    // that is half gone.
    delete m_callbacks;
}

bool SyncSettingsDialog::isAdvancedOpen() const
{
    return m_advancedToggle->isChecked();
}

void SyncSettingsDialog::setAdvancedOpen(bool open)
{
    m_advancedToggle->setChecked(open);
}

QString SyncSettingsDialog::envFilePath() const
{
    return QDir(m_configDir).filePath(ProfileLoader::envFileName(m_profile.name));
}

SyncSettingsDraft SyncSettingsDialog::draft() const
{
    SyncSettingsDraft draft;
    draft.profile = m_profile.name;
    draft.connectionText = m_connectionEdit->text();
    draft.password = m_passwordEdit->text();
    draft.sslMode = m_sslModeCombo->currentData().toString();
    draft.caFile = m_caEdit->text();
    return draft;
}

void SyncSettingsDialog::fillFrom(const Profile &profile)
{
    const SyncSettingsDraft opened = SyncSettingsDraft::fromProfile(profile, envFilePath());
    m_connectionEdit->setText(opened.connectionText);
    m_connectionEdit->setCursorPosition(0);
    m_previousText = opened.connectionText;
    m_passwordEdit->setText(opened.password);
    m_caEdit->setText(opened.caFile);
    m_sslModeCombo->setCurrentIndex(m_sslModeCombo->findData(opened.sslMode));
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
    // A pasted string with a CA file or key=value pairs: what it set shows.
    if (moved && draft().usesAdvancedSettings())
        setAdvancedOpen(true);
}

bool SyncSettingsDialog::extractFields()
{
    SyncSettingsDraft fields = draft();
    const SyncSettingsDraft::Extraction extraction = fields.extractFields();
    if (extraction.password) {
        m_passwordEdit->setText(fields.password);
        m_passwordEdit->setModified(true);
    }
    if (extraction.sslMode)
        m_sslModeCombo->setCurrentIndex(m_sslModeCombo->findData(fields.sslMode));
    if (extraction.caFile)
        m_caEdit->setText(fields.caFile);
    if (extraction.textChanged) {
        m_connectionEdit->setText(fields.connectionText);
        if (extraction.moved)
            m_connectionEdit->setCursorPosition(0); // the host is what tells whether it is right
        m_previousText = fields.connectionText;
    }
    return extraction.moved;
}

void SyncSettingsDialog::updateSslWidgets()
{
    const bool verify = draft().verifiesCertificate();
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
    return draft().connectionConfig(error);
}

void SyncSettingsDialog::updateValidation(bool checkProfileRules)
{
    QString error;
    connectionConfig(&error);
    m_parseProblem = error;
    m_connectionError->setText(m_parseProblem);
    m_connectionError->setVisible(!m_parseProblem.isEmpty());
    if (checkProfileRules)
        m_ruleProblem = m_parseProblem.isEmpty() ? draft().profileRuleProblem() : QString();
    m_ruleError->setText(m_ruleProblem);
    m_ruleError->setVisible(!m_ruleProblem.isEmpty());
    if (!m_ruleProblem.isEmpty())
        setAdvancedOpen(true); // the problem is shown there

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
        m_testStatus->setText(tr("Connected. Tandem can keep your todos in this database."));
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
        if (result.error == SyncResult::Error::AuthFailed)
            setAdvancedOpen(true); // the password field is there
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

    const SyncSettingsDraft fields = draft();
    QString error;
    const std::optional<ConnectionConfig> config = fields.connectionConfig(&error);
    const QString key = config ? PasswordStore::keyFor(m_profile.name, *config) : QString();
    auto writeSettings = [this, fields, key] {
        QString failure;
        if (!fields.writeEnvFile(envFilePath(), &failure)) {
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
