#pragma once

#include "legacyvalues.h"
#include "migrationplan.h"

#include <QList>
#include <QString>

#include <sqlite3.h>

// How one legacy row maps onto the cloud schema (the fallbacks are listed
// in the .cpp). One mapper records the problems of one row; without a list
// (the second pass) it only maps.
//
// Its texts keep the translation context "LegacyReader": the reader reports
// them, and the committed translations know them there.
class LegacyRowMapper
{
public:
    LegacyRowMapper(QList<RowProblem> *problems, const QString &table, qint64 id)
        : m_problems(problems), m_table(table), m_id(id)
    {
    }

    void problem(const QString &columnName, const RawValue &raw, const QString &action, bool skipped = false)
    {
        if (m_problems)
            m_problems->append({m_table, QString::number(m_id), columnName, raw.display(), action, skipped});
    }
    // A QT_TRANSLATE_NOOP text, translated only when it is recorded: the
    // second pass maps every row again without a list.
    void problem(const QString &columnName, const RawValue &raw, const char *action, bool skipped = false);
    bool recording() const { return m_problems != nullptr; }

    // The value as text, repaired (invalid UTF-8, NUL), each repair recorded.
    QString text(const QString &columnName, const RawValue &raw);

    // One todo row (the columns of the todo queries, in order) onto the cloud
    // schema, recording its problems when given a list.
    static void mapTodo(sqlite3_stmt *stmt, int schemaVersion, qint64 fallbackUs, MappedTodo *t,
                        QList<RowProblem> *problems);

    // A column's value with its storage class. Text and blobs point into
    // SQLite's row buffer: valid until the statement steps on. Here, inline:
    // both passes call it for every value they read.
    static RawValue column(sqlite3_stmt *stmt, int i)
    {
        RawValue v;
        const int type = sqlite3_column_type(stmt, i);
        switch (type) {
        case SQLITE_INTEGER:
            v.type = RawValue::Type::Integer;
            v.integer = sqlite3_column_int64(stmt, i);
            break;
        case SQLITE_FLOAT:
            v.type = RawValue::Type::Real;
            v.real = sqlite3_column_double(stmt, i);
            break;
        case SQLITE_TEXT:
        case SQLITE_BLOB:
            v.type = type == SQLITE_TEXT ? RawValue::Type::Text : RawValue::Type::Blob;
            v.bytes = QByteArray::fromRawData(static_cast<const char *>(sqlite3_column_blob(stmt, i)),
                                              sqlite3_column_bytes(stmt, i));
            break;
        default:
            break;
        }
        return v;
    }

private:
    QList<RowProblem> *m_problems;
    QString m_table;
    qint64 m_id;
};
