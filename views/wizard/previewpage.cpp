#include "previewpage.h"

#include "migrationwizard.h"

#include <QHeaderView>
#include <QLabel>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

PreviewPage::PreviewPage(MigrationWizard *wizard)
    : QWizardPage(wizard)
    , m_wizard(wizard)
{
    setObjectName(u"previewPage"_s);
    setTitle(tr("Preview"));
    setSubTitle(tr("What will be imported (a dry run: nothing has been written yet)."));
    setCommitPage(true);
    setButtonText(QWizard::CommitButton, tr("&Import"));

    m_counts = new QLabel(this);
    m_counts->setObjectName(u"previewCounts"_s);
    m_counts->setAccessibleName(tr("Rows per table"));
    m_counts->setWordWrap(true);
    m_counts->setTextFormat(Qt::PlainText);
    auto *problemsLabel = new QLabel(tr("Rows that need a repair:"), this);
    problemsLabel->setObjectName(u"problemsLabel"_s);
    m_model = new QStandardItemModel(0, ColumnCount, this);
    m_model->setHorizontalHeaderLabels(
        {tr("Table"), tr("Legacy id"), tr("Column"), tr("Raw value"), tr("What will be done")});
    m_problems = new QTableView(this);
    m_problems->setObjectName(u"problemsView"_s);
    m_problems->setAccessibleName(tr("Rows that need a repair"));
    m_problems->setModel(m_model);
    m_problems->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_problems->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_problems->setAlternatingRowColors(true);
    m_problems->verticalHeader()->hide();
    m_problems->setWordWrap(true);
    m_problems->horizontalHeader()->setStretchLastSection(true);
    problemsLabel->setBuddy(m_problems);
    // Long actions wrap once the last column has its final width.
    connect(m_problems->horizontalHeader(), &QHeaderView::sectionResized, m_problems,
            &QTableView::resizeRowsToContents);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_counts);
    layout->addWidget(problemsLabel);
    layout->addWidget(m_problems, 1);
}

void PreviewPage::initializePage()
{
    const MigrationReport &report = m_wizard->preview();
    QStringList lines;
    for (const TableCount &t : report.tables)
        lines << tr("%1: %2 read, %3 to import, %4 repaired, %5 left out")
                     .arg(t.table)
                     .arg(t.read)
                     .arg(t.migrated)
                     .arg(t.warnings)
                     .arg(t.skipped);
    lines << tr("%n row(s) need a repair or are left out.", nullptr, int(report.problems.size()));
    m_counts->setText(lines.join(u'\n'));

    m_model->removeRows(0, m_model->rowCount());
    for (const RowProblem &p : report.problems) {
        QList<QStandardItem *> row;
        row << new QStandardItem(p.table) << new QStandardItem(p.legacyId) << new QStandardItem(p.column)
            << new QStandardItem(p.rawValue)
            << new QStandardItem(p.action);
        for (QStandardItem *item : std::as_const(row))
            item->setToolTip(item->text());
        m_model->appendRow(row);
    }
    m_problems->resizeColumnsToContents();
    m_problems->resizeRowsToContents();
}
