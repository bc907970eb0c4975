#include "donepage.h"

#include "migrationwizard.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

DonePage::DonePage(MigrationWizard *wizard)
    : QWizardPage(wizard)
    , m_wizard(wizard)
{
    setObjectName(u"donePage"_s);
    setTitle(tr("Done"));
    setSubTitle(tr("Your old todos are in the list \"Imported\"."));
    setFinalPage(true);
    m_summary = new QLabel(this);
    m_summary->setObjectName(u"doneSummary"_s);
    m_summary->setAccessibleName(tr("Summary"));
    m_summary->setWordWrap(true);
    m_report = new QPlainTextEdit(this);
    m_report->setObjectName(u"reportText"_s);
    m_report->setAccessibleName(tr("Import report"));
    m_report->setReadOnly(true);
    m_report->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_report->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_open = new QPushButton(tr("&Open the Imported List"), this);
    m_open->setObjectName(u"openImportedList"_s);
    m_open->setAccessibleName(tr("Open the Imported list"));

    auto *row = new QHBoxLayout;
    row->addStretch();
    row->addWidget(m_open);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_report, 1);
    layout->addLayout(row);
    connect(m_open, &QPushButton::clicked, m_wizard, &MigrationWizard::openImportedListRequested);
}

void DonePage::initializePage()
{
    const MigrationReport &report = m_wizard->result();
    qint64 todos = 0;
    for (const TableCount &t : report.tables)
        if (t.table == u"todo"_s)
            todos = t.migrated;
    if (report.status == u"validated"_s)
        m_summary->setText(tr("%n todo(s) imported and validated. %1", nullptr, int(todos))
                               .arg(report.problems.isEmpty()
                                        ? tr("Every row arrived as it was.")
                                        : tr("%n row(s) were repaired or left out (listed in the report below).",
                                             nullptr, int(report.problems.size()))));
    else
        m_summary->setText(report.message);
    m_report->setPlainText(report.toText());
    if (!report.fingerprint.isEmpty()) {
        QSettings settings;
        settings.setValue(MigrationWizard::doneKey(report.fingerprint), true);
        settings.setValue(MigrationWizard::offeredKey(), true);
    }
}
