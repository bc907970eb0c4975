#include "searchindex.h"

#include "sqlhelpers.h"

using namespace Qt::StringLiterals;

namespace SearchIndex {

namespace {

// Contentless (content=''), not external content over todos: the index holds
// the live todos only (a tombstone is never found, and 1,000 of them cost
// nothing), and an external-content table would claim that todos, tombstones
// and all, is its content; its 'rebuild' and 'integrity-check' would then
// disagree with it. Contentless stores no copy of the text either: the
// search reads title and notes from todos, by rowid.
//
// The rowid is the todo's rowid in todos, which no UPDATE changes (the
// identity switch rewrites id, not rowid). A VACUUM may renumber the rowids
// of a table without an INTEGER PRIMARY KEY; nothing in the app runs one,
// and one that is ever added must fill the index again after it.
//
// detail=none and columnsize=0: the index records which rows hold a trigram,
// not where in them, nor how long each column is. Writing a todo costs a
// fifth of what the full index costs and the file grows by 7 MB instead of
// 29 MB at 100,000 todos; a search asks for the rows that hold all of its
// trigrams, and the LIKE the search keeps sorts out the few where they are
// not in one run.
//
// Removing a row from a contentless index takes the very text it was added
// with ('delete' with the old values), which is what the triggers have. Only
// a change of the title, the notes, or of being deleted touches the index:
// completing, moving or syncing a todo does not.
const QStringList kStatements = {
    u"CREATE VIRTUAL TABLE todo_search USING fts5(title, notes, content='', tokenize='trigram',"
    " detail=none, columnsize=0)"_s,
    u"CREATE TRIGGER todo_search_insert AFTER INSERT ON todos WHEN new.deleted_at IS NULL BEGIN"
    "  INSERT INTO todo_search(rowid, title, notes) VALUES (new.rowid, new.title, new.notes);"
    " END"_s,
    u"CREATE TRIGGER todo_search_delete AFTER DELETE ON todos WHEN old.deleted_at IS NULL BEGIN"
    "  INSERT INTO todo_search(todo_search, rowid, title, notes)"
    "  VALUES ('delete', old.rowid, old.title, old.notes);"
    " END"_s,
    u"CREATE TRIGGER todo_search_update AFTER UPDATE OF title, notes, deleted_at ON todos"
    " WHEN old.title IS NOT new.title OR old.notes IS NOT new.notes"
    "   OR (old.deleted_at IS NULL) <> (new.deleted_at IS NULL) BEGIN"
    "  INSERT INTO todo_search(todo_search, rowid, title, notes)"
    "  SELECT 'delete', old.rowid, old.title, old.notes WHERE old.deleted_at IS NULL;"
    "  INSERT INTO todo_search(rowid, title, notes)"
    "  SELECT new.rowid, new.title, new.notes WHERE new.deleted_at IS NULL;"
    " END"_s,
};

constexpr int kTrigram = 3;

} // namespace

const QStringList &schemaStatements()
{
    return kStatements;
}

bool fill(const QSqlDatabase &db, QString *error)
{
    return Sql::exec(db,
                     u"INSERT INTO todo_search(rowid, title, notes)"
                     " SELECT rowid, title, notes FROM todos WHERE deleted_at IS NULL"_s,
                     {}, error);
}

bool canAnswer(const QString &search)
{
    qsizetype codePoints = 0;
    for (qsizetype i = 0; i < search.size() && codePoints < kTrigram; ++i) {
        if (!search.at(i).isLowSurrogate())
            ++codePoints;
    }
    return codePoints >= kTrigram;
}

QString matchQuery(const QString &search)
{
    // Every trigram of the text, each an FTS5 string of its own, all of them
    // required: the tokenizer folds their case as it folded the todos'.
    const QList<uint> codePoints = search.toUcs4();
    QStringList trigrams;
    for (qsizetype i = 0; i + kTrigram <= codePoints.size(); ++i) {
        QString trigram = QString::fromUcs4(reinterpret_cast<const char32_t *>(codePoints.constData() + i), kTrigram);
        trigram.replace(u'"', u"\"\""_s);
        trigram = u'"' + trigram + u'"';
        if (!trigrams.contains(trigram))
            trigrams << trigram;
    }
    return trigrams.join(u" AND "_s);
}

} // namespace SearchIndex
