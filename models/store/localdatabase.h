#pragma once

#include "cachechange.h"
#include "commitledger.h"

#include <QLockFile>
#include <QObject>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <memory>

class ExternalChangeWatcher;

// The local SQLite cache: one file, one named connection, opened with the
// settings a long-running desktop app wants (WAL, synchronous=NORMAL,
// foreign keys, a busy timeout) and checked before use. It never deletes or
// rewrites a file it cannot read: a damaged file is set aside under a new name.
// Several processes share the file (the window and any number of tandem-cli
// runs); what the others commit is announced with origin External.
class LocalDatabase : public QObject
{
    Q_OBJECT
public:
    enum class OpenStatus {
        Ok,
        CannotCreateFolder, // the folder for the file cannot be made
        Unwritable,         // the file or its folder is read-only
        Locked,             // another owner (a window, or tandem-cli syncing) has this file
        Corrupt,            // not a SQLite database, or quick_check failed
        TooNew,             // written by a newer Tandem; never downgraded
        Failed,             // anything else SQLite said
    };
    Q_ENUM(OpenStatus)

    struct OpenResult
    {
        OpenStatus status = OpenStatus::Failed;
        QString detail; // what SQLite or the system said, for the "details" part of a dialog
        bool ok() const { return status == OpenStatus::Ok; }
    };

    // Who opens the file. The owner syncs it, and there is one at a time: two
    // sync engines would push the same outbox twice. Guests (tandem-cli's
    // add, list, edit, ...) read and write beside the owner and each other.
    enum class Role {
        Owner,
        Guest,
    };
    Q_ENUM(Role)

    static constexpr int kBusyTimeoutMs = 5000;
    // How long an opening waits for another process that is opening the file.
    static constexpr int kOpeningWaitMs = 30000;
    static constexpr int kCacheKiB = 32 * 1024;

    explicit LocalDatabase(QObject *parent = nullptr);
    ~LocalDatabase() override;

    OpenResult open(const QString &filePath, Role role = Role::Owner);
    void close();
    bool isOpen() const;

    QSqlDatabase database() const;
    // A second connection to the same file, for reads that keep a statement
    // open between turns of the event loop (TodoModel fetches its rows as
    // the list scrolls). In WAL mode an open statement pins its connection
    // to the snapshot it began with: on database() it would hide every later
    // commit of the sync engine from the store, and refuse the store's next
    // write (SQLITE_BUSY_SNAPSHOT). Opened on first use, closed by close().
    QSqlDatabase readerDatabase() const;
    QString connectionName() const { return m_connectionName; }
    QString filePath() const { return m_filePath; }

    // Opens another connection to the same file, for a worker thread. The
    // caller must use and remove it in the thread that calls this.
    static QSqlDatabase openExtraConnection(const QString &filePath, const QString &connectionName,
                                            QString *error);

    // Renames a damaged file (and its -wal and -shm companions) to
    // FILE.damaged-YYYYMMDD-HHMMSS beside itself. Returns the new name of
    // the main file, or an empty string (with error set) when it could not.
    static QString setAsideDamagedFile(const QString &filePath, QString *error);

    // A short, translated sentence for each status, for dialogs.
    static QString describe(OpenStatus status);

    // Tells everyone listening to changed() of a write committed elsewhere:
    // TodoStore after each transaction, the sync controller after a pull
    // that the engine wrote through its own connection.
    void announce(const CacheChange &change);

Q_SIGNALS:
    // After a committed change, with its origin: the item models update
    // from it; nobody reloads them by hand.
    void changed(const CacheChange &change);

private:
    OpenResult openConnection(const QString &filePath, Role role);
    OpenResult probe(const QString &filePath, bool *checked);
    OpenResult fail(OpenStatus status, const QString &detail);
    static bool configureConnection(QSqlDatabase &db, QString *error);

    QString m_filePath;
    QString m_connectionName;
    std::unique_ptr<QLockFile> m_lock; // the owner's, for as long as it is open
    std::shared_ptr<CommitLedger::Tally> m_commits = std::make_shared<CommitLedger::Tally>();
    std::unique_ptr<ExternalChangeWatcher> m_watcher;
};
