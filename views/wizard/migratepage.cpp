#include "migratepage.h"

#include "backuppage.h"

#include "migrationwizard.h"
#include "migrationworker.h"

#include <QCoreApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

MigratePage::MigratePage(MigrationWizard *wizard)
    : QWizardPage(wizard)
    , m_wizard(wizard)
{
    setObjectName(u"migratePage"_s);
    setTitle(tr("Import"));
    setSubTitle(tr("The todos are being copied to the cloud. You can keep using Tandem meanwhile."));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(u"migrateProgress"_s);
    m_progress->setAccessibleName(tr("Import progress"));
    m_progress->setFormat(tr("%v of %m todos"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_rate = new QLabel(this);
    m_rate->setObjectName(u"migrateRate"_s);
    m_rate->setAccessibleName(tr("Rate and time left"));
    m_status = new QLabel(this);
    m_status->setObjectName(u"migrateStatus"_s);
    m_status->setAccessibleName(tr("Import status"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_cancel = new QPushButton(tr("&Stop"), this);
    m_cancel->setObjectName(u"cancelMigration"_s);
    m_cancel->setAccessibleName(tr("Stop the import"));
    m_resume = new QPushButton(tr("&Resume"), this);
    m_resume->setObjectName(u"resumeMigration"_s);
    m_resume->setAccessibleName(tr("Resume the import"));
    m_resume->hide();

    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_resume);
    buttons->addWidget(m_cancel);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_progress);
    layout->addWidget(m_rate);
    layout->addWidget(m_status);
    layout->addLayout(buttons);
    layout->addStretch();
    connect(m_cancel, &QPushButton::clicked, this, &MigratePage::cancel);
    connect(m_resume, &QPushButton::clicked, this, &MigratePage::start);
}

MigratePage::~MigratePage()
{
    abandon();
}

void MigratePage::initializePage()
{
    if (!m_done && !isRunning())
        start();
}

bool MigratePage::isComplete() const
{
    return m_done;
}

void MigratePage::abandon()
{
    if (!m_worker)
        return;
    // Never wait here: a run still connecting to a server that does not
    // answer would hold the window until libpq gave up, which without a
    // connect_timeout is never. The worker ends and deletes itself.
    m_worker->cancel();
    disconnect(m_worker, nullptr, this, nullptr);
    m_worker = nullptr;
}

void MigratePage::start()
{
    MigrationRunner::Options options;
    options.sourcePath = m_wizard->sourcePath();
    // The Backup page made and verified one already: the run uses it
    // instead of making a second.
    if (const auto *backup = qobject_cast<BackupPage *>(m_wizard->page(MigrationWizard::BackupId)))
        options.existingBackup = backup->backupPath();
    options.connection = m_wizard->profile().connection;
    options.batchSize = m_wizard->batchSize();
    options.faultHook = m_wizard->batchHook();
    options.appVersion = QCoreApplication::applicationVersion();

    m_worker = new MigrationWorker(options);
    connect(m_worker, &MigrationWorker::progressed, this, &MigratePage::onProgress, Qt::QueuedConnection);
    connect(m_worker, &MigrationWorker::finished, this, &MigratePage::onFinished, Qt::QueuedConnection);

    m_resume->hide();
    m_cancel->show();
    m_cancel->setEnabled(true);
    m_rate->clear();
    m_status->setText(tr("Connecting to the cloud database…"));
    m_worker->start();
}

void MigratePage::cancel()
{
    if (!m_worker)
        return;
    m_worker->cancel();
    m_cancel->setEnabled(false);
    m_status->setText(tr("Stopping after the current batch…"));
}

void MigratePage::onProgress(qint64 done, qint64 total, double seconds)
{
    // Progress counts todos; QProgressBar takes int, which the legacy files never exceed.
    m_progress->setRange(0, int(qMax<qint64>(total, 1)));
    m_progress->setValue(int(done));
    const double rate = seconds > 0 ? double(done) / seconds : 0;
    const double left = rate > 0 ? double(total - done) / rate : 0;
    m_rate->setText(tr("%1 todos/s, about %2 s left").arg(rate, 0, 'f', 0).arg(left, 0, 'f', 0));
    if (m_cancel->isEnabled())
        m_status->setText(tr("Copying the todos…"));
}

void MigratePage::onFinished(const MigrationReport &report)
{
    m_worker = nullptr; // it deletes itself with its thread
    m_cancel->hide();
    m_wizard->setResult(report);
    if (report.status == u"validated"_s || report.status == u"already-migrated"_s) {
        m_done = true;
        m_progress->setValue(m_progress->maximum());
        m_status->setText(report.status == u"validated"_s
                              ? tr("All todos were copied and compared with the file.")
                              : tr("This file was already imported; nothing was changed."));
        Q_EMIT completeChanged();
        if (report.status == u"validated"_s)
            Q_EMIT m_wizard->migrationFinished();
        return;
    }
    m_rate->clear(); // no time left to show for a run that stopped
    if (report.status == u"cancelled"_s)
        m_status->setText(tr("Stopped after %1 of %2 todos. The cloud holds the batches copied so far; "
                             "Resume continues where it stopped.")
                              .arg(m_progress->value())
                              .arg(m_progress->maximum()));
    else
        m_status->setText(tr("The import did not finish: %1").arg(report.message));
    m_resume->show();
}
