#pragma once

#include "scratchdatabase.h"
#include "store/localdatabase.h"
#include "store/todostore.h"
#include "sync/syncresult.h"

#include <QSqlDatabase>

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
    };

    // "ITI": a desk per letter (I = InProcess, T = RealTopology).
    static QList<Kind> kindsFrom(const QString &letters);

    ConvergenceDesk(Kind kind, const ScratchDatabase &cloud, bool viaBouncer);
    ~ConvergenceDesk();

    Kind kind() const { return m_kind; }
    LocalDatabase *database() const { return m_database; }
    TodoStore *store() const { return m_store; }
    QSqlDatabase db() const { return m_database->database(); }

    SyncResult sync();
    // Apart from each other, where the kind can (InProcess); otherwise a whole sync.
    SyncResult push();
    SyncResult pull();

    // Null unless RealTopology.
    TopologyReplica *topology() const { return m_topology.get(); }

    template<typename Edit>
    void edit(const QString &id, Edit edit)
    {
        Todo todo = *m_store->todo(id);
        edit(todo);
        if (!m_store->apply({{}, {todo}}))
            qFatal("cannot edit: %s", qPrintable(m_store->lastError()));
    }

private:
    Kind m_kind;
    std::unique_ptr<SyncReplica> m_inProcess;
    std::unique_ptr<TopologyReplica> m_topology;
    LocalDatabase *m_database = nullptr;
    TodoStore *m_store = nullptr;
};
