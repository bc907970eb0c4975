#include "legacyfirstpass.h"

#include "legacyrowmapper.h"
#include "sqlitehandle.h"

#include <QCoreApplication>
#include <QCryptographicHash>

#include <sqlite3.h>

#include <limits>

// The fingerprint is a BLAKE2b-256 hash (three times as fast as SHA-256 in
// Qt's implementation, and as strong) of every value of every row of tag,
// todo_tag and todo, each value with its storage class, in two levels so
// that two threads can hash the todos:
//   BLAKE2b-256("tandem-legacy-v<schema version>/<kTodoBlockRows>\n"
//               || S || B(0) || B(1) || ... || B(n-1))
// S is the BLAKE2b-256 of the tags (id, name) in id order, then the links
// (todo_id, tag_id) in that order; B(i) is the BLAKE2b-256 of todos
// i*kTodoBlockRows to (i+1)*kTodoBlockRows - 1 in id order, every column
// (the last block may be shorter; no todos, no block). The blocks are fixed
// by the rows, not by the threads, so the fingerprint does not depend on
// how the work is split; the same content gives the same fingerprint
// whatever the file's page layout (after a VACUUM, a backup), and any
// changed value gives another one.

namespace {

// Todos per block of the fingerprint (see the top of the file): 200,000
// todos make 25 blocks, so the halves are within a block of even.
constexpr int kTodoBlockRows = 8192;

// The tests' overrides (LegacyReader::setFirstPassForTests); 0: the default.
int gTestBlockRows = 0;
int gTestThreads = 0;

const char *todoRangeQuery(int schemaVersion)
{
    return schemaVersion >= 2 ? "SELECT id, title, description, completed, created_at, updated_at, priority, due_date"
                                " FROM todo WHERE id BETWEEN ? AND ? ORDER BY id"
                              : "SELECT id, title, description, completed, created_at, updated_at"
                                " FROM todo WHERE id BETWEEN ? AND ? ORDER BY id";
}

// Reads the todos with from <= id <= to: their ids and the digests of their
// blocks, the first row starting a block. The todos' raw values only feed
// the fingerprint; mapping them waits for LegacyReader::next(), which an
// import calls while the cloud inserts the batch before. False on an error,
// or when stop is set (the other thread failed).
bool readPart(sqlite3 *db, int schemaVersion, qint64 from, qint64 to, int blockRows, const std::atomic<bool> &stop,
              LegacyFirstPass::Part *part)
{
    SqliteStatement todos(db, todoRangeQuery(schemaVersion));
    if (!todos.ok() || sqlite3_bind_int64(todos.get(), 1, from) != SQLITE_OK
        || sqlite3_bind_int64(todos.get(), 2, to) != SQLITE_OK)
        return false;
    const int columns = schemaVersion >= 2 ? 8 : 6;
    StreamHash block;
    int inBlock = 0;
    int rc = SQLITE_DONE;
    while ((rc = sqlite3_step(todos.get())) == SQLITE_ROW) {
        qint64 legacyId = 0;
        for (int i = 0; i < columns; ++i) {
            const RawValue raw = LegacyRowMapper::column(todos.get(), i);
            block.add(raw);
            if (i == 0)
                legacyId = raw.integer;
        }
        part->todos.append(TodoDigest{legacyId, {}});
        if (++inBlock == blockRows) {
            part->blocks += block.result();
            inBlock = 0;
            if (stop.load(std::memory_order_relaxed))
                return false;
        }
    }
    if (inBlock > 0)
        part->blocks += block.result();
    return rc == SQLITE_DONE;
}

// The second thread, on a connection of its own: counts the todos, tells
// the first thread where the halves meet (nothing: it reads them all) and
// reads the second half. Counting here keeps it beside the first thread's
// read of the tags and links, off the critical path. A file of fewer than
// two blocks, or one this thread cannot open or count, is left to the first
// thread, which reports the file's errors in the order one thread meets them.
LegacyFirstPass::Part readSecondHalf(const QString &path, int schemaVersion, int blockRows,
                                     std::promise<std::optional<LegacyFirstPass::Split>> split,
                                     const std::atomic<bool> &stop)
{
    LegacyFirstPass::Part part;
    SqliteHandle handle;
    qint64 count = 0;
    if (!handle.open(path, true, 2000) || !handle.scalarInt("SELECT count(*) FROM todo", &count)) {
        split.set_value(std::nullopt);
        return part;
    }
    const qint64 blocks = (count + blockRows - 1) / blockRows;
    const qint64 firstRows = blocks / 2 * blockRows;
    SqliteStatement first(handle.get(), "SELECT id FROM todo ORDER BY id LIMIT 1 OFFSET ?");
    if (blocks < 2 || !first.ok() || sqlite3_bind_int64(first.get(), 1, firstRows) != SQLITE_OK
        || sqlite3_step(first.get()) != SQLITE_ROW) {
        split.set_value(std::nullopt);
        return part;
    }
    const qint64 firstId = sqlite3_column_int64(first.get(), 0);
    split.set_value(LegacyFirstPass::Split{firstId, firstRows});
    if (!readPart(handle.get(), schemaVersion, firstId, std::numeric_limits<qint64>::max(), blockRows, stop, &part))
        part.error = handle.lastError();
    return part;
}

} // namespace

