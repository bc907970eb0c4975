#pragma once

// Small helpers shared by the tests in this folder.

#include "domain/timestamp.h"
#include "itemmodels/todomodel.h"
#include "store/searchindex.h"
#include "store/sqlhelpers.h"

#include <QAbstractItemModelTester>
#include <QByteArray>
#include <QDateTime>
#include <QFile>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QTest>
#include <QVariant>

#include <memory>

namespace TestHelpers {

inline QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

inline bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        && file.write(bytes) == bytes.size();
}

// The first column of the first row, or an invalid QVariant when the query fails.
inline QVariant scalar(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql) || !query.next())
        return {};
    return query.value(0);
}

// Runs one statement with bound values; on failure, says which and why.
inline bool exec(const QSqlDatabase &db, const QString &sql, const QVariantList &values = {})
{
    QSqlQuery query(db);
    bool ok = query.prepare(sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    ok = ok && query.exec();
    if (!ok)
        qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
    return ok;
}

// The ids of the todos the full-text index (SearchIndex) names for text, sorted.
inline QStringList indexed(const QSqlDatabase &db, const QString &text)
{
    QStringList ids;
    auto query = Sql::select(db,
                             QStringLiteral("SELECT id FROM todos WHERE rowid IN"
                                            " (SELECT rowid FROM todo_search WHERE todo_search MATCH ?) ORDER BY id"),
                             {SearchIndex::matchQuery(text)});
    while (query && query->next())
        ids << query->value(0).toString();
    return ids;
}

// The titles a todo model shows, every match fetched, in its order.
inline QStringList titles(TodoModel &model)
{
    model.fetchAll();
    QStringList result;
    for (int row = 0; row < model.rowCount(); ++row)
        result << model.index(row, model.titleColumn()).data(TodoModel::TitleRole).toString();
    return result;
}

// A local wall-clock time, so that expectations hold in every time zone.
inline Timestamp::Micros localTime(QDate date, QTime time)
{
    return Timestamp::fromDateTime(QDateTime(date, time));
}

// QAbstractItemModelTester calls fetchMore() from its own modelReset handler
// before it clears its "reset in flight" mark (Qt 6.4 and later), so when more
// than one batch of 256 rows matches, it reports the model's correct insertion
// of the next batch as a change made during the reset. For tests with that
// many rows the tester reports as warnings: those two reports are dropped and
// any other report fails the test (QTest::failOnWarning).
class ManyRowsModelTester
{
public:
    explicit ManyRowsModelTester(QAbstractItemModel *model)
    {
        QTest::failOnWarning(QRegularExpression(QStringLiteral("^FAIL!")));
        s_previous = qInstallMessageHandler(&ManyRowsModelTester::filter);
        m_tester = std::make_unique<QAbstractItemModelTester>(
            model, QAbstractItemModelTester::FailureReportingMode::Warning);
    }
    ~ManyRowsModelTester()
    {
        m_tester.reset();
        qInstallMessageHandler(s_previous);
    }
    ManyRowsModelTester(const ManyRowsModelTester &) = delete;
    ManyRowsModelTester &operator=(const ManyRowsModelTester &) = delete;

private:
    static void filter(QtMsgType type, const QMessageLogContext &context, const QString &message)
    {
        // 5 is ChangeInFlight::ModelReset; 0 is None and 6 RowsInserted.
        const bool fetchInReset = qstrcmp(context.category, "qt.modeltest") == 0
            && message.contains(QStringLiteral("Actual (changeInFlight) 5\n"))
            && (message.contains(QStringLiteral("(ChangeInFlight::None) 0"))
                || message.contains(QStringLiteral("(ChangeInFlight::RowsInserted) 6")));
        if (!fetchInReset)
            s_previous(type, context, message);
    }

    static inline QtMessageHandler s_previous = nullptr;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

} // namespace TestHelpers
