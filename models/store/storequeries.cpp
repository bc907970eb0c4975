#include "storequeries.h"

using namespace Qt::StringLiterals;

namespace StoreQueries {

QString subtaskIds(bool openOnly)
{
    // "parent_id IS NOT NULL" lets the partial parent index serve, and the
    // unary "+" keeps the planner off todos_by_state for "completed = 0":
    // that index walks every open todo (140 ms at 100,000, against 0.5 ms).
    return u"SELECT id FROM todos WHERE parent_id IN (SELECT value FROM json_each(?))"
           " AND parent_id IS NOT NULL AND deleted_at IS NULL"
           " AND id NOT IN (SELECT value FROM json_each(?))"_s
        + (openOnly ? u" AND +completed = 0"_s : QString()) + u" ORDER BY parent_id, position"_s;
}

QString occurrenceCount()
{
    return u"SELECT COUNT(*) FROM todos WHERE series_id = ? AND deleted_at IS NULL"_s;
}

QString lastOccurrence()
{
    return u"SELECT MAX(occurrence) FROM todos WHERE series_id = ? AND deleted_at IS NULL"_s;
}

} // namespace StoreQueries
