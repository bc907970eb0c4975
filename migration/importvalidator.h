#pragma once

#include "migrationplan.h"

#include <QCoreApplication>
#include <QHash>
#include <QString>
#include <QStringList>

#include <array>

class PgConnection;
struct pg_conn;

// Proves that what arrived is what was read, with a checksum per row
// computed on both sides: by SQL on the server, by C++ here.
//
// A checksum is one of PostgreSQL's 64-bit hashes (PgHash), which the
// server computes in C. A todo's is hash_record_extended() of legacy_id,
// title, notes, completed, priority, created_at, updated_at and due_at: each
// column hashed by its type's own function (text by its UTF-8 bytes, a
// timestamp by its microseconds), then combined. A tag link's hashes the
// cloud's id of the tag, seeded with the hash of the cloud's id of the todo
// (their 16 bytes). The import's rows are found by id
// (LegacyReader::idRange), in whatever list they are now.
//
// The server first sends, for the todos and for the links of the import's
// todos, the count and the XOR of the checksums (no sort, one row back).
// Only when those differ from the plan's does it send every row, to name
// the rows that differ. Only when everything matches is the import
// "validated".
class ImportValidator
{
    Q_DECLARE_TR_FUNCTIONS(ImportValidator)

public:
    struct Result
    {
        bool ok = false;
        qint64 expectedRows = 0;
        qint64 cloudRows = 0;
        QStringList mismatches; // "todo 17: the cloud's values differ ...", "todo 5: missing in the cloud"
        QString error;           // the query failed
        QString checksum;        // md5 over all todos' checksums (16 hex digits each) in legacy id order
    };

    static quint64 rowDigest(const MappedTodo &todo);
    static quint64 linkDigest(const QUuid &todoId, const QUuid &tagId);
    static QString planChecksum(const MigrationPlan &plan);

    // Compares, and on success marks the import validated, if the run runId
    // still holds it. A second connection, when given, sums a share.
    static Result validate(PgConnection &connection, const MigrationPlan &plan, const QString &runId,
                           pg_conn *second = nullptr);
};
