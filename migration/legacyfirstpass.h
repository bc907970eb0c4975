#pragma once

#include "migrationplan.h"
#include "streamhash.h"

#include <QByteArray>
#include <QString>

#include <atomic>
#include <future>
#include <optional>

class SqliteHandle;

// The todos of LegacyReader's first pass and the file's fingerprint (see the
// .cpp). The todos are most of the first pass (stepping, reading, hashing):
// a second thread, on a connection of its own, reads the second half of
// them while the caller reads the tags and links and feeds their values to
// structure(), then readTodos() reads the first half.
class LegacyFirstPass
{
public:
    // Starts the second thread.
    LegacyFirstPass(const QString &path, int schemaVersion);
    // Stops the second thread, then waits for it: an early return of the
    // caller leaves nothing running.
    ~LegacyFirstPass();
    LegacyFirstPass(const LegacyFirstPass &) = delete;
    LegacyFirstPass &operator=(const LegacyFirstPass &) = delete;

    // The tags and links, value by value, in the order of the fingerprint.
    StreamHash &structure() { return m_structure; }
    // Reads the todos (the first half on db, the caller's connection) into
    // plan->todos and counts them in plan->readTodos.
    bool readTodos(SqliteHandle &db, MigrationPlan *plan, QString *error);
    // After readTodos().
    QString fingerprint();

    // LegacyReader::setFirstPassForTests().
    static void setForTests(int blockRows, int threads);

    // The todos one thread read, in id order.
    struct Part
    {
        QList<TodoDigest> todos;
        QByteArray blocks; // the digest of each of its fingerprint blocks, in order
        QString error;
    };
    // Where the first thread's todos end: it reads the ids below firstId,
    // which must be firstRows todos (the first blocks/2 blocks).
    struct Split
    {
        qint64 firstId = 0;
        qint64 firstRows = 0;
    };

private:
    int m_schemaVersion;
    int m_blockRows;
    // Declared before the futures: the second thread reads it until it ends.
    std::atomic<bool> m_stop{false};
    std::future<std::optional<Split>> m_split;
    std::future<Part> m_second;
    StreamHash m_structure;
    QByteArray m_firstBlocks;
    QByteArray m_restBlocks;
};
