#pragma once

#include <QWizardPage>

class MigrationWizard;
class QLabel;
class QLineEdit;
class QPushButton;

// The old app's file: found at a default location or picked. Checked at
// once (LegacySource::inspect); a good file is read by a dry run on a worker
// thread for its counts and problems. Next stays disabled for a refused file.
class SourcePage : public QWizardPage
{
    Q_OBJECT
public:
    explicit SourcePage(MigrationWizard *wizard);

    void initializePage() override;
    bool isComplete() const override;

private:
    void browse();
    void check();

    MigrationWizard *m_wizard;
    QLineEdit *m_path;
    QPushButton *m_browse;
    QLabel *m_status;
    bool m_ok = false;
    int m_generation = 0; // a newer path makes an older dry run's answer stale
};
