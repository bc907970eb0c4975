#pragma once

#include "migrationreport.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QWizardPage>

class MigrationWizard;
class MigrationWorker;
class QLabel;
class QProgressBar;
class QPushButton;

// The transfer and the validation (MigrationRunner::run) on a worker thread:
// progress, rate and time left by queued signals; Cancel stops it between two
// batches (the cloud keeps whole batches) and Resume runs it again.
class MigratePage : public QWizardPage
{
    Q_OBJECT
public:
    explicit MigratePage(MigrationWizard *wizard);
    ~MigratePage() override;

    void initializePage() override;
    bool isComplete() const override;

    bool isRunning() const { return m_worker != nullptr; }
    // Cancels a running transfer and returns at once; the run stops on its
    // own (between two batches, or when its connection attempt ends) and
    // never calls this page again.
    void abandon();

private:
    void start();
    void cancel();
    void onProgress(qint64 done, qint64 total, double seconds);
    void onFinished(const MigrationReport &report);

    MigrationWizard *m_wizard;
    QProgressBar *m_progress;
    QLabel *m_rate;
    QLabel *m_status;
    QPushButton *m_cancel;
    QPushButton *m_resume;
    MigrationWorker *m_worker = nullptr;
    bool m_done = false;
};
