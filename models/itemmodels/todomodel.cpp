#include "todomodel.h"

#include "domain/tagkey.h"
#include "itemmodels/dayheading.h"
#include "domain/todo.h"
#include "itemmodels/cachecounter.h"
#include "store/localdatabase.h"
#include "store/searchindex.h"
#include "store/sqlhelpers.h"

#include <QCoreApplication>
#include <QMimeData>
#include <QSqlQuery>
#include <QSqlRecord>

using namespace Qt::StringLiterals;

TodoModel::TodoModel(LocalDatabase *database, QObject *parent)
    // Its own connection: its open statement must not pin the store's (see
    // LocalDatabase::readerDatabase).
    : QSqlTableModel(parent, database->readerDatabase())
    , m_database(database)
    , m_slot(TodoFilterSql::allocateSlot())
    , m_counter(new CacheCounter(database->filePath()))
{
    m_countThread.setObjectName(u"tandem-count"_s);
    m_counter->moveToThread(&m_countThread);
    connect(&m_countThread, &QThread::finished, m_counter, &QObject::deleteLater);
    connect(m_counter, &CacheCounter::matchingCounted, this, [this](quint64 request, int count) {
        m_countInFlight = false;
        if (std::exchange(m_countAgain, false))
            requestMatchingCount(); // the filter or the rows changed meanwhile
        else if (request == m_lastCount)
            Q_EMIT matchingCounted(count);
    });
    connect(m_counter, &CacheCounter::failed, this, [this] {
        m_countInFlight = m_countAgain = false;
        Q_EMIT matchingCounted(matchingCount()); // count here, then
    });
    m_countThread.start();
    setTable(u"todo_rows"_s);
    setEditStrategy(QSqlTableModel::OnManualSubmit);
    const QSqlRecord rec = record();
    m_columns.id = rec.indexOf(u"id"_s);
    m_columns.listId = rec.indexOf(u"list_id"_s);
    m_columns.title = rec.indexOf(u"title"_s);
    m_columns.notes = rec.indexOf(u"notes"_s);
    m_columns.completed = rec.indexOf(u"completed"_s);
    m_columns.dueAt = rec.indexOf(u"due_at"_s);
    m_columns.dueHasTime = rec.indexOf(u"due_has_time"_s);
    m_columns.priority = rec.indexOf(u"priority"_s);
    m_columns.position = rec.indexOf(u"position"_s);
    m_columns.createdAt = rec.indexOf(u"created_at"_s);
    m_columns.updatedAt = rec.indexOf(u"updated_at"_s);
    m_columns.tags = rec.indexOf(u"tags"_s);
    m_columns.pending = rec.indexOf(u"pending"_s);
    m_columns.repeatRule = rec.indexOf(u"repeat_rule"_s);
    m_columns.startAt = rec.indexOf(u"start_at"_s);
    m_columns.parentId = rec.indexOf(u"parent_id"_s);
    m_columns.progress = rec.indexOf(u"subtask_progress"_s);

    // Any committed change may move rows in or out of this filter.
    connect(database, &LocalDatabase::changed, this, [this](const CacheChange &change) {
        if (!change.todoIds.isEmpty() || change.lists || (change.tags && m_filter.kind == TodoFilter::Kind::Tag))
            refresh();
        if (change.lists)
            loadListNames();
    });
    applyFilter();
    loadListNames();
}

void TodoModel::loadListNames()
{
    m_listNames.clear();
    auto query = Sql::select(database(), u"SELECT id, name, is_inbox FROM lists WHERE deleted_at IS NULL"_s, {});
    while (query && query->next()) {
        m_listNames.insert(query->value(0).toString(), query->value(2).toBool()
                               ? QCoreApplication::translate("SidebarModel", "Inbox")
                               : query->value(1).toString());
    }
}

bool TodoModel::groupsByDay() const
{
    using Kind = TodoFilter::Kind;
    return m_filter.kind == Kind::Today || m_filter.kind == Kind::Upcoming || m_filter.kind == Kind::Overdue;
}

QVariant TodoModel::dayHeading(int row) const
{
    // Reads this row and the one above from the rows fetched: no SQL.
    const QDate today = Timestamp::toLocal(now()).date();
    const bool pastIsOverdue = m_filter.kind == TodoFilter::Kind::Today;
    const bool startDays = m_filter.kind == TodoFilter::Kind::Upcoming;
    auto micros = [this](int r, int column) {
        const QVariant value = QSqlTableModel::data(index(r, column));
        return value.isNull() ? std::nullopt : std::optional<Timestamp::Micros>(value.toLongLong());
    };
    auto groupOf = [&](int r) {
        const auto due = micros(r, m_columns.dueAt);
        const bool timed = QSqlTableModel::data(index(r, m_columns.dueHasTime)).toBool();
        const QDate day = startDays ? DayHeading::shownDay(due, timed, micros(r, m_columns.startAt), today)
            : due                   ? DayHeading::localDay(*due, timed)
                                    : QDate();
        return day.isValid() ? DayHeading::group(day, today, pastIsOverdue) : QDate();
    };
    const QDate group = groupOf(row);
    if (!group.isValid() || (row > 0 && groupOf(row - 1) == group))
        return QString();
    return DayHeading::text(group, today, pastIsOverdue);
}

