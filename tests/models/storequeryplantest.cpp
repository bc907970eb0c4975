// The statements the window runs for one edit read through an index, never
// by walking the todos: at 100,000 todos a walk costs more than a frame.
// Read from SQLite's own plan, on a cache without statistics (Tandem never
// runs ANALYZE), as the planner sees a real cache.

#include "storefixture.h"

#include "store/storequeries.h"

#include <QObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QStringList planOf(const QSqlDatabase &db, const QString &statement, int parameters)
{
    QSqlQuery query(db);
    if (!query.prepare(u"EXPLAIN QUERY PLAN "_s + statement)) {
        qWarning() << query.lastError().text();
        return {};
    }
    for (int i = 0; i < parameters; ++i)
        query.addBindValue(i == 0 || statement.contains(u"json_each"_s) ? QVariant(u"[\"x\"]"_s) : QVariant(u"x"_s));
    QStringList details;
    if (!query.exec()) {
        qWarning() << query.lastError().text();
        return {};
    }
    while (query.next())
        details << query.value(3).toString();
    return details;
}

} // namespace

class StoreQueryPlanTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldReadThroughItsIndex_data();
    void shouldReadThroughItsIndex();
};

void StoreQueryPlanTest::shouldReadThroughItsIndex_data()
{
    QTest::addColumn<QString>("statement");
    QTest::addColumn<int>("parameters");
    QTest::addColumn<QString>("index");
    QTest::newRow("open subtasks") << StoreQueries::subtaskIds(true) << 2 << u"todos_by_parent"_s;
    QTest::newRow("all subtasks") << StoreQueries::subtaskIds(false) << 2 << u"todos_by_parent"_s;
    QTest::newRow("records of a series") << StoreQueries::occurrenceCount() << 1 << u"todos_by_series"_s;
    QTest::newRow("last record of a series") << StoreQueries::lastOccurrence() << 1 << u"todos_by_series"_s;
}

void StoreQueryPlanTest::shouldReadThroughItsIndex()
{
    QFETCH(QString, statement);
    QFETCH(int, parameters);
    QFETCH(QString, index);
    StoreFixture f;
    // Open and done todos, some of them subtasks and records, so every
    // index has rows.
    const QStringList parents = f.addTodos(20, u"Parent"_s);
    f.addTodos(200, u"Todo"_s, {}, [&](Todo &todo) {
        static int n = 0;
        ++n;
        todo.completed = n % 3 == 0;
        if (n % 5 == 0)
            todo.parentId = parents.at(n % parents.size());
        if (n % 7 == 0) {
            todo.seriesId = parents.at(n % parents.size());
            todo.occurrence = Timestamp::fromDate(QDate(2026, 1, 1).addDays(n));
            todo.completed = true;
        }
    });
    const QStringList plan = planOf(f.database->database(), statement, parameters);
    QVERIFY2(!plan.isEmpty(), "no plan");
    const QString text = plan.join(u" | "_s);
    QVERIFY2(text.contains(u"USING INDEX "_s + index) || text.contains(u"USING COVERING INDEX "_s + index),
             qPrintable(u"the plan is: "_s + text));
    for (const QString &step : plan)
        QVERIFY2(!step.startsWith(u"SCAN todos"_s) && !step.contains(u"todos_by_state"_s),
                 qPrintable(u"a walk over the todos: "_s + text));
}

QTEST_GUILESS_MAIN(StoreQueryPlanTest)
#include "storequeryplantest.moc"
