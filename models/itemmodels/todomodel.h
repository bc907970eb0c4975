#pragma once

#include "itemmodels/todofilter.h"

#include <QSqlQuery>
#include <QSqlTableModel>
#include <QThread>

class CacheCounter;

class LocalDatabase;

// The todo list, as the design card asks: a QSqlTableModel over the
// todo_rows view, filtered, searched, sorted and counted in SQL. It is
// read-only; edits go through commands and the store, and the model hears
// about them through LocalDatabase's signals.
//
// QSqlTableModel fetches 256 rows at a time, so rowCount() is the number
// fetched, not the number matching: use matchingCount() for that. Never put
// a filtering proxy on top of this model; it would miss the unfetched rows.
class TodoModel : public QSqlTableModel
{
    Q_OBJECT
public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        ListIdRole,
        TitleRole,
        NotesRole,
        CompletedRole,
        DueAtRole,      // qint64 microseconds UTC, or null
        DueHasTimeRole, // bool
        PriorityRole,   // int 0..3
        TagsRole,       // QStringList
        PendingRole,    // bool: not yet synced
        OverdueRole,    // bool
        PositionRole,   // double
        CreatedAtRole,
        UpdatedAtRole,
        DayHeadingRole, // QString: the day's heading when the row starts a day (groupsByDay())
        ListNameRole,   // QString: the row's list, when the view spans several lists
        RepeatsRole,    // bool: a repeating todo (docs/repeats.md)
        StartAtRole,    // qint64 microseconds (a calendar date, Timestamp::fromDate), or null
        DeferredRole,   // bool: starts after today
        SubtaskProgressRole, // QString "done/total", empty without subtasks
        ParentIdRole,   // QString: a subtask's parent, else empty
        ParentTitleRole, // QString: a subtask's parent's title, else empty
    };
    Q_ENUM(Role)

    enum class Sort { Manual, DueDate, Priority, Title, Created };
    Q_ENUM(Sort)

    static constexpr auto kMimeType = "application/x-tandem-todo-ids";

    explicit TodoModel(LocalDatabase *database, QObject *parent = nullptr);
    // Waits for a count in flight (milliseconds at most).
    ~TodoModel() override;

    void setTodoFilter(const TodoFilter &filter);
    TodoFilter todoFilter() const { return m_filter; }
    void setSearchText(const QString &text);
    void setSortMode(Sort sort);
    Sort sortMode() const { return m_sort; }
    // Today, Upcoming and Overdue: in date order whatever the sort mode, with
    // day headings (DayHeading); their rows differ in height.
    bool groupsByDay() const;
    // Fixes "now" for the smart lists; tests use it. 0 means the clock.
    void setReferenceTime(Timestamp::Micros now);

    // Rows that match, counted in SQL (rowCount() is only what is fetched).
    int matchingCount() const;
    // Whether any live todo exists, in any list: an empty view on a first start
    // says welcome. One indexed row at most, on the rows' snapshot.
    bool hasAnyTodo() const;
    // The same, counted on a thread and connection of its own; the answer
    // comes as matchingCounted(). Requests while one is in flight become one.
    void requestMatchingCount();
    // An answer in flight is no longer wanted (the caller knows the count).
    void cancelMatchingCount();
    // The row of a todo among the fetched rows, fetching more if needed; -1 if it is not shown.
    int rowOfId(const QString &id);
    QString idAt(int row) const;
    // The ids of the rows from firstRow to the last match, fetched or not, in
    // the order shown: one query with the model's own filter and order, for a
    // selection that reaches past the fetched rows (Select All, a range to the end).
    QStringList idsFrom(int firstRow) const;
    // The drag data for these todos, in this order.
    static QMimeData *mimeDataOf(const QStringList &ids);

    // Re-runs the query, keeping as many rows fetched as before.
    void refresh();
    // Fetches every row that matches, in one reset (aboutToRequery first).
    void fetchAll();
    // Re-runs the query on a fresh snapshot of the cache.
    bool select() override;
    // A query reads its first kFirstRows rows only; more are read when a view
    // scrolls to them (or asks for every row), without a limit from then on.
    bool canFetchMore(const QModelIndex &parent = {}) const override;
    void fetchMore(const QModelIndex &parent = {}) override;

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    Qt::DropActions supportedDragActions() const override;

    int titleColumn() const { return m_columns.title; }

Q_SIGNALS:
    // The rows are about to be read again (or all fetched, by fetchAll): the
    // last moment their data can be read (a view remembers its selection by
    // id here, not at the reset).
    void aboutToRequery();
    // The answer to the latest requestMatchingCount().
    void matchingCounted(int count);

protected:
    QString orderByClause() const override;
    QString selectStatement() const override;

private:
    // Below this many matches a search reads the table in order, or the
    // full-text index (see setSearchText).
    static constexpr int kFewMatches = 2000;
    // What a view shows at first, on the tallest screens, with room to
    // scroll. Every change to the cache reads the rows again, and reading
    // QSqlQueryModel's first batch of 256 cost more than all the rest of a
    // frame at 100,000 todos.
    static constexpr int kFirstRows = 64;
    int m_limit = kFirstRows; // 0: no limit
    bool m_readOnQueued = false;
    bool limitReached() const;
    // Reads on past the limit, in one reset, until `wanted` rows (or all, at -1).
    void readOn(int wanted);
    bool isFewMatches(const QString &search);
    // Runs the select statement through a statement prepared once per text:
    // SQLite parsing todo_rows again took a tenth of a frame on every change.
    bool runPrepared();
    QHash<QString, QSqlQuery> m_prepared; // the select statement, limit bound, -> prepared
    static constexpr int kPreparedStatements = 8;

    Timestamp::Micros now() const;
    void applyFilter();
    void loadListNames();
    QVariant dayHeading(int row) const;
    // The roles of start dates and subtasks (todomodelsubtasks.cpp).
    QVariant subtaskData(int row, int role) const;
    QString parentTitle(const QString &parentId) const;
    mutable QHash<QString, QString> m_parentTitles; // read as rows are painted; emptied by select()

    LocalDatabase *m_database;
    const int m_slot;
    TodoFilter m_filter;
    Sort m_sort = Sort::Manual;
    Timestamp::Micros m_referenceTime = 0;
    QThread m_countThread;
    CacheCounter *m_counter; // lives in m_countThread
    quint64 m_lastCount = 0;
    bool m_countInFlight = false;
    bool m_countAgain = false;
    TodoFilterSql::Search m_searchBy = TodoFilterSql::Search::Scan;
    QHash<QString, bool> m_fewMatches; // search text -> matched fewer than kFewMatches
    QHash<QString, QString> m_listNames; // list id -> name, read once per change of the lists

    struct Columns
    {
        int id = -1, listId = -1, title = -1, notes = -1, completed = -1, dueAt = -1,
            dueHasTime = -1, priority = -1, position = -1, createdAt = -1, updatedAt = -1,
            tags = -1, pending = -1, repeatRule = -1, startAt = -1, parentId = -1, progress = -1;
    } m_columns;
};
