#pragma once

#include "migrationplan.h"

#include <QHash>
#include <QString>
#include <QStringList>

class PgConnection;

// Proves that what arrived is what was read: the number of todos and, per
// todo, an md5 over a canonical text form of its values, computed by SQL on
// the server and by C++ here. The canonical form (fields joined by U+001F):
// legacy_id, title, notes, completed (true/false), priority, created_at,
// updated_at and due_at as integer microseconds since the epoch (empty when
// none), the todo's tag names lower-cased and sorted by their UTF-8 bytes,
// joined by ",". Only when every row matches is the import "validated".
class ImportValidator
{
public:
    struct Result
    {
        bool ok = false;
        qint64 expectedRows = 0;
        qint64 cloudRows = 0;
        QStringList mismatches; // "todo 17: title/notes/... differ", "todo 5: missing in the cloud"
        QString error;           // the query failed
        QString checksum;        // md5 over all rows' checksums in legacy id order
    };

    static QString rowChecksum(const MappedTodo &todo);
    static QString planChecksum(const MigrationPlan &plan);

    // Compares, and on success marks the import validated (one statement).
    static Result validate(PgConnection &connection, const MigrationPlan &plan);
};
