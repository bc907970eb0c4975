#pragma once

#include <QString>

// The statements TodoStore runs on the UI thread for a single edit, as text,
// so that tests can read SQLite's plan for each of them: at 100,000 todos a
// statement that walks the todos instead of an index costs a whole frame.
namespace StoreQueries {

// The subtasks of the parents in a JSON array (bound twice), in each
// parent's order; openOnly leaves out the completed ones.
QString subtaskIds(bool openOnly);
// The records of a series (bound: the series id).
QString occurrenceCount();
QString lastOccurrence();

} // namespace StoreQueries
