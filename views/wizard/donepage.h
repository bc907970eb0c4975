#pragma once

#include <QWizardPage>

class MigrationWizard;
class QLabel;
class QPlainTextEdit;
class QPushButton;

// The report (summary and the per-table table) and "Open the Imported List".
// Records in QSettings that this file was imported, so the offer at start-up
// does not come back.
class DonePage : public QWizardPage
{
    Q_OBJECT
public:
    explicit DonePage(MigrationWizard *wizard);

    void initializePage() override;

private:
    MigrationWizard *m_wizard;
    QLabel *m_summary;
    QPlainTextEdit *m_report;
    QPushButton *m_open;
};
