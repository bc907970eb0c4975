#pragma once

#include <QTimer>
#include <QWizardPage>

#include <atomic>
#include <memory>

class MigrationWizard;
class QLabel;
class QLineEdit;
class QPushButton;

// The old app's file: found at a default location or picked. Checked
// (LegacySource::inspect) once typing pauses; a good file is read by a dry
// run on a worker thread for its counts and problems. Next stays disabled
// for a refused file, and while the path changes.
class SourcePage : public QWizardPage
{
    Q_OBJECT
public:
    // How long typing must pause before the path is checked.
    static constexpr int kCheckDelayMs = 300;

    explicit SourcePage(MigrationWizard *wizard);
    ~SourcePage() override;

    void initializePage() override;
    bool isComplete() const override;

private:
    void browse();
    void pathEdited();
    void check();
    void cancelDryRun();

    MigrationWizard *m_wizard;
    QLineEdit *m_path;
    QPushButton *m_browse;
    QLabel *m_status;
    bool m_ok = false;
    int m_generation = 0; // a newer path makes an older dry run's answer stale
    QTimer m_checkTimer;
    // The running dry run's flag: set, it stops between rows. Shared with
    // its thread, which may outlive this page.
    std::shared_ptr<std::atomic<bool>> m_dryRunCancel;
};
