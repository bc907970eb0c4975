#include "itemmodels/conflictmodel.h"
#include "modeltesthelpers.h"
#include "storefixture.h"
#include "store/sqlhelpers.h"

#include <QTest>

using namespace Qt::StringLiterals;

// Dismissing several entries of the conflict log is one decision: either all
// of them leave the log or, when one cannot be written, none does, so the log
// never shows a half-done dismissal.
class ConflictDismissTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void dismissesAllOrNothing_data();
    void dismissesAllOrNothing();
};

void ConflictDismissTest::dismissesAllOrNothing_data()
{
    QTest::addColumn<QList<qint64>>("ids");
    QTest::addColumn<qint64>("refusedId"); // 0: every write succeeds
    QTest::addColumn<bool>("succeeds");
    QTest::addColumn<int>("rowsLeft");

    QTest::newRow("all written") << QList<qint64>{1, 2, 3} << qint64(0) << true << 1;
    QTest::newRow("the last refused") << QList<qint64>{1, 2, 3} << qint64(3) << false << 4;
    QTest::newRow("the first refused") << QList<qint64>{1, 2, 3} << qint64(1) << false << 4;
}

void ConflictDismissTest::dismissesAllOrNothing()
{
    QFETCH(QList<qint64>, ids);
    QFETCH(qint64, refusedId);
    QFETCH(bool, succeeds);
    QFETCH(int, rowsLeft);

    StoreFixture data;
    const QSqlDatabase db = data.database->database();
    QString error;
    for (qint64 id = 1; id <= 4; ++id) {
        QVERIFY2(Sql::exec(db,
                           u"INSERT INTO conflicts(id, entity, entity_id, field, lost_value, won_value, kind, created_at)"
                           " VALUES (?, 'todo', ?, 'title', '\"old\"', '\"new\"', 'field', ?)"_s,
                           {id, u"todo-%1"_s.arg(id), id * 1000}, &error),
                 qPrintable(error));
    }
    // A write the database refuses, as a full disk or a lost lock would.
    if (refusedId != 0) {
        QVERIFY2(Sql::exec(db,
                           u"CREATE TEMP TRIGGER refuse_dismissal BEFORE UPDATE ON conflicts WHEN NEW.id = %1"
                           " BEGIN SELECT RAISE(ABORT, 'refused for the test'); END"_s.arg(refusedId),
                           {}, &error),
                 qPrintable(error));
    }
    ConflictModel model(data.store.get());
    QCOMPARE(model.rowCount(), 4);

    QString message;
    QCOMPARE(model.dismiss(ids, &message), succeeds);
    QCOMPARE(message.contains(u"refused for the test"_s), !succeeds);
    QCOMPARE(model.rowCount(), rowsLeft);
    QCOMPARE(TestHelpers::scalar(db, u"SELECT COUNT(*) FROM conflicts WHERE dismissed = 1"_s).toInt(), 4 - rowsLeft);
}

QTEST_GUILESS_MAIN(ConflictDismissTest)
#include "conflictdismisstest.moc"
