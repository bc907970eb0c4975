// TodoModel: the roles of start dates and subtasks. A subtask shown in a
// day view or a search names its parent; the titles are read as rows are
// painted, one indexed lookup per parent, and kept until the rows are read again.

#include "todomodel.h"

#include "store/sqlhelpers.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

QVariant TodoModel::subtaskData(int row, int role) const
{
    auto field = [this, row](int column) { return QSqlTableModel::data(index(row, column)); };
    switch (role) {
    case StartAtRole:
        return field(m_columns.startAt);
    case DeferredRole: {
        // A start is a calendar date (Timestamp::fromDate): later than today's.
        // Today only for a row with a start: the local time costs a tzset() each.
        const QVariant start = field(m_columns.startAt);
        return !start.isNull() && Timestamp::toDate(start.toLongLong()) > Timestamp::toLocal(now()).date();
    }
    case SubtaskProgressRole:
        return field(m_columns.progress).toString();
    case ParentIdRole:
        return field(m_columns.parentId).toString();
    case ParentTitleRole:
        return parentTitle(field(m_columns.parentId).toString());
    default:
        return {};
    }
}

QString TodoModel::parentTitle(const QString &parentId) const
{
    if (parentId.isEmpty())
        return {};
    if (const auto known = m_parentTitles.constFind(parentId); known != m_parentTitles.cend())
        return known.value();
    auto query = Sql::select(database(), u"SELECT title FROM todos WHERE id = ? AND deleted_at IS NULL"_s, {parentId});
    const QString title = query && query->next() ? query->value(0).toString() : QString();
    m_parentTitles.insert(parentId, title);
    return title;
}
