#include "backuppage.h"

#include "legacysource.h"
#include "migrationwizard.h"
#include "wizardthread.h"

#include <QFileInfo>
#include <QLabel>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
struct BackupResult
{
    bool ok = false;
    QString path;
    QString error;
};
} // namespace

BackupPage::BackupPage(MigrationWizard *wizard)
    : QWizardPage(wizard)
    , m_wizard(wizard)
{
    setObjectName(u"backupPage"_s);
    setTitle(tr("Backup"));
    setSubTitle(tr("A copy of the old file is made beside it and checked before anything else happens."));
    m_status = new QLabel(this);
    m_status->setObjectName(u"backupStatus"_s);
    m_status->setAccessibleName(tr("Backup result"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addStretch();
}

void BackupPage::initializePage()
{
    const QString source = m_wizard->sourcePath();
    if (m_running || (source == m_source && !m_backupPath.isEmpty()))
        return; // one backup per file, however often the page is shown
    m_source = source;
    m_backupPath.clear();
    m_running = true;
    m_status->setText(tr("Making the backup of %1…").arg(QFileInfo(source).fileName()));
    Q_EMIT completeChanged();
    runOnWorker<BackupResult>(
        this,
        [source] {
            BackupResult result;
            result.path = LegacySource::backupPathFor(source);
            result.ok = LegacySource::backup(source, result.path, &result.error);
            return result;
        },
        [this](const BackupResult &result) {
            m_running = false;
            if (!result.ok) {
                m_status->setText(tr("The backup could not be made: %1\nNothing was changed.").arg(result.error));
                return;
            }
            m_backupPath = result.path;
            m_status->setText(tr("Backup made and verified (integrity check and equal row counts):\n%1\n\n"
                                 "The old file itself is left exactly as it is.")
                                  .arg(QFileInfo(result.path).fileName()));
            m_status->setToolTip(result.path);
            Q_EMIT completeChanged();
        });
}

bool BackupPage::isComplete() const
{
    return !m_running && !m_backupPath.isEmpty();
}
