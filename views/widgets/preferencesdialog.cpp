#include "preferencesdialog.h"

#include "reminders/autostartentry.h"
#include "reminders/backgroundpreferences.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QLabel>
#include <QMessageBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
AutostartEntry autostart()
{
    return AutostartEntry(QGuiApplication::desktopFileName(), QCoreApplication::applicationFilePath());
}
} // namespace

PreferencesDialog::PreferencesDialog(QWidget *parent)
    : QDialog(parent)
    , m_keepRunning(new QCheckBox(tr("&Keep running in the background for reminders"), this))
    , m_openAtLogin(new QCheckBox(tr("&Open at login"), this))
{
    setObjectName(u"preferencesDialog"_s);
    setWindowTitle(tr("Preferences"));
    m_keepRunning->setObjectName(u"keepRunning"_s);
    m_openAtLogin->setObjectName(u"openAtLogin"_s);
    m_keepRunning->setChecked(BackgroundPreferences::keepRunning());
    m_openAtLogin->setChecked(autostart().isEnabled());

    auto *hint = new QLabel(tr("Closing the window then leaves Tandem in the tray, and reminders still fire. "
                               "At login Tandem starts in the tray, without its window."),
                            this);
    hint->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &PreferencesDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &PreferencesDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_keepRunning);
    layout->addWidget(m_openAtLogin);
    layout->addWidget(hint);
    layout->addStretch();
    layout->addWidget(buttons);
}

void PreferencesDialog::accept()
{
    BackgroundPreferences::setKeepRunning(m_keepRunning->isChecked());
    const AutostartEntry entry = autostart();
    if (entry.isEnabled() != m_openAtLogin->isChecked() && !entry.setEnabled(m_openAtLogin->isChecked())) {
        QMessageBox::warning(this, tr("Preferences"), tr("Cannot change %1.").arg(entry.filePath()));
        return;
    }
    Q_EMIT saved();
    QDialog::accept();
}
