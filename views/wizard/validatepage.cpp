#include "validatepage.h"

#include "migrationwizard.h"

#include <QLabel>
#include <QListWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

ValidatePage::ValidatePage(MigrationWizard *wizard)
    : QWizardPage(wizard)
    , m_wizard(wizard)
{
    setObjectName(u"validatePage"_s);
    setTitle(tr("Validation"));
    setSubTitle(tr("Every imported row was read back from the cloud and compared with the file."));
    m_result = new QLabel(this);
    m_result->setObjectName(u"validationResult"_s);
    m_result->setAccessibleName(tr("Validation result"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_mismatches = new QListWidget(this);
    m_mismatches->setObjectName(u"mismatchList"_s);
    m_mismatches->setAccessibleName(tr("Rows that differ"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_result);
    layout->addWidget(m_mismatches, 1);
}

void ValidatePage::initializePage()
{
    const MigrationReport &report = m_wizard->result();
    qint64 compared = 0;
    for (const TableCount &t : report.tables)
        if (t.table == u"todo"_s)
            compared = t.migrated;
    m_mismatches->clear();
    m_mismatches->addItems(report.mismatches);
    m_mismatches->setVisible(!report.mismatches.isEmpty());
    if (report.status == u"validated"_s)
        m_result->setText(tr("Validated: %n row(s) compared, every one as in the file.", nullptr, int(compared)));
    else if (report.status == u"already-migrated"_s)
        m_result->setText(tr("This file was imported and validated before; nothing was compared again."));
    else
        m_result->setText(tr("Not validated: %1").arg(report.message));
}
