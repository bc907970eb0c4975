// TodoModel: reading the rows. A query reads its first rows only, reads on
// when a view scrolls past them (or asks for all), and reads again, on a
// fresh snapshot, after every change to the cache.

#include "todomodel.h"

#include "store/sqlhelpers.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

bool TodoModel::select()
{
    // End the old statement first. Begun while it is still open, the new
    // query would continue its read transaction, and the list would keep
    // showing the cache as it was when the old one began. Its rows cannot
    // be read after that: aboutToRequery() is the last moment.
    Q_EMIT aboutToRequery();
    QSqlQuery current = query();
    current.finish();
    m_parentTitles.clear();
    return runPrepared() || QSqlTableModel::select();
}

bool TodoModel::runPrepared()
{
    // The limit is bound, so that one statement serves however many rows a
    // view has fetched. The statement kept is the model's own query, which
    // select() finishes before it runs it again.
    const QString statement = QSqlTableModel::selectStatement();
    if (statement.isEmpty())
        return false;
    const QString text = statement + u" LIMIT ?"_s;
    QSqlQuery prepared = m_prepared.take(text);
    if (prepared.lastQuery() != text) { // none kept yet
        if (m_prepared.size() >= kPreparedStatements)
            m_prepared.clear(); // a few views, each with its own text: no need to pick the oldest
        prepared = QSqlQuery(database());
        if (!prepared.prepare(text))
            return false;
    }
    prepared.bindValue(0, m_limit > 0 ? m_limit : -1);
    if (!prepared.exec())
        return false;
    beginResetModel(); // QSqlQueryModel's, which nests: one reset for the caller's and this
    QSqlQueryModel::setQuery(std::move(prepared));
    endResetModel();
    if (lastError().isValid())
        return false;
    m_prepared.insert(text, query()); // shares the model's statement
    return true;
}

void TodoModel::refresh()
{
    m_fewMatches.clear(); // the data changed; counts seen before may no longer hold
    const int fetched = rowCount();
    if (m_limit > 0)
        m_limit = qMax(kFirstRows, fetched);
    // Smart lists depend on the clock; keep their bounds current.
    TodoFilterSql::bind(database(), m_slot, m_filter, now());
    // The rows fetched again come within the one reset, not batch by batch
    // (see fetchAll), and a view finds its selection among all of them.
    beginResetModel();
    select();
    while (rowCount() < fetched && canFetchMore())
        fetchMore();
    endResetModel();
}

void TodoModel::fetchAll()
{
    if (!canFetchMore())
        return;
    Q_EMIT aboutToRequery();
    readOn(-1);
}

bool TodoModel::limitReached() const
{
    return m_limit > 0 && rowCount() >= m_limit;
}

bool TodoModel::canFetchMore(const QModelIndex &parent) const
{
    return QSqlTableModel::canFetchMore(parent) || (!parent.isValid() && limitReached());
}

void TodoModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid())
        return;
    if (QSqlTableModel::canFetchMore()) {
        QSqlTableModel::fetchMore();
    } else if (limitReached() && !m_readOnQueued) {
        // Reading on resets the model. A view asks for more rows from inside
        // its own handling of a change (so does QAbstractItemModelTester, from
        // its reset handler): the reset comes once that is done.
        m_readOnQueued = true;
        QMetaObject::invokeMethod(this, [this] {
            m_readOnQueued = false;
            if (limitReached())
                readOn(rowCount() + 256);
        }, Qt::QueuedConnection);
    }
}

void TodoModel::readOn(int wanted)
{
    // Inside one reset, QSqlQueryModel fetches without announcing each batch
    // of 256 rows: at 100,000 rows the views' handling of the batches cost
    // twice as much as the fetch itself. The rows up to the limit are read
    // again, on a fresh snapshot, and the same rows keep their places.
    beginResetModel();
    if (limitReached()) {
        m_limit = 0;
        select();
    }
    while ((wanted < 0 || rowCount() < wanted) && QSqlTableModel::canFetchMore())
        QSqlTableModel::fetchMore();
    endResetModel();
}

QString TodoModel::selectStatement() const
{
    const QString statement = QSqlTableModel::selectStatement();
    return m_limit > 0 ? statement + u" LIMIT %1"_s.arg(m_limit) : statement;
}

QString TodoModel::idAt(int row) const
{
    return QSqlTableModel::data(index(row, m_columns.id)).toString();
}

int TodoModel::rowOfId(const QString &id)
{
    for (int row = 0;; ++row) {
        if (row >= rowCount()) {
            if (!canFetchMore())
                return -1;
            if (limitReached())
                readOn(rowCount() + 256);
            else
                QSqlTableModel::fetchMore();
            if (row >= rowCount())
                return -1;
        }
        if (idAt(row) == id)
            return row;
    }
}

QStringList TodoModel::idsFrom(int firstRow) const
{
    // On the model's own connection: while its statement is open, this reads
    // the same snapshot as the rows fetched so far.
    QStringList ids;
    auto query = Sql::select(database(), u"SELECT id FROM %1 WHERE %2 %3 LIMIT -1 OFFSET ?"_s
                                             .arg(tableName(), filter().isEmpty() ? u"1"_s : filter(), orderByClause()),
                             {qMax(firstRow, 0)});
    while (query && query->next())
        ids << query->value(0).toString();
    return ids;
}
