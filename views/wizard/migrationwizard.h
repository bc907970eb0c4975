#pragma once

#include "cloud/profile.h"
#include "migrationreport.h"

#include <QProcessEnvironment>
#include <QWizard>

#include <functional>

class MigratePage;

// The one-time import of the old app's file, for people: welcome, source,
// backup, cloud connection, preview (dry run), migrate, validate, done.
// The engine is MigrationRunner (migration/); this only shows its steps.
class MigrationWizard : public QWizard
{
    Q_OBJECT
public:
    enum PageId { WelcomeId, SourceId, BackupId, CloudId, PreviewId, MigrateId, ValidateId, DoneId };

    explicit MigrationWizard(const Profile &profile, QWidget *parent = nullptr,
                             const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());
    ~MigrationWizard() override;

    // Cancel while the transfer runs cancels it too, and returns at once.
    void reject() override;

    // The QSettings keys that say the import was done / offered.
    static QString doneKey(const QString &fingerprint);
    static QString offeredKey();
    // True when QSettings records that the file with this fingerprint was imported.
    static bool wasImported(const QString &fingerprint);
    // For the first launch: the old app's file at a default location, when
    // the wizard was never offered on this computer; otherwise empty. Cheap
    // (no file is read, no network): the cloud's own record is checked by
    // the wizard itself (an imported file ends as "already imported").
    static QString fileToOffer(const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());
    // Records that the import was offered, so it is offered only once.
    static void markOffered();

    const Profile &profile() const { return m_profile; }
    const QProcessEnvironment &environment() const { return m_env; }

    // Todos per transaction of the transfer (tests use 1 to cancel a long run).
    int batchSize() const { return m_batchSize; }
    void setBatchSize(int size) { m_batchSize = size > 0 ? size : 10000; }
    // Called by the transfer at each phase of each batch, and by the source
    // page's preview ("dry-run" as it starts, "dry-run-mapped" once every row
    // is mapped) (MigrationRunner::Options::faultHook), on the worker
    // thread; tests slow the runs down and count them with it.
    using BatchHook = std::function<void(const QString &phase, int batch)>;
    BatchHook batchHook() const { return m_batchHook; }
    void setBatchHook(BatchHook hook) { m_batchHook = std::move(hook); }

    // Shared between the pages.
    QString sourcePath() const;
    const MigrationReport &preview() const { return m_preview; }
    void setPreview(const MigrationReport &report) { m_preview = report; }
    const MigrationReport &result() const { return m_result; }
    void setResult(const MigrationReport &report);

Q_SIGNALS:
    // "Open the Imported List" on the last page.
    void openImportedListRequested();
    // The rows are in the cloud and validated: a sync pull brings them to
    // the local cache (the window triggers Sync Now).
    void migrationFinished();

private:
    Profile m_profile;
    QProcessEnvironment m_env;
    int m_batchSize = 10000;
    BatchHook m_batchHook;
    MigrationReport m_preview;
    MigrationReport m_result;
    MigratePage *m_migratePage = nullptr;
};
