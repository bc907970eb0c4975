#pragma once

#include <QWizardPage>

class MigrationWizard;
class QLabel;
class QStandardItemModel;
class QTableView;

// The dry run: counts per table and every row that will be repaired or left
// out. The commit page: after it the import starts and there is no way back.
class PreviewPage : public QWizardPage
{
    Q_OBJECT
public:
    enum Column { TableColumn, LegacyIdColumn, ColumnColumn, RawValueColumn, ActionColumn, ColumnCount };

    explicit PreviewPage(MigrationWizard *wizard);

    void initializePage() override;

private:
    MigrationWizard *m_wizard;
    QLabel *m_counts;
    QTableView *m_problems;
    QStandardItemModel *m_model;
};
