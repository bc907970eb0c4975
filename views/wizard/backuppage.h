#pragma once

#include <QWizardPage>

class MigrationWizard;
class QLabel;

// Makes the verified online backup beside the old file (LegacySource::backup)
// on a worker thread and shows its name.
class BackupPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit BackupPage(MigrationWizard *wizard);

    void initializePage() override;
    bool isComplete() const override;

    QString backupPath() const { return m_backupPath; }

private:
    MigrationWizard *m_wizard;
    QLabel *m_status;
    QString m_source;     // the file the backup below is of
    QString m_backupPath; // empty until verified
    bool m_running = false;
};
