#include "cachecounter.h"

#include "itemmodels/todofilter.h"
#include "store/localdatabase.h"

#include <QLoggingCategory>
#include <QUuid>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcCacheCounter, "tandem.counter")

CacheCounter::CacheCounter(const QString &filePath)
    : m_filePath(filePath)
    , m_connectionName(u"tandem-counter-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces))
    , m_slot(TodoFilterSql::allocateSlot())
{
}

CacheCounter::~CacheCounter()
{
    if (QSqlDatabase::contains(m_connectionName)) {
        QSqlDatabase::database(m_connectionName, false).close();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

bool CacheCounter::ensureOpen()
{
    if (QSqlDatabase::contains(m_connectionName) && QSqlDatabase::database(m_connectionName, false).isOpen())
        return true;
    QString error;
    const QSqlDatabase db = LocalDatabase::openExtraConnection(m_filePath, m_connectionName, &error);
    if (db.isOpen())
        return true;
    qCWarning(lcCacheCounter) << "cannot open a connection for counting:" << error;
    Q_EMIT failed(error);
    return false;
}

void CacheCounter::countSidebar(quint64 request, Timestamp::Micros now)
{
    if (!ensureOpen())
        return;
    const QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    Q_EMIT sidebarCounted(request, SidebarCounts::count(db, m_slot, now != 0 ? now : Timestamp::now()));
}

void CacheCounter::countMatching(quint64 request, const TodoFilter &filter, Timestamp::Micros now,
                                 TodoFilterSql::Search search)
{
    if (!ensureOpen())
        return;
    const QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    Q_EMIT matchingCounted(request, TodoFilterSql::count(db, m_slot, filter, now != 0 ? now : Timestamp::now(), search));
}
