#pragma once

#include "scratchdatabase.h"
#include "store/localdatabase.h"
#include "store/todostore.h"
#include "sync/syncresult.h"

#include <QSqlDatabase>
#include <QTemporaryDir>

#include <memory>

class SyncReplica;
class TopologyReplica;

// One desktop of a convergence run, of any kind. The run edits through
// store() (the window's connection) and calls sync(); what runs the sync,
// and on which thread and connection, is the kind's business.
//
// A new kind: a value in Kind, its letter in kindsFrom(), a class that owns
// a cache and syncs it (as SyncReplica and TopologyReplica do), and a case
// in the constructor and in sync().
class ConvergenceDesk
{
public:
    enum class Kind {
        InProcess, // the session on the window's connection and thread (tandem-cli's way)
        RealTopology, // the app's way: the SyncEngine on its own thread and connection
        // InProcess, whose data folder is backed up now and then (with edits
        // still waiting) and put back after a later sync: its new changes
        // reuse sequence numbers the server has seen.
        RestoredFolder,
        // InProcess, starting as a copy of the first desk's folder (its
        // device id and all), after the first desk's first sync.
        CopiedFolder,
        // InProcess, whose cache first synced as another role and holds
        // todos and pending edits from then; it switches to the run's role
        // at its first sync here.
        RoleSwitch,
    };

    // "ITI": a desk per letter (I = InProcess, T = RealTopology,
    // R = RestoredFolder, C = CopiedFolder, S = RoleSwitch).
    static QList<Kind> kindsFrom(const QString &letters);

    // first: the run's first desk, which a CopiedFolder copies.
    ConvergenceDesk(Kind kind, const ScratchDatabase &cloud, bool viaBouncer, const ConvergenceDesk *first = nullptr);
    ~ConvergenceDesk();

    Kind kind() const { return m_kind; }
    LocalDatabase *database() const { return m_database; }
    TodoStore *store() const { return m_store; }
    QSqlDatabase db() const { return m_database->database(); }

    // mayRestore: whether a RestoredFolder may put its backup back after
    // this sync (not while a run checks that every cache equals the server).
    SyncResult sync(bool mayRestore = true);
    // Apart from each other, where the kind can (InProcess); otherwise a whole sync.
    SyncResult push();
    SyncResult pull();

    // Null unless RealTopology.
    TopologyReplica *topology() const { return m_topology.get(); }
    // Syncs that told the person something (a new device id, a switch).
    int notices() const { return m_notices; }
    int restores() const { return m_restores; }
    // A consistent copy of the cache, as a backup tool makes one.
    bool backUpTo(const QString &file) const;

    template<typename Edit>
    void edit(const QString &id, Edit edit)
    {
        Todo todo = *m_store->todo(id);
        edit(todo);
        if (!m_store->apply({{}, {todo}}))
            qFatal("cannot edit: %s", qPrintable(m_store->lastError()));
    }

private:
    void prepareRoleSwitch(const ScratchDatabase &cloud, bool viaBouncer);
    SyncResult counted(const SyncResult &result);

    Kind m_kind;
    std::unique_ptr<QTemporaryDir> m_files;
    int m_syncs = 0;
    int m_notices = 0;
    int m_restores = 0;
    std::unique_ptr<SyncReplica> m_inProcess;
    std::unique_ptr<TopologyReplica> m_topology;
    LocalDatabase *m_database = nullptr;
    TodoStore *m_store = nullptr;
};
