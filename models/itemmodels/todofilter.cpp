#include "todofilter.h"

#include "store/searchindex.h"
#include "store/sqlhelpers.h"

#include <QAtomicInt>
#include <QDateTime>

using namespace Qt::StringLiterals;

namespace {

QAtomicInt nextSlot{1};

bool ensureParamsTable(const QSqlDatabase &db, QString *error)
{
    // TEMP: per connection, never on disk, and writing it takes no lock on the cache.
    return Sql::exec(db,
                     u"CREATE TEMP TABLE IF NOT EXISTS view_params ("
                     " slot INTEGER PRIMARY KEY, list_id TEXT, tag_id TEXT, pattern TEXT, search_match TEXT,"
                     " now INTEGER, local_day_start INTEGER, local_day_end INTEGER,"
                     " utc_day_start INTEGER, utc_day_end INTEGER)"_s,
                     {}, error);
}

} // namespace

int TodoFilterSql::allocateSlot()
{
    return nextSlot.fetchAndAddRelaxed(1);
}

QString TodoFilterSql::likePattern(const QString &search)
{
    QString escaped;
    escaped.reserve(search.size() + 2);
    for (const QChar c : search) {
        if (c == u'%' || c == u'_' || c == u'\\')
            escaped += u'\\';
        escaped += c;
    }
    return u'%' + escaped + u'%';
}

bool TodoFilterSql::bind(const QSqlDatabase &db, int slot, const TodoFilter &filter,
                         Timestamp::Micros now, QString *error)
{
    if (!ensureParamsTable(db, error))
        return false;
    // "Today" is the person's local calendar day. Timed dues compare against
    // its bounds in UTC; date-only dues are calendar dates kept as UTC midnight.
    const QDate today = Timestamp::toLocal(now).date();
    const QString search = filter.search.trimmed();
    return Sql::exec(db,
                     u"INSERT OR REPLACE INTO temp.view_params(slot, list_id, tag_id, pattern, search_match,"
                     " now, local_day_start, local_day_end, utc_day_start, utc_day_end)"
                     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
                     {slot, filter.kind == TodoFilter::Kind::List ? filter.id : QString(),
                      filter.kind == TodoFilter::Kind::Tag ? filter.id : QString(),
                      search.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : likePattern(search),
                      SearchIndex::canAnswer(search) ? SearchIndex::matchQuery(search)
                                                     : QVariant(QMetaType::fromType<QString>()),
                      now, Timestamp::startOfLocalDay(today),
                      Timestamp::startOfLocalDay(today.addDays(1)), Timestamp::fromDate(today),
                      Timestamp::fromDate(today.addDays(1))},
                     error);
}

