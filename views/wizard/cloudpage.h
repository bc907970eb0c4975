#pragma once

#include <QWizardPage>

class MigrationWizard;
class QLabel;
class QPushButton;

// The cloud database of the sync settings, with "Test connection"
// (ConnectionProbe on a worker thread).
class CloudPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit CloudPage(MigrationWizard *wizard);

    void initializePage() override;
    bool isComplete() const override;

private:
    void test();

    MigrationWizard *m_wizard;
    QLabel *m_server;
    QPushButton *m_test;
    QLabel *m_result;
};
