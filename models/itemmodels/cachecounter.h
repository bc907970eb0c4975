#pragma once

#include "itemmodels/sidebarcounts.h"
#include "itemmodels/todofilter.h"

#include <QObject>
#include <QString>

// Counts in SQL on a connection of its own, in the thread it was moved to,
// and hands the result back by signal: the sidebar's counts (about 100 ms
// at 100,000 todos) and the header's count of the todos a view matches
// (about 10 ms). On the UI thread they would drop frames after every edit
// and every pull.
class CacheCounter : public QObject
{
    Q_OBJECT
public:
    explicit CacheCounter(const QString &filePath);
    // Closes its connection: destroy it in its own thread (deleteLater).
    ~CacheCounter() override;

public Q_SLOTS:
    // Counts as of `now` (0: the clock) and answers with sidebarCounted(request, ...).
    void countSidebar(quint64 request, Timestamp::Micros now);
    // Counts what the filter matches and answers with matchingCounted(request, ...).
    void countMatching(quint64 request, const TodoFilter &filter, Timestamp::Micros now,
                       TodoFilterSql::Search search);

Q_SIGNALS:
    void sidebarCounted(quint64 request, const SidebarCounts &counts);
    void matchingCounted(quint64 request, int count);
    void failed(const QString &message);

private:
    bool ensureOpen();

    QString m_filePath;
    QString m_connectionName;
    const int m_slot;
};
