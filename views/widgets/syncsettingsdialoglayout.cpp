// SyncSettingsDialog's widgets: built once, and wired to the dialog's slots.

#include "syncsettingsdialog.h"

#include "clearaction.h"
#include "tododelegate.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProcessEnvironment>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

// Debian's bundle of the public CAs (package ca-certificates); Neon's
// certificates are signed by one of them.
const QString kSystemCaFile = u"/etc/ssl/certs/ca-certificates.crt"_s;

} // namespace

void SyncSettingsDialog::setTextColor(QLabel *label, const QColor &color)
{
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, color);
    label->setPalette(palette);
}

QLabel *SyncSettingsDialog::makeNote(const QString &objectName)
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

QLabel *SyncSettingsDialog::makeError(const QString &objectName)
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

void SyncSettingsDialog::buildLayout()
{
    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(10);

    // What most people need: the string Neon's console gives, nothing else.
    m_connectionEdit = new QLineEdit;
    m_connectionEdit->setObjectName(u"connectionEdit"_s);
    m_connectionEdit->setAccessibleName(tr("Connection string"));
    m_connectionEdit->setPlaceholderText(u"postgresql://user@host/database?sslmode=require"_s);
    ClearAction::add(m_connectionEdit);
    m_connectionEdit->setMinimumWidth(480);
    auto *connectionLabel = new QLabel(tr("Paste your Neon &connection string:"));
    connectionLabel->setBuddy(m_connectionEdit);
    auto *connectionHint = makeNote(u"connectionHint"_s);
    connectionHint->setText(tr("Neon's console shows it when you click Connect. Tandem keeps the password apart "
                               "from it. Leave the field empty to keep your todos on this computer only."));
    m_connectionError = makeError(u"connectionError"_s);
    m_connectionError->setAccessibleName(tr("Connection string problem"));
    layout->addWidget(connectionLabel);
    layout->addWidget(m_connectionEdit);
    layout->addWidget(m_connectionError);
    layout->addWidget(connectionHint);

    // The test right under it: paste, test, read the answer.
    m_testButton = new QPushButton(tr("&Test"));
    m_testButton->setObjectName(u"testConnectionButton"_s);
    m_testButton->setAccessibleName(tr("Test the connection"));
    m_testButton->setAutoDefault(false);
    m_testStatus = new QLabel(tr("Not tested yet."));
    m_testStatus->setObjectName(u"testStatus"_s);
    m_testStatus->setWordWrap(true);
    m_testStatus->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_testStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_testStatus->setAccessibleName(tr("Connection test result"));
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_testButton, 0, Qt::AlignTop);
    testRow->addWidget(m_testStatus, 1);
    layout->addLayout(testRow);
    m_testDetail = makeNote(u"testDetail"_s);
    m_testDetail->hide();
    layout->addWidget(m_testDetail);
    m_testFacts = new QWidget;
    m_testFacts->setObjectName(u"testFacts"_s);
    auto *facts = new QFormLayout(m_testFacts);
    facts->setContentsMargins(0, 0, 0, 0);
    auto makeFact = [](const QString &name, const QString &accessibleName) {
        auto *label = new QLabel;
        label->setObjectName(name);
        label->setAccessibleName(accessibleName);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        label->setForegroundRole(QPalette::PlaceholderText);
        return label;
    };
    m_serverVersion = makeFact(u"serverVersion"_s, tr("Server version"));
    m_tlsValue = makeFact(u"tlsValue"_s, tr("Encrypted (TLS)"));
    m_roundTrip = makeFact(u"roundTrip"_s, tr("Round trip"));
    facts->addRow(tr("Server:"), m_serverVersion);
    facts->addRow(tr("Encrypted (TLS):"), m_tlsValue);
    facts->addRow(tr("Round trip:"), m_roundTrip);
    m_testFacts->hide();
    layout->addWidget(m_testFacts);

    // Everything else, for those who set up their own server.
    m_advancedToggle = new QToolButton;
    m_advancedToggle->setObjectName(u"advancedToggle"_s);
    m_advancedToggle->setText(tr("Ad&vanced"));
    m_advancedToggle->setAccessibleName(tr("Show the advanced settings"));
    m_advancedToggle->setCheckable(true);
    m_advancedToggle->setAutoRaise(true);
    m_advancedToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_advancedToggle->setArrowType(Qt::RightArrow);
    layout->addWidget(m_advancedToggle, 0, Qt::AlignLeft);
    m_advancedPanel = new QWidget;
    m_advancedPanel->setObjectName(u"advancedPanel"_s);
    auto *advanced = new QVBoxLayout(m_advancedPanel);
    advanced->setContentsMargins(16, 0, 0, 0);
    advanced->setSpacing(10);
    m_advancedPanel->hide();
    layout->addWidget(m_advancedPanel);

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
    advanced->addLayout(profileRow);
    m_profileHint = makeNote(u"profileHint"_s);
    m_profileHint->setText(tr("The profile is chosen when Tandem starts (--profile or TANDEM_PROFILE). "
                              "These settings are saved in %1. The connection string may also be given as "
                              "libpq key=value pairs (host=… dbname=…).")
                               .arg(QDir::toNativeSeparators(envFilePath())));
    advanced->addWidget(m_profileHint);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);

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
    advanced->addLayout(form);

    m_environmentNote = makeError(u"environmentNote"_s);
    layout->addWidget(m_environmentNote);
    const QStringList overriding = SyncSettingsDraft::overriddenBy(QProcessEnvironment::systemEnvironment());
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
    connect(m_advancedToggle, &QToolButton::toggled, this, [this](bool open) {
        m_advancedToggle->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
        m_advancedPanel->setVisible(open);
        // As tall as the wrapped notes need at this width: no line cut off.
        QLayout *dialogLayout = this->layout();
        dialogLayout->activate();
        const int needed = dialogLayout->hasHeightForWidth() ? dialogLayout->totalHeightForWidth(width())
                                                             : sizeHint().height();
        resize(width(), qMax(needed, minimumSizeHint().height()));
    });
}