TodoModel::~TodoModel()
{
    m_countThread.quit();
    m_countThread.wait();
}

Timestamp::Micros TodoModel::now() const
{
    return m_referenceTime != 0 ? m_referenceTime : Timestamp::now();
}

void TodoModel::applyFilter()
{
    m_limit = kFirstRows; // another view, or another search: it opens at its top
    TodoFilterSql::bind(database(), m_slot, m_filter, now());
    setFilter(TodoFilterSql::whereClause(m_slot, m_filter, m_searchBy)); // runs select() when populated
    if (!query().isActive())
        select();
}

void TodoModel::setTodoFilter(const TodoFilter &filter)
{
    TodoFilter next = filter;
    next.search = m_filter.search; // the search box belongs to the window, not to a list
    if (next == m_filter && query().isActive())
        return;
    m_filter = next;
    applyFilter();
}

void TodoModel::setSearchText(const QString &text)
{
    if (text == m_filter.search)
        return;
    m_filter.search = text;
    // Two ways to find the matches, and which is faster depends on how many
    // there are. Walking the sort index finds the first screenful of a common
    // word at once, but for a rare one it fetches every row from the table by
    // rowid; reading the table in order and sorting the few matches is then
    // two to three times faster. A capped count (cheap when the word is
    // common, a plain table read when it is rare) tells which, and is kept
    // for the texts already seen, so typing on or erasing does not pay again.
    // From three characters on, the full-text index counts and finds the
    // few matches without reading the table at all; the rows it names are
    // fetched by id from todo_rows and sorted.
    const QString search = text.trimmed();
    const bool few = isFewMatches(search);
    m_searchBy = few && SearchIndex::canAnswer(search) ? TodoFilterSql::Search::Index : TodoFilterSql::Search::Scan;
    const QString table = few && m_searchBy == TodoFilterSql::Search::Scan ? u"todo_rows_scan"_s : u"todo_rows"_s;
    if (tableName() != table)
        setTable(table); // the same columns, so the column numbers stay; the filter is set again below
    applyFilter();
}

bool TodoModel::isFewMatches(const QString &search)
{
    if (search.isEmpty())
        return false;
    // A longer text never matches more than a text it contains.
    for (auto it = m_fewMatches.cbegin(); it != m_fewMatches.cend(); ++it) {
        if (it.value() && search.contains(it.key(), Qt::CaseInsensitive))
            return true;
    }
    if (const auto known = m_fewMatches.constFind(search); known != m_fewMatches.cend())
        return known.value();
    // The index holds the live todos only, and finds what LIKE finds and at
    // most a few more (see SearchIndex): as good a count for this.
    auto probe = SearchIndex::canAnswer(search)
        ? Sql::select(database(),
                      u"SELECT COUNT(*) FROM (SELECT 1 FROM todo_search WHERE todo_search MATCH ? LIMIT ?)"_s,
                      {SearchIndex::matchQuery(search), kFewMatches})
        : Sql::select(database(),
                      u"SELECT COUNT(*) FROM (SELECT 1 FROM todos NOT INDEXED WHERE deleted_at IS NULL"
                      " AND (title LIKE ? ESCAPE '\\' OR notes LIKE ? ESCAPE '\\') LIMIT ?)"_s,
                      {TodoFilterSql::likePattern(search), TodoFilterSql::likePattern(search), kFewMatches});
    const bool few = probe && probe->next() && probe->value(0).toInt() < kFewMatches;
    m_fewMatches.insert(search, few);
    return few;
}

void TodoModel::setSortMode(Sort sort)
{
    if (sort == m_sort)
        return;
    m_sort = sort;
    m_limit = kFirstRows;
    select();
}

void TodoModel::setReferenceTime(Timestamp::Micros now)
{
    m_referenceTime = now;
    applyFilter();
}

bool TodoModel::hasAnyTodo() const
{
    auto query = Sql::select(database(), u"SELECT 1 FROM todos WHERE deleted_at IS NULL LIMIT 1"_s, {});
    return query && query->next();
}

int TodoModel::matchingCount() const
{
    return TodoFilterSql::count(database(), m_slot, m_filter, now(), m_searchBy);
}

void TodoModel::cancelMatchingCount()
{
    ++m_lastCount;
    m_countAgain = false;
}

void TodoModel::requestMatchingCount()
{
    if (m_countInFlight) {
        m_countAgain = true;
        return;
    }
    m_countInFlight = true;
    QMetaObject::invokeMethod(m_counter, [counter = m_counter, request = ++m_lastCount, filter = m_filter,
                                          at = m_referenceTime, search = m_searchBy] {
        counter->countMatching(request, filter, at, search);
    }, Qt::QueuedConnection);
}

