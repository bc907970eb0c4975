#pragma once

#include "cloud/profile.h"
#include "cloud/syncsettingsdraft.h"
#include "connectionprobe.h"

#include <QDialog>

#include <optional>

class PasswordStore;
class QCheckBox;
class QColor;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QToolButton;
class QWidget;

// Where the active profile syncs to: one field for the connection string as
// Neon's console gives it and a connection test that runs on a worker
// thread; under Advanced, the profile and its settings file, the password
// apart from the string, sslmode and the CA file (and libpq key=value pairs
// in the one field).
// What the fields mean, which problem they have and what Save writes is
// SyncSettingsDraft's; the dialog only shows it.
//
// Save writes the password to the PasswordStore (the system keychain) and
// the rest to <configDir>/.env.<profile> (DATABASE_URL without password,
// PGSSLMODE, PGSSLROOTCERT; other lines of the file are kept), then emits
// settingsSaved(): whoever runs sync restarts it with the new settings.
class SyncSettingsDialog : public QDialog
{
    Q_OBJECT
public:
    // profile: the active one, as loaded at start-up (with its password, if
    // it has one). configDir: where .env.<profile> goes; empty means
    // QStandardPaths::AppConfigLocation, where ProfileLoader reads it from.
    SyncSettingsDialog(const Profile &profile, PasswordStore *passwords, QWidget *parent = nullptr,
                       const QString &configDir = {});
    ~SyncSettingsDialog() override;

    QString envFilePath() const;

    // The connection the fields describe, password included, on top of the
    // profile's defaults (timeouts, application name). nullopt with *error
    // when the connection string does not parse; nullopt without an error
    // when it is empty (no server: Tandem stays local).
    std::optional<ConnectionConfig> connectionConfig(QString *error = nullptr) const;
    // What keeps Save from working, as shown in the dialog; empty when nothing.
    QString problem() const;
    bool isTesting() const { return m_testing; }
    // The Advanced part (profile, password, encryption, CA certificate) is
    // folded away unless the settings use something only it shows.
    bool isAdvancedOpen() const;
    void setAdvancedOpen(bool open);

public Q_SLOTS:
    void testConnection();
    // Validates, stores the password, writes the settings file, emits
    // settingsSaved() and closes; on a problem it shows it and stays open.
    void save();

Q_SIGNALS:
    void settingsSaved();
    void testFinished(const ConnectionProbeResult &result);

protected:
    void done(int result) override;

private:
    // syncsettingsdialoglayout.cpp: the widgets and their wiring.
    void buildLayout();
    static QLabel *makeNote(const QString &objectName);
    static QLabel *makeError(const QString &objectName);
    static void setTextColor(QLabel *label, const QColor &color);

    // The form's values as they stand.
    SyncSettingsDraft draft() const;
    void fillFrom(const Profile &profile);
    void connectionEdited(const QString &text);
    // Moves a password, sslmode and sslrootcert out of the connection string
    // into their own fields. True when it moved something.
    bool extractFields();
    void updateValidation(bool checkProfileRules);
    void updateSslWidgets();
    void updateStorageNote();
    void showTestResult(const ConnectionProbeResult &result);
    void setSaving(bool saving);

    Profile m_profile;
    PasswordStore *m_passwords;
    QString m_configDir;
    QString m_initialKey; // the password's key when the dialog opened
    bool m_keychain = false;
    bool m_testing = false;
    bool m_saving = false;
    int m_testGeneration = 0;
    int m_saveGeneration = 0;
    QString m_previousText;
    QString m_parseProblem;
    QString m_ruleProblem;
    QObject *m_callbacks; // context for late answers: gone with the dialog

    QToolButton *m_advancedToggle = nullptr;
    QWidget *m_advancedPanel = nullptr;
    QLabel *m_profileValue = nullptr;
    QLabel *m_profileHint = nullptr;
    QLineEdit *m_connectionEdit = nullptr;
    QLabel *m_connectionError = nullptr;
    QLineEdit *m_passwordEdit = nullptr;
    QLabel *m_storageNote = nullptr;
    QCheckBox *m_passwordFileCheck = nullptr;
    QLabel *m_passwordFileNote = nullptr;
    QComboBox *m_sslModeCombo = nullptr;
    QLineEdit *m_caEdit = nullptr;
    QPushButton *m_caBrowseButton = nullptr;
    QPushButton *m_caSystemButton = nullptr;
    QLabel *m_ruleError = nullptr;
    QPushButton *m_testButton = nullptr;
    QLabel *m_testStatus = nullptr;
    QLabel *m_testDetail = nullptr;
    QWidget *m_testFacts = nullptr;
    QLabel *m_serverVersion = nullptr;
    QLabel *m_tlsValue = nullptr;
    QLabel *m_roundTrip = nullptr;
    QLabel *m_environmentNote = nullptr;
    QLabel *m_saveError = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_saveButton = nullptr;
};
