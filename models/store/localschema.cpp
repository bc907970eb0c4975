#include "localschema.h"

#include "domain/tagkey.h"
#include "searchindex.h"
#include "sqlhelpers.h"
#include "tagkeyupgrade.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace {

// Step 1: what a desktop todo app needs on its own.
// Times are INTEGER microseconds since the epoch, UTC (see Timestamp).
const QStringList kStep1 = {
    u"CREATE TABLE schema_version ("
    "  version INTEGER NOT NULL PRIMARY KEY,"
    "  applied_at INTEGER NOT NULL)"_s,
    u"CREATE TABLE lists ("
    "  id TEXT NOT NULL PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  position REAL NOT NULL DEFAULT 0,"
    "  is_inbox INTEGER NOT NULL DEFAULT 0,"
    "  created_at INTEGER NOT NULL,"
    "  updated_at INTEGER NOT NULL,"
    "  deleted_at INTEGER)"_s,
    u"CREATE TABLE todos ("
    "  id TEXT NOT NULL PRIMARY KEY,"
    "  list_id TEXT NOT NULL REFERENCES lists(id),"
    "  title TEXT NOT NULL,"
    "  notes TEXT NOT NULL DEFAULT '',"
    "  completed INTEGER NOT NULL DEFAULT 0,"
    "  completed_at INTEGER,"
    "  due_at INTEGER,"
    "  due_has_time INTEGER NOT NULL DEFAULT 0,"
    "  priority INTEGER NOT NULL DEFAULT 0 CHECK (priority BETWEEN 0 AND 3),"
    "  position REAL NOT NULL DEFAULT 0,"
    "  created_at INTEGER NOT NULL,"
    "  updated_at INTEGER NOT NULL,"
    "  deleted_at INTEGER)"_s,
    u"CREATE INDEX todos_by_list ON todos(list_id, completed, position) WHERE deleted_at IS NULL"_s,
    u"CREATE INDEX todos_by_due ON todos(due_at) WHERE deleted_at IS NULL"_s,
    u"CREATE INDEX todos_by_state ON todos(completed, position) WHERE deleted_at IS NULL"_s,
    // Tags are unique without regard to case: name_key is the case-folded name.
    u"CREATE TABLE tags ("
    "  id TEXT NOT NULL PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  name_key TEXT NOT NULL UNIQUE)"_s,
    u"CREATE TABLE todo_tags ("
    "  todo_id TEXT NOT NULL REFERENCES todos(id) ON DELETE CASCADE,"
    "  tag_id TEXT NOT NULL REFERENCES tags(id) ON DELETE CASCADE,"
    "  PRIMARY KEY (todo_id, tag_id)) WITHOUT ROWID"_s,
    u"CREATE INDEX todo_tags_by_tag ON todo_tags(tag_id)"_s,
};

// Step 2: bookkeeping for sync. Every local change writes an outbox row in
// the same transaction; the row view shows tags and the "not yet synced" mark.
const QStringList kStep2 = {
    u"CREATE TABLE outbox ("
    "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  entity TEXT NOT NULL,"
    "  entity_id TEXT NOT NULL,"
    "  op TEXT NOT NULL,"
    "  payload TEXT NOT NULL DEFAULT '',"
    "  queued_at INTEGER NOT NULL)"_s,
    u"CREATE INDEX outbox_by_entity ON outbox(entity, entity_id)"_s,
    u"CREATE TABLE meta ("
    "  key TEXT NOT NULL PRIMARY KEY,"
    "  value TEXT)"_s,
    u"CREATE VIEW todo_rows AS"
    "  SELECT t.id, t.list_id, t.title, t.notes, t.completed, t.completed_at,"
    "         t.due_at, t.due_has_time, t.priority, t.position,"
    "         t.created_at, t.updated_at,"
    "         (SELECT group_concat(name, ', ') FROM"
    "            (SELECT g.name AS name FROM todo_tags tt JOIN tags g ON g.id = tt.tag_id"
    "             WHERE tt.todo_id = t.id ORDER BY g.name_key)) AS tags,"
    "         EXISTS (SELECT 1 FROM outbox o"
    "                 WHERE o.entity = 'todo' AND o.entity_id = t.id) AS pending"
    "  FROM todos t WHERE t.deleted_at IS NULL"_s,
};

