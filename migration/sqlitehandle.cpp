#include "sqlitehandle.h"

#include <sqlite3.h>

using namespace Qt::StringLiterals;

namespace {
constexpr int kOneThread = SQLITE_OPEN_NOMUTEX;
}

SqliteHandle::~SqliteHandle()
{
    close();
}

bool SqliteHandle::open(const QString &path, bool readOnly, int busyTimeoutMs)
{
    close();
    // NOMUTEX: a handle is used by one thread at a time, and SQLite's
    // per-call mutex was 5% of reading 200,000 rows.
    const int flags = kOneThread | (readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
    const int rc = sqlite3_open_v2(path.toUtf8().constData(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK)
        return false;
    sqlite3_busy_timeout(m_db, busyTimeoutMs);
    return true;
}

bool SqliteHandle::openUntouched(const QString &path, int busyTimeoutMs)
{
    // A reader normally writes its read mark into the -shm file, and the last
    // connection to close checkpoints the -wal into the database. Instead:
    // - exclusive locking mode before the first read keeps the WAL index in
    //   this process's memory, so the -shm file is never written;
    // - no checkpoint on close and a persistent WAL keep .db and -wal as they are;
    // - query_only refuses any write.
    // Read-write is needed only because SQLite must be able to rebuild the
    // WAL index in memory; nothing is written.
    close();
    if (sqlite3_open_v2(path.toUtf8().constData(), &m_db, kOneThread | SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        // A file this user may not write: read-only is then the best there is.
        close();
        if (sqlite3_open_v2(path.toUtf8().constData(), &m_db, kOneThread | SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
            return false;
    }
    sqlite3_busy_timeout(m_db, busyTimeoutMs);
    sqlite3_db_config(m_db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    int persist = 1;
    sqlite3_file_control(m_db, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
    return sqlite3_exec(m_db, "PRAGMA query_only=1; PRAGMA locking_mode=EXCLUSIVE", nullptr, nullptr, nullptr)
           == SQLITE_OK;
}

void SqliteHandle::close()
{
    if (m_db)
        sqlite3_close_v2(m_db);
    m_db = nullptr;
}

int SqliteHandle::lastCode() const
{
    return m_db ? sqlite3_errcode(m_db) : SQLITE_CANTOPEN;
}

QString SqliteHandle::lastError() const
{
    return m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : tr("cannot open the file");
}

bool SqliteHandle::scalarInt(const char *sql, qint64 *out)
{
    SqliteStatement stmt(m_db, sql);
    if (!stmt.ok() || sqlite3_step(stmt.get()) != SQLITE_ROW)
        return false;
    *out = sqlite3_column_int64(stmt.get(), 0);
    return true;
}

bool SqliteHandle::scalarText(const char *sql, QByteArray *out)
{
    SqliteStatement stmt(m_db, sql);
    if (!stmt.ok())
        return false;
    const int rc = sqlite3_step(stmt.get());
    if (rc == SQLITE_DONE) {
        out->clear();
        return true;
    }
    if (rc != SQLITE_ROW)
        return false;
    *out = QByteArray(static_cast<const char *>(sqlite3_column_blob(stmt.get(), 0)),
                      sqlite3_column_bytes(stmt.get(), 0));
    return true;
}

bool SqliteHandle::tableExists(const char *name, bool *exists)
{
    SqliteStatement stmt(m_db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
    if (!stmt.ok())
        return false;
    sqlite3_bind_text(stmt.get(), 1, name, -1, SQLITE_STATIC);
    const int rc = sqlite3_step(stmt.get());
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return false;
    *exists = rc == SQLITE_ROW;
    return true;
}

SqliteStatement::SqliteStatement(sqlite3 *db, const char *sql)
{
    if (db && sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr) != SQLITE_OK)
        m_stmt = nullptr;
}

SqliteStatement::~SqliteStatement()
{
    if (m_stmt)
        sqlite3_finalize(m_stmt);
}
