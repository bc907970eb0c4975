#pragma once

#include <QWizardPage>

class MigrationWizard;
class QLabel;
class QListWidget;

// The validation part of the run: every row compared in the cloud with the
// file (ImportValidator's per-row checksums), and the rows that differ.
class ValidatePage : public QWizardPage
{
    Q_OBJECT
public:
    explicit ValidatePage(MigrationWizard *wizard);

    void initializePage() override;

private:
    MigrationWizard *m_wizard;
    QLabel *m_result;
    QListWidget *m_mismatches;
};
