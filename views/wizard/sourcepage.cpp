#include "sourcepage.h"

#include "legacysource.h"
#include "migrationrunner.h"
#include "migrationwizard.h"
#include "wizardthread.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

SourcePage::SourcePage(MigrationWizard *wizard)
    : QWizardPage(wizard)
    , m_wizard(wizard)
{
    setObjectName(u"sourcePage"_s);
    setTitle(tr("The Python Todo App's File"));
    setSubTitle(tr("The file of the Python Todo app that holds your todos (todo_app_local.db)."));

    m_path = new QLineEdit(this);
    m_path->setObjectName(u"sourcePath"_s);
    m_path->setAccessibleName(tr("Old app file"));
    m_path->setPlaceholderText(tr("Path to todo_app_local.db"));
    m_browse = new QPushButton(tr("&Choose…"), this);
    m_browse->setObjectName(u"browseSource"_s);
    m_browse->setAccessibleName(tr("Choose the Python Todo app's file"));
    m_status = new QLabel(this);
    m_status->setObjectName(u"sourceStatus"_s);
    m_status->setAccessibleName(tr("File check result"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *row = new QHBoxLayout;
    row->addWidget(m_path, 1);
    row->addWidget(m_browse);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(m_status);
    layout->addStretch();

    registerField(u"sourcePath"_s, m_path);
    connect(m_browse, &QPushButton::clicked, this, &SourcePage::browse);
    m_checkTimer.setSingleShot(true);
    m_checkTimer.setInterval(kCheckDelayMs);
    connect(&m_checkTimer, &QTimer::timeout, this, &SourcePage::check);
    connect(m_path, &QLineEdit::textChanged, this, &SourcePage::pathEdited);
}

SourcePage::~SourcePage()
{
    cancelDryRun();
}

void SourcePage::initializePage()
{
    if (m_path->text().isEmpty()) {
        const QString found = LegacySource::findDefault(m_wizard->environment());
        if (!found.isEmpty())
            m_path->setText(found);
        else
            m_status->setText(tr("No file of the Python Todo app was found in the usual places:\n%1\nChoose it.")
                                  .arg(LegacySource::defaultLocations(m_wizard->environment()).join(u'\n')));
    }
}

bool SourcePage::isComplete() const
{
    return m_ok;
}

void SourcePage::browse()
{
    const QString start = m_path->text().isEmpty() ? QString() : QFileInfo(m_path->text()).absolutePath();
    const QString picked = QFileDialog::getOpenFileName(this, tr("The Python Todo App's File"), start,
                                                        tr("SQLite databases (*.db *.sqlite);;All files (*)"));
    if (!picked.isEmpty())
        m_path->setText(picked);
}

void SourcePage::cancelDryRun()
{
    if (m_dryRunCancel)
        m_dryRunCancel->store(true);
    m_dryRunCancel.reset();
}

void SourcePage::pathEdited()
{
    // The answer for the old path no longer counts, at once; the new one is
    // checked when typing pauses, not at every key.
    m_ok = false;
    ++m_generation;
    cancelDryRun();
    Q_EMIT completeChanged();
    m_checkTimer.start();
}

void SourcePage::check()
{
    const int generation = m_generation;
    const QString path = m_path->text().trimmed();
    if (path.isEmpty()) {
        m_status->clear();
        return;
    }
    const LegacySource::Inspection inspection = LegacySource::inspect(path);
    if (!inspection.ok) {
        m_status->setText(tr("This file cannot be imported: %1").arg(inspection.error));
        return;
    }
    m_status->setText(tr("Version %1 file. Reading it…").arg(inspection.schemaVersion));
    MigrationRunner::Options options;
    options.sourcePath = path;
    options.dryRun = true;
    options.faultHook = m_wizard->batchHook();
    m_dryRunCancel = std::make_shared<std::atomic<bool>>(false);
    runOnWorker<MigrationReport>(
        this,
        [options, cancel = m_dryRunCancel]() mutable {
            options.cancel = cancel.get();
            return MigrationRunner::run(options);
        },
        [this, generation](const MigrationReport &report) {
            if (generation != m_generation)
                return;
            m_dryRunCancel.reset();
            if (report.status != u"dry-run"_s) {
                m_status->setText(tr("This file cannot be imported: %1").arg(report.message));
                return;
            }
            QStringList counts;
            for (const TableCount &t : report.tables)
                counts << tr("%1: %2 rows").arg(t.table).arg(t.read);
            QString text = tr("Version %1 file of the Python Todo app.\n%2\n%3 rows need a repair (shown before the "
                              "import).")
                               .arg(report.schemaVersion)
                               .arg(counts.join(u'\n'))
                               .arg(report.problems.size());
            if (MigrationWizard::wasImported(report.fingerprint))
                text += u'\n' + tr("This file was already imported; importing it again changes nothing.");
            m_status->setText(text);
            m_wizard->setPreview(report);
            m_ok = true;
            Q_EMIT completeChanged();
        });
}
