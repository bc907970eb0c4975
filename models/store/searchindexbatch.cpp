#include "searchindexbatch.h"

#include "sqlhelpers.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <limits>

using namespace Qt::StringLiterals;

namespace {

const QStringList kCreateNotes = {
    u"DROP TABLE IF EXISTS temp.search_batch"_s,
    u"CREATE TEMP TABLE search_batch(todo_rowid INTEGER PRIMARY KEY, indexed INTEGER NOT NULL, title TEXT,"
    " notes TEXT)"_s,
};
const QString kNote = u"INSERT OR IGNORE INTO temp.search_batch(todo_rowid, indexed, title, notes)"
                      " SELECT t.rowid, t.deleted_at IS NULL, t.title, t.notes FROM json_each(?) j"
                      " JOIN todos t ON t.id = j.value"_s;

// A noted entry stays only for a todo that is still there, live, with the
// same text; the contentless index takes an entry out with the text it was
// put in with, which is the noted one.
const QString kStays = u"t.rowid IS NOT NULL AND t.deleted_at IS NULL AND t.title IS b.title AND t.notes IS b.notes"_s;
const QString kTakeOut = u"INSERT INTO todo_search(todo_search, rowid, title, notes)"
                         " SELECT 'delete', b.todo_rowid, b.title, b.notes FROM temp.search_batch b"
                         " LEFT JOIN todos t ON t.rowid = b.todo_rowid WHERE b.indexed AND NOT (%1)"_s.arg(kStays);
const QString kPutInNoted = u"INSERT INTO todo_search(rowid, title, notes)"
                            " SELECT t.rowid, t.title, t.notes FROM temp.search_batch b"
                            " JOIN todos t ON t.rowid = b.todo_rowid WHERE t.deleted_at IS NULL"
                            " AND NOT (b.indexed AND %1)"_s.arg(kStays);
// Rows inserted since begin(): SQLite gives a new row the highest rowid
// plus one (begin() makes sure there is room), and nothing deletes a row
// meanwhile whose rowid could be given again.
const QString kPutInNew = u"INSERT INTO todo_search(rowid, title, notes)"
                          " SELECT rowid, title, notes FROM todos WHERE rowid > ? AND deleted_at IS NULL"_s;

} // namespace

SearchIndexBatch::SearchIndexBatch(const QSqlDatabase &db)
    : m_db(db)
{
}

bool SearchIndexBatch::begin(const QStringList &todoIds, QString *error)
{
    auto last = Sql::select(m_db, u"SELECT max(rowid) FROM todos"_s, {}, error);
    if (!last || !last->next())
        return false;
    const QVariant lastRowid = last->value(0);
    last.reset();
    m_lastRowid = lastRowid.isNull() ? 0 : lastRowid.toLongLong();
    // At the top rowid SQLite picks new ones at random: the triggers stay.
    if (m_lastRowid == std::numeric_limits<qint64>::max())
        return true;
    for (const QString &statement : kCreateNotes) {
        if (!Sql::exec(m_db, statement, {}, error))
            return false;
    }
    // An empty table (a first sync) has nothing to note.
    if (m_lastRowid > 0) {
        const QString ids = QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(todoIds)).toJson(QJsonDocument::Compact));
        if (!Sql::exec(m_db, kNote, {ids}, error))
            return false;
    }
    if (!noteTriggers(error))
        return false;
    for (const auto &[name, sql] : std::as_const(m_triggers)) {
        // The name comes from sqlite_master, not from anyone's input.
        if (!Sql::exec(m_db, u"DROP TRIGGER main.\"%1\""_s.arg(name), {}, error))
            return false;
    }
    m_active = true;
    return true;
}

bool SearchIndexBatch::noteTriggers(QString *error)
{
    m_triggers.clear();
    auto found = Sql::select(m_db,
                             u"SELECT name, sql FROM main.sqlite_master WHERE type = 'trigger'"
                             " AND tbl_name = 'todos' AND name LIKE 'todo\\_search\\_%' ESCAPE '\\'"_s,
                             {}, error);
    if (!found)
        return false;
    while (found->next())
        m_triggers.append({found->value(0).toString(), found->value(1).toString()});
    return true;
}

bool SearchIndexBatch::finish(QString *error)
{
    if (!m_active)
        return true;
    if (!Sql::exec(m_db, kTakeOut, {}, error) || !Sql::exec(m_db, kPutInNoted, {}, error)
        || !Sql::exec(m_db, kPutInNew, {m_lastRowid}, error)
        || !Sql::exec(m_db, u"DROP TABLE temp.search_batch"_s, {}, error))
        return false;
    for (const auto &[name, sql] : std::as_const(m_triggers)) {
        if (!Sql::exec(m_db, sql, {}, error))
            return false;
    }
    m_triggers.clear();
    m_active = false;
    return true;
}
