#pragma once

#include "domain/timestamp.h"
#include "domain/todolist.h"
#include "itemmodels/todofilter.h"

#include <QHash>
#include <QList>
#include <QMetaType>
#include <QSqlDatabase>

// What the sidebar shows beside its entries: the open todos of each smart
// list (in SidebarModel's order), of each list, and the tags with theirs.
// Counted in SQL on any connection: the UI's at start, the counter's own
// afterwards (CacheCounter), so the UI thread never waits for a recount.
struct SidebarCounts
{
    // The smart lists, in the sidebar's order.
    static constexpr TodoFilter::Kind kSmartKinds[] = {TodoFilter::Kind::Today, TodoFilter::Kind::Upcoming,
                                                       TodoFilter::Kind::Overdue, TodoFilter::Kind::Completed,
                                                       TodoFilter::Kind::All};

    QList<int> smart;
    QHash<QString, int> openPerList;
    QList<Tag> tags;

    // slot: a TodoFilterSql slot of this connection.
    static SidebarCounts count(const QSqlDatabase &db, int slot, Timestamp::Micros now);
};

Q_DECLARE_METATYPE(SidebarCounts)
