#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

struct sqlite3;
struct sqlite3_stmt;

// An owned sqlite3 connection and small helpers on top of the C API. The
// migration uses the C API rather than QSQLITE because it needs the backup
// API and the raw bytes and storage class of every value.
class SqliteHandle
{
    Q_DECLARE_TR_FUNCTIONS(SqliteHandle)

public:
    SqliteHandle() = default;
    ~SqliteHandle();
    SqliteHandle(const SqliteHandle &) = delete;
    SqliteHandle &operator=(const SqliteHandle &) = delete;

    // readOnly: SQLITE_OPEN_READONLY (never creates the file); else read-write-create.
    bool open(const QString &path, bool readOnly, int busyTimeoutMs);
    // Opens someone else's database so that not one byte of it, its -wal or
    // its -shm changes, while still reading the rows that live only in the
    // -wal (see the .cpp for how).
    bool openUntouched(const QString &path, int busyTimeoutMs);
    void close();
    sqlite3 *get() const { return m_db; }
    int lastCode() const;
    QString lastError() const;

    // The first column of the first row as an integer / text; false on error.
    bool scalarInt(const char *sql, qint64 *out);
    bool scalarText(const char *sql, QByteArray *out);
    bool tableExists(const char *name, bool *exists);

private:
    sqlite3 *m_db = nullptr;
};

// A prepared statement, finalized on destruction.
class SqliteStatement
{
public:
    SqliteStatement(sqlite3 *db, const char *sql);
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;
    bool ok() const { return m_stmt != nullptr; }
    sqlite3_stmt *get() const { return m_stmt; }

private:
    sqlite3_stmt *m_stmt = nullptr;
};