// The rows the todo list shows: live todos, with their tags (joined by
// tagSeparator, an SQL expression) and whether they wait to be synced.
QString rowsView(const QString &name, const QString &from, const QString &tagSeparator)
{
    return u"CREATE VIEW %1 AS"
           "  SELECT t.id, t.list_id, t.title, t.notes, t.completed, t.completed_at,"
           "         t.due_at, t.due_has_time, t.priority, t.position,"
           "         t.created_at, t.updated_at,"
           "         (SELECT group_concat(name, %3) FROM"
           "            (SELECT g.name AS name FROM todo_tags tt JOIN tags g ON g.id = tt.tag_id"
           "             WHERE tt.todo_id = t.id ORDER BY g.name_key)) AS tags,"
           "         EXISTS (SELECT 1 FROM outbox o"
           "                 WHERE o.entity IN ('todo', 'todo_tag') AND o.entity_id = t.id) AS pending"
           "  FROM %2 WHERE t.deleted_at IS NULL"_s.arg(name, from, tagSeparator);
}

// Step 3: what sync needs to remember. sync_xid is the server's change_xid
// of the row as this desktop last saw it (the base for per-field conflicts);
// conflicts mirrors tandem.conflicts, for the conflict log.
const QStringList kStep3 = {
    u"ALTER TABLE todos ADD COLUMN sync_xid INTEGER"_s,
    u"ALTER TABLE lists ADD COLUMN sync_xid INTEGER"_s,
    u"CREATE TABLE conflicts ("
    "  id INTEGER NOT NULL PRIMARY KEY,"
    "  entity TEXT NOT NULL,"
    "  entity_id TEXT NOT NULL,"
    "  field TEXT NOT NULL,"
    "  lost_value TEXT,"
    "  won_value TEXT,"
    "  kind TEXT NOT NULL,"
    "  created_at INTEGER NOT NULL,"
    "  dismissed INTEGER NOT NULL DEFAULT 0)"_s,
    // The end of a list, for a new todo: MAX(position) over all its rows,
    // deleted ones included, which the partial index cannot answer.
    u"CREATE INDEX todos_by_list_position ON todos(list_id, position)"_s,
    // A todo whose tags changed is not yet synced either.
    u"DROP VIEW todo_rows"_s,
    rowsView(u"todo_rows"_s, u"todos t"_s, u"', '"_s),
    // The same rows read in table order, for a search that matches few of
    // them: reading the table straight through and sorting the few matches
    // beats walking an index and fetching every row from the table by rowid.
    rowsView(u"todo_rows_scan"_s, u"todos t NOT INDEXED"_s, u"', '"_s),
};

// Step 4: one tag is one tag. The rows join tag names with a character
// nobody types (TagKey::kJoinSeparator), so a comma inside a name no longer
// splits it in two; and every name_key becomes TagKey::of(name)
// (TagKeyUpgrade::rekey, run after these statements).
const QStringList kStep4 = {
    u"DROP VIEW todo_rows"_s,
    u"DROP VIEW todo_rows_scan"_s,
    rowsView(u"todo_rows"_s, u"todos t"_s, u"char(%1)"_s.arg(int(TagKey::kJoinSeparator))),
    rowsView(u"todo_rows_scan"_s, u"todos t NOT INDEXED"_s, u"char(%1)"_s.arg(int(TagKey::kJoinSeparator))),
};

// The rows as step 6 shows them: what step 4 shows, and a todo's repeat,
// start date, parent and subtask progress ("2/5", NULL without subtasks).
QString rowsViewWithSubtasks(const QString &name, const QString &from)
{
    return u"CREATE VIEW %1 AS"
           "  SELECT t.id, t.list_id, t.title, t.notes, t.completed, t.completed_at,"
           "         t.due_at, t.due_has_time, t.priority, t.position,"
           "         t.created_at, t.updated_at,"
           "         (SELECT group_concat(name, char(%3)) FROM"
           "            (SELECT g.name AS name FROM todo_tags tt JOIN tags g ON g.id = tt.tag_id"
           "             WHERE tt.todo_id = t.id ORDER BY g.name_key)) AS tags,"
           "         EXISTS (SELECT 1 FROM outbox o"
           "                 WHERE o.entity IN ('todo', 'todo_tag') AND o.entity_id = t.id) AS pending,"
           "         t.repeat_rule, t.start_at, t.parent_id, t.series_id,"
           "         (SELECT SUM(s.completed) || '/' || COUNT(*) FROM todos s"
           "           WHERE s.parent_id = t.id AND s.deleted_at IS NULL HAVING COUNT(*) > 0) AS subtask_progress"
           "  FROM %2 WHERE t.deleted_at IS NULL"_s.arg(name, from)
        .arg(int(TagKey::kJoinSeparator));
}

