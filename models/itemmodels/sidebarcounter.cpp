#include "sidebarcounter.h"

#include "itemmodels/todofilter.h"
#include "store/localdatabase.h"

#include <QLoggingCategory>
#include <QUuid>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcSidebarCounter, "tandem.sidebar")

SidebarCounter::SidebarCounter(const QString &filePath)
    : m_filePath(filePath)
    , m_connectionName(u"tandem-sidebar-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces))
    , m_slot(TodoFilterSql::allocateSlot())
{
}

SidebarCounter::~SidebarCounter()
{
    if (QSqlDatabase::contains(m_connectionName)) {
        QSqlDatabase::database(m_connectionName, false).close();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

bool SidebarCounter::ensureOpen()
{
    if (QSqlDatabase::contains(m_connectionName) && QSqlDatabase::database(m_connectionName, false).isOpen())
        return true;
    QString error;
    const QSqlDatabase db = LocalDatabase::openExtraConnection(m_filePath, m_connectionName, &error);
    if (db.isOpen())
        return true;
    qCWarning(lcSidebarCounter) << "cannot open a connection for the sidebar counts:" << error;
    Q_EMIT failed(error);
    return false;
}

void SidebarCounter::count(quint64 request, Timestamp::Micros now)
{
    if (!ensureOpen())
        return;
    const QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    Q_EMIT counted(request, SidebarCounts::count(db, m_slot, now != 0 ? now : Timestamp::now()));
}