LegacyFirstPass::LegacyFirstPass(const QString &path, int schemaVersion)
    : m_schemaVersion(schemaVersion), m_blockRows(gTestBlockRows > 0 ? gTestBlockRows : kTodoBlockRows)
{
    std::promise<std::optional<Split>> splitPromise;
    m_split = splitPromise.get_future();
    if (gTestThreads == 1)
        splitPromise.set_value(std::nullopt);
    else
        m_second = std::async(std::launch::async, readSecondHalf, path, schemaVersion, m_blockRows,
                              std::move(splitPromise), std::cref(m_stop));
}

LegacyFirstPass::~LegacyFirstPass()
{
    // Then m_second's destructor waits for the thread.
    m_stop = true;
}

bool LegacyFirstPass::readTodos(SqliteHandle &db, MigrationPlan *plan, QString *error)
{
    Part first;
    const std::optional<Split> halves = m_split.get();
    const qint64 last = halves ? halves->firstId - 1 : std::numeric_limits<qint64>::max();
    if (!readPart(db.get(), m_schemaVersion, std::numeric_limits<qint64>::min(), last, m_blockRows, m_stop, &first)) {
        *error = db.lastError();
        return false;
    }
    Part rest;
    if (m_second.valid())
        rest = m_second.get();
    if (!rest.error.isEmpty()) {
        *error = rest.error;
        return false;
    }
    // The second half's blocks line up with the first half's only
    // if the first half is the rows the second thread counted.
    if (halves && first.todos.size() != halves->firstRows) {
        *error = QCoreApplication::translate("LegacyReader", "the backup changed while it was read");
        return false;
    }
    plan->readTodos += first.todos.size() + rest.todos.size();
    plan->todos.reserve(plan->todos.size() + first.todos.size() + rest.todos.size());
    plan->todos.append(std::move(first.todos));
    plan->todos.append(std::move(rest.todos));
    m_firstBlocks = std::move(first.blocks);
    m_restBlocks = std::move(rest.blocks);
    return true;
}

QString LegacyFirstPass::fingerprint()
{
    QCryptographicHash fingerprint(QCryptographicHash::Blake2b_256);
    fingerprint.addData(QByteArray("tandem-legacy-v") + QByteArray::number(m_schemaVersion) + '/'
                        + QByteArray::number(m_blockRows) + '\n');
    fingerprint.addData(m_structure.result());
    fingerprint.addData(m_firstBlocks);
    fingerprint.addData(m_restBlocks);
    return QString::fromLatin1(fingerprint.result().toHex());
}

void LegacyFirstPass::setForTests(int blockRows, int threads)
{
    gTestBlockRows = blockRows;
    gTestThreads = threads;
}
