#pragma once

#include "domain/timestamp.h"

#include <QSqlDatabase>
#include <QString>

// What the todo list shows: a smart list, one list, or one tag, plus an
// optional search. The SQL for each kind lives here once, shared by the
// todo model's WHERE clause and by the counts in the sidebar.
struct TodoFilter
{
    enum class Kind { Today, Upcoming, Overdue, Completed, All, List, Tag };

    Kind kind = Kind::All;
    QString id; // the list or tag id, for Kind::List and Kind::Tag
    QString search;
    bool hideCompleted = false;
    // Subtasks as rows of their own everywhere (tandem-cli's list and
    // export); the window shows them in their parent's detail pane.
    bool withSubtasks = false;

    static TodoFilter smart(Kind kind) { return TodoFilter{kind, {}, {}, false, false}; }
    static TodoFilter list(const QString &listId) { return TodoFilter{Kind::List, listId, {}, false, false}; }
    static TodoFilter tag(const QString &tagId) { return TodoFilter{Kind::Tag, tagId, {}, false, false}; }
    bool isSmart() const { return kind != Kind::List && kind != Kind::Tag; }
    bool operator==(const TodoFilter &other) const = default;
};

// The filter's values live in a row of a TEMP table, one row per slot, and
// the WHERE clause reads them with scalar subqueries. QSqlTableModel only
// takes its filter as SQL text; this way that text is fixed, and what the
// person typed reaches SQLite only as a bound value.
class TodoFilterSql
{
public:
    // How a search finds its rows. Scan: LIKE over every row the rest of the
    // filter leaves. Index: the rows the full-text index names (SearchIndex),
    // and LIKE over those; faster when they are few, and only for searches
    // of three characters or more (shorter ones scan either way). Both find
    // the same rows.
    enum class Search { Scan, Index };

    // Writes the filter's values into the slot's row. now is injectable for tests.
    static bool bind(const QSqlDatabase &db, int slot, const TodoFilter &filter,
                     Timestamp::Micros now, QString *error = nullptr);
    // The WHERE clause over the todo_rows view, for that slot. No user text in it.
    static QString whereClause(int slot, const TodoFilter &filter, Search search = Search::Scan);
    // COUNT(*) of the rows the filter matches.
    static int count(const QSqlDatabase &db, int slot, const TodoFilter &filter, Timestamp::Micros now,
                     Search search = Search::Scan);
    // Several counts of smart lists (no list, tag or search) in ONE pass over
    // the table: the sidebar needs five after every change, and five scans of
    // 100,000 rows would hold the window up for a tenth of a second.
    static QList<int> countSmart(const QSqlDatabase &db, int slot, const QList<TodoFilter> &filters,
                                 Timestamp::Micros now);
    // A slot number unique in this process.
    static int allocateSlot();
    // Escapes % _ and \ so the search text matches literally inside LIKE.
    static QString likePattern(const QString &search);
};
