#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

// The full-text index that finds the few todos a search matches without
// reading the whole table: an SQLite FTS5 table, todo_search, over the
// titles and notes of the live todos, cut into trigrams (every run of three
// characters), so that any piece of a word three characters or longer is
// found. Local schema step 5 creates and fills it; triggers on todos keep it
// in step with every writer. A pull of many todos in one transaction sets
// them aside and brings the index up to date once at its end
// (SearchIndexBatch).
//
// The index only narrows the search down: it folds case for every alphabet,
// where the search's LIKE folds only A-Z, so it finds all that LIKE finds
// and perhaps more. The search keeps its LIKE, which has the last word.
namespace SearchIndex {

// Local schema step 5's statements. The caller owns the transaction.
const QStringList &schemaStatements();
// Fills the index from the live todos (step 5 runs it after the statements).
bool fill(const QSqlDatabase &db, QString *error);

// Whether the index can answer this (trimmed) search: trigrams need three
// characters (code points, not UTF-16 units).
bool canAnswer(const QString &search);
// The FTS5 query for the rows whose title or notes may contain search.
QString matchQuery(const QString &search);

} // namespace SearchIndex
