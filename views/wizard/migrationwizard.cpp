#include "migrationwizard.h"

#include "backuppage.h"
#include "cloudpage.h"
#include "donepage.h"
#include "legacysource.h"
#include "migratepage.h"
#include "previewpage.h"
#include "sourcepage.h"
#include "validatepage.h"
#include "welcomepage.h"

#include <QSettings>

using namespace Qt::StringLiterals;

MigrationWizard::MigrationWizard(const Profile &profile, QWidget *parent, const QProcessEnvironment &env)
    : QWizard(parent)
    , m_profile(profile)
    , m_env(env)
{
    setObjectName(u"migrationWizard"_s);
    setWindowTitle(tr("Import from the Python Todo App"));
    setAccessibleName(tr("Import from the Python Todo app"));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnLastPage, true);
    setOption(QWizard::NoCancelButtonOnLastPage, true);
    m_migratePage = new MigratePage(this);
    setPage(WelcomeId, new WelcomePage(this));
    setPage(SourceId, new SourcePage(this));
    setPage(BackupId, new BackupPage(this));
    setPage(CloudId, new CloudPage(this));
    setPage(PreviewId, new PreviewPage(this));
    setPage(MigrateId, m_migratePage);
    setPage(ValidateId, new ValidatePage(this));
    setPage(DoneId, new DonePage(this));
    setStartId(WelcomeId);
    resize(720, 560);
}

MigrationWizard::~MigrationWizard()
{
    // A transfer still running is cancelled, not waited for: it stops
    // between two batches (the cloud keeps whole batches) or after its
    // connection attempt, and closing returns at once even when the server
    // never answers.
    m_migratePage->abandon();
}

void MigrationWizard::reject()
{
    m_migratePage->abandon();
    QWizard::reject();
}

QString MigrationWizard::doneKey(const QString &fingerprint)
{
    return u"migration/done/"_s + fingerprint;
}

QString MigrationWizard::offeredKey()
{
    return u"migration/offered"_s;
}

bool MigrationWizard::wasImported(const QString &fingerprint)
{
    return !fingerprint.isEmpty() && QSettings().value(doneKey(fingerprint), false).toBool();
}

QString MigrationWizard::fileToOffer(const QProcessEnvironment &env)
{
    if (QSettings().value(offeredKey(), false).toBool())
        return {};
    return LegacySource::findDefault(env);
}

void MigrationWizard::markOffered()
{
    QSettings().setValue(offeredKey(), true);
}

QString MigrationWizard::sourcePath() const
{
    return field(u"sourcePath"_s).toString().trimmed();
}

void MigrationWizard::setResult(const MigrationReport &report)
{
    m_result = report;
}