QString TodoFilterSql::whereClause(int slot, const TodoFilter &filter, Search search)
{
    const QString param = u"(SELECT %2 FROM temp.view_params WHERE slot = %1)"_s.arg(slot);
    auto p = [&param](const char *name) { return param.arg(QString::fromLatin1(name)); };

    QString clause;
    switch (filter.kind) {
    case TodoFilter::Kind::Today: // due today, or earlier and still open; not deferred past today
        clause = u"completed = 0 AND due_at IS NOT NULL AND"
                 " ((due_has_time = 1 AND due_at < %1) OR (due_has_time = 0 AND due_at < %2))"
                 " AND (start_at IS NULL OR start_at < %2)"_s
                     .arg(p("local_day_end"), p("utc_day_end"));
        break;
    case TodoFilter::Kind::Upcoming: // due after today, or starting after today (a calendar date)
        clause = u"completed = 0 AND ((due_at IS NOT NULL AND"
                 " ((due_has_time = 1 AND due_at >= %1) OR (due_has_time = 0 AND due_at >= %2)))"
                 " OR start_at >= %2)"_s
                     .arg(p("local_day_end"), p("utc_day_end"));
        break;
    case TodoFilter::Kind::Overdue:
        clause = u"completed = 0 AND due_at IS NOT NULL AND"
                 " ((due_has_time = 1 AND due_at < %1) OR (due_has_time = 0 AND due_at < %2))"_s
                     .arg(p("now"), p("utc_day_start"));
        break;
    case TodoFilter::Kind::Completed:
        clause = u"completed = 1"_s;
        break;
    case TodoFilter::Kind::All:
        clause = u"1"_s;
        break;
    case TodoFilter::Kind::List:
        clause = u"list_id = %1"_s.arg(p("list_id"));
        break;
    case TodoFilter::Kind::Tag:
        clause = u"id IN (SELECT todo_id FROM todo_tags WHERE tag_id = %1)"_s.arg(p("tag_id"));
        break;
    }
    if (filter.hideCompleted && filter.kind != TodoFilter::Kind::Completed)
        clause += u" AND completed = 0"_s;
    const QString text = filter.search.trimmed();
    // Subtasks live in their parent's detail pane; the views by day and a
    // search show them too, as they are dated or found on their own.
    const bool byDay = filter.kind == TodoFilter::Kind::Today || filter.kind == TodoFilter::Kind::Upcoming
        || filter.kind == TodoFilter::Kind::Overdue;
    if (!byDay && text.isEmpty() && !filter.withSubtasks)
        clause += u" AND parent_id IS NULL"_s;
    if (text.isEmpty())
        return clause;
    // The index's rowids are those of todos; the view shows the id.
    if (search == Search::Index && SearchIndex::canAnswer(text))
        clause += u" AND id IN (SELECT id FROM todos WHERE rowid IN"
                  " (SELECT rowid FROM todo_search WHERE todo_search MATCH %1))"_s.arg(p("search_match"));
    clause += u" AND (title LIKE %1 ESCAPE '\\' OR notes LIKE %1 ESCAPE '\\')"_s.arg(p("pattern"));
    return clause;
}

int TodoFilterSql::count(const QSqlDatabase &db, int slot, const TodoFilter &filter,
                         Timestamp::Micros now, Search search)
{
    if (!bind(db, slot, filter, now))
        return 0;
    // A search, or a smart list by due date, has to look at every live row.
    // Over todo_rows, SQLite walks a partial index (deleted_at IS NULL) and
    // fetches each row from the table by rowid: at 100,000 todos that is
    // 40-85 ms, where reading the table in order takes 12-40 ms. The clause
    // reads only columns of todos, and todo_rows is todos without the deleted
    // rows, so counting over the table gives the same number. Filters an
    // index answers (a list, a tag, Completed, All) keep the view and its index.
    // A search through the index reads only the rows it names.
    const bool byIndex = search == Search::Index && SearchIndex::canAnswer(filter.search.trimmed());
    const bool readsEveryRow = !byIndex
        && (!filter.search.trimmed().isEmpty() || filter.kind == TodoFilter::Kind::Today
            || filter.kind == TodoFilter::Kind::Upcoming || filter.kind == TodoFilter::Kind::Overdue);
    const QString sql = readsEveryRow
        ? u"SELECT COUNT(*) FROM todos NOT INDEXED WHERE deleted_at IS NULL AND ("_s + whereClause(slot, filter) + u')'
        : u"SELECT COUNT(*) FROM todo_rows WHERE "_s + whereClause(slot, filter, search);
    auto query = Sql::select(db, sql, {});
    return query && query->next() ? query->value(0).toInt() : 0;
}

QList<int> TodoFilterSql::countSmart(const QSqlDatabase &db, int slot, const QList<TodoFilter> &filters,
                                     Timestamp::Micros now)
{
    QList<int> counts(filters.size(), 0);
    if (filters.isEmpty() || !bind(db, slot, TodoFilter::smart(TodoFilter::Kind::All), now))
        return counts;
    QStringList sums;
    for (const TodoFilter &filter : filters)
        sums << u"COALESCE(SUM(CASE WHEN %1 THEN 1 ELSE 0 END), 0)"_s.arg(whereClause(slot, filter));
    auto query = Sql::select(db, u"SELECT "_s + sums.join(u", "_s)
                                 + u" FROM todos NOT INDEXED WHERE deleted_at IS NULL"_s, {});
    if (query && query->next()) {
        for (qsizetype i = 0; i < filters.size(); ++i)
            counts[i] = query->value(int(i)).toInt();
    }
    return counts;
}