QString TodoModel::orderByClause() const
{
    // Open todos first, then the chosen order; the manual position breaks ties
    // so the order is total and stable across refreshes.
    if (groupsByDay())
        return DayHeading::orderByClause(now(), m_filter.kind == TodoFilter::Kind::Upcoming);
    switch (m_sort) {
    case Sort::DueDate:
        return u"ORDER BY completed, due_at IS NULL, due_at, position, id"_s;
    case Sort::Priority:
        return u"ORDER BY completed, priority DESC, position, id"_s;
    case Sort::Title:
        return u"ORDER BY completed, title COLLATE NOCASE, id"_s;
    case Sort::Created:
        return u"ORDER BY completed, created_at DESC, id"_s;
    case Sort::Manual:
        break;
    }
    return u"ORDER BY completed, position, id"_s;
}

QVariant TodoModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    auto field = [this, &index](int column) {
        return QSqlTableModel::data(this->index(index.row(), column));
    };
    switch (role) {
    case IdRole:
        return field(m_columns.id);
    case ListIdRole:
        return field(m_columns.listId);
    case TitleRole:
        return field(m_columns.title);
    case NotesRole:
        return field(m_columns.notes);
    case CompletedRole:
        return field(m_columns.completed).toBool();
    case DueAtRole:
        return field(m_columns.dueAt);
    case DueHasTimeRole:
        return field(m_columns.dueHasTime).toBool();
    case PriorityRole:
        return field(m_columns.priority).toInt();
    case TagsRole: {
        const QString joined = field(m_columns.tags).toString();
        return joined.isEmpty() ? QStringList() : joined.split(TagKey::kJoinSeparator);
    }
    case PendingRole:
        return field(m_columns.pending).toBool();
    case RepeatsRole:
        return !field(m_columns.repeatRule).toString().isEmpty();
    case PositionRole:
        return field(m_columns.position).toDouble();
    case CreatedAtRole:
        return field(m_columns.createdAt);
    case UpdatedAtRole:
        return field(m_columns.updatedAt);
    case DayHeadingRole:
        return groupsByDay() ? dayHeading(index.row()) : QVariant(QString());
    case ListNameRole:
        return m_filter.kind == TodoFilter::Kind::List ? QString() : m_listNames.value(field(m_columns.listId).toString());
    case OverdueRole: {
        Todo todo;
        todo.completed = field(m_columns.completed).toBool();
        const QVariant due = field(m_columns.dueAt);
        if (!due.isNull())
            todo.dueAt = due.toLongLong();
        todo.dueHasTime = field(m_columns.dueHasTime).toBool();
        return todo.isOverdue(now());
    }
    case StartAtRole:
    case DeferredRole:
    case SubtaskProgressRole:
    case ParentIdRole:
    case ParentTitleRole:
        return subtaskData(index.row(), role);
    case Qt::CheckStateRole:
        if (index.column() == m_columns.title)
            return field(m_columns.completed).toBool() ? Qt::Checked : Qt::Unchecked;
        return {};
    default:
        break;
    }
    return QSqlTableModel::data(index, role);
}

bool TodoModel::setData(const QModelIndex &, const QVariant &, int)
{
    return false; // edits go through commands and the store
}

Qt::ItemFlags TodoModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags result = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled
        | Qt::ItemNeverHasChildren;
    if (index.column() == m_columns.title)
        result |= Qt::ItemIsUserCheckable;
    return result;
}

QHash<int, QByteArray> TodoModel::roleNames() const
{
    QHash<int, QByteArray> names = QSqlTableModel::roleNames();
    names.insert({{IdRole, "todoId"}, {ListIdRole, "listId"}, {TitleRole, "title"},
                  {NotesRole, "notes"}, {CompletedRole, "completed"}, {DueAtRole, "dueAt"},
                  {DueHasTimeRole, "dueHasTime"}, {PriorityRole, "priority"}, {TagsRole, "tags"},
                  {PendingRole, "pending"}, {OverdueRole, "overdue"}, {PositionRole, "position"},
                  {CreatedAtRole, "createdAt"}, {UpdatedAtRole, "updatedAt"},
                  {DayHeadingRole, "dayHeading"}, {ListNameRole, "listName"}, {StartAtRole, "startAt"},
                  {DeferredRole, "deferred"}, {SubtaskProgressRole, "subtaskProgress"},
                  {ParentIdRole, "parentId"}, {ParentTitleRole, "parentTitle"}});
    return names;
}

QStringList TodoModel::mimeTypes() const
{
    return {QString::fromLatin1(kMimeType)};
}

QMimeData *TodoModel::mimeData(const QModelIndexList &indexes) const
{
    QStringList ids;
    for (const QModelIndex &index : indexes) {
        const QString id = data(index, IdRole).toString();
        if (!ids.contains(id))
            ids << id;
    }
    return mimeDataOf(ids);
}

QMimeData *TodoModel::mimeDataOf(const QStringList &ids)
{
    if (ids.isEmpty())
        return nullptr;
    auto *mime = new QMimeData;
    mime->setData(QString::fromLatin1(kMimeType), ids.join(u'\n').toUtf8());
    mime->setText(ids.join(u'\n'));
    return mime;
}

Qt::DropActions TodoModel::supportedDragActions() const
{
    return Qt::MoveAction;
}
