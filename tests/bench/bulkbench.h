#pragma once

#include "measurement.h"

#include <QStringList>

// A bulk edit of every row: the real MainWindow shows All, Ctrl+A selects
// every todo the list stands for (not only the rows fetched so far), Space
// completes them, and Ctrl+Z reopens them. Each is timed from the key until
// the window has handled what the write announced; the rows are checked in
// the database afterwards. Its writes stay (updated_at, the outbox), so it
// runs after the rows that need the prepared data as it was.
class BulkBench
{
public:
    explicit BulkBench(const QString &databasePath);

    bool run(QList<Measurement> *measurements, QStringList *details, QString *error);

private:
    QString m_databasePath;
};