// Step 6: repeats, subtasks and start dates (docs/repeats.md). A completed
// occurrence of a repeating todo is a todo of its own that names its series.
const QStringList kStep6 = {
    u"ALTER TABLE todos ADD COLUMN repeat_rule TEXT NOT NULL DEFAULT ''"_s,
    u"ALTER TABLE todos ADD COLUMN repeat_from TEXT NOT NULL DEFAULT 'due'"_s,
    u"ALTER TABLE todos ADD COLUMN time_zone TEXT NOT NULL DEFAULT ''"_s,
    u"ALTER TABLE todos ADD COLUMN series_id TEXT"_s,
    u"ALTER TABLE todos ADD COLUMN occurrence INTEGER"_s,
    u"ALTER TABLE todos ADD COLUMN parent_id TEXT"_s,
    u"ALTER TABLE todos ADD COLUMN start_at INTEGER"_s,
    u"CREATE INDEX todos_by_parent ON todos(parent_id) WHERE parent_id IS NOT NULL"_s,
    u"CREATE INDEX todos_by_series ON todos(series_id, occurrence) WHERE series_id IS NOT NULL"_s,
    u"DROP VIEW todo_rows"_s,
    u"DROP VIEW todo_rows_scan"_s,
    rowsViewWithSubtasks(u"todo_rows"_s, u"todos t"_s),
    rowsViewWithSubtasks(u"todo_rows_scan"_s, u"todos t NOT INDEXED"_s),
};

// Step 7: reminders (docs/reminders.md). The synced fields mirror
// tandem.reminders; fired_for is this desktop's own (the fire time it
// already showed), so it never travels and a pull never overwrites it.
const QStringList kStep7 = {
    u"CREATE TABLE reminders ("
    "  id TEXT NOT NULL PRIMARY KEY,"
    "  todo_id TEXT NOT NULL REFERENCES todos(id) ON DELETE CASCADE,"
    "  kind TEXT NOT NULL CHECK (kind IN ('at', 'before_due')),"
    "  at INTEGER,"
    "  offset_minutes INTEGER NOT NULL DEFAULT 0,"
    "  day_time INTEGER CHECK (day_time BETWEEN 0 AND 1439),"
    "  acknowledged_for INTEGER,"
    "  snoozed_until INTEGER,"
    "  created_at INTEGER NOT NULL,"
    "  updated_at INTEGER NOT NULL,"
    "  deleted_at INTEGER,"
    "  sync_xid INTEGER,"
    "  fired_for INTEGER)"_s,
    u"CREATE INDEX reminders_by_todo ON reminders(todo_id)"_s,
};

// Step 5: a full-text index of the live todos' titles and notes, for a
// search that matches few of them (SearchIndex; filled after these statements).

const QStringList &stepStatements(int version)
{
    static const QStringList none;
    switch (version) {
    case 1:
        return kStep1;
    case 2:
        return kStep2;
    case 3:
        return kStep3;
    case 4:
        return kStep4;
    case 5:
        return SearchIndex::schemaStatements();
    case 6:
        return kStep6;
    case 7:
        return kStep7;
    default:
        return none;
    }
}

} // namespace

int LocalSchema::version(const QSqlDatabase &db, QString *error)
{
    if (!db.tables().contains(u"schema_version"_s))
        return 0;
    QSqlQuery query(db);
    if (!query.exec(u"SELECT MAX(version) FROM schema_version"_s) || !query.next()) {
        if (error)
            *error = query.lastError().text();
        return -1;
    }
    return query.value(0).toInt();
}

bool LocalSchema::upgrade(QSqlDatabase &db, int targetVersion, QString *error)
{
    const int from = version(db, error);
    if (from < 0)
        return false;
    for (int step = from + 1; step <= targetVersion; ++step) {
        if (!applyStep(db, step, error))
            return false;
    }
    return true;
}

bool LocalSchema::applyStep(QSqlDatabase &db, int version, QString *error)
{
    const QStringList &statements = stepStatements(version);
    if (statements.isEmpty()) {
        if (error)
            *error = u"No schema step %1"_s.arg(version);
        return false;
    }
    for (const QString &statement : statements) {
        if (!Sql::exec(db, statement, {}, error))
            return false;
    }
    if (version == 4 && !TagKeyUpgrade::rekey(db, error))
        return false;
    if (version == 5 && !SearchIndex::fill(db, error))
        return false;
    return Sql::exec(db, u"INSERT INTO schema_version(version, applied_at) VALUES (?, ?)"_s,
                     {version, Timestamp::now()}, error);
}
