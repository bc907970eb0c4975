#pragma once

#include <QString>

#include <atomic>
#include <memory>

class QSqlDatabase;

// Who wrote the local cache. Every write transaction (Sql::WriteTransaction)
// counts itself twice: in the file, as the meta row "commits" that all
// processes share, and here, in memory, for the LocalDatabase that owns its
// connection. A connection no LocalDatabase owns (the sync engine's, a
// counter's) counts for every LocalDatabase of this process. The difference
// between the two counts is what other processes (tandem-cli) committed,
// without a guess: ExternalChangeWatcher announces exactly those.
namespace CommitLedger {

struct Tally
{
    std::atomic<quint64> started{0};  // COMMITs begun
    std::atomic<quint64> finished{0}; // COMMITs ended, committed or not
    std::atomic<quint64> committed{0};
};

// What a LocalDatabase has written, with what connections no one owns.
struct Count
{
    quint64 started = 0;
    quint64 finished = 0;
    quint64 committed = 0;
    bool settled() const { return started == finished; } // no COMMIT under way
    bool operator==(const Count &) const = default;
};

// A LocalDatabase's connections count into its tally until it lets them go.
void claim(const QString &connectionName, const std::shared_ptr<Tally> &tally);
void release(const QString &connectionName);
Count countFor(const Tally &own);

// Around a COMMIT on db: counts it for the owner of the connection.
class CommitScope
{
public:
    explicit CommitScope(const QSqlDatabase &db);
    ~CommitScope();
    CommitScope(const CommitScope &) = delete;
    CommitScope &operator=(const CommitScope &) = delete;
    void committed() { m_committed = true; }

private:
    std::shared_ptr<Tally> m_tally;
    bool m_committed = false;
};

// The rows db has inserted, updated or deleted since it was opened
// (SQLite's total_changes()); -1 when it cannot tell.
qint64 changesSoFar(const QSqlDatabase &db);
// Adds one to the file's count of commits, inside the transaction about to
// commit. A file without the meta table yet (before the schema) is left alone.
void countInFile(const QSqlDatabase &db);

} // namespace CommitLedger
