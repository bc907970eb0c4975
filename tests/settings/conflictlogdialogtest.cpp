#include "itemmodels/conflictmodel.h"
#include "storefixture.h"
#include "store/sqlhelpers.h"
#include "widgets/conflictlogdialog.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSqlQuery>
#include <QTableView>
#include <QTest>
#include <QUndoStack>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

// One day in November, 14:30 local time, as microseconds.
Timestamp::Micros localTime(int day, int hour = 14, int minute = 30)
{
    return Timestamp::fromDateTime(QDateTime(QDate(2026, 11, day), QTime(hour, minute)));
}

// The local time as PostgreSQL's to_jsonb() writes a timestamptz, in
// whatever offset the pushing session had (here UTC+05:30).
QString pgJsonTime(Timestamp::Micros micros)
{
    const QDateTime shifted = Timestamp::toUtc(micros).toOffsetFromUtc(5 * 3600 + 30 * 60);
    return u"\"%1.123456+05:30\""_s.arg(shifted.toString(u"yyyy-MM-ddTHH:mm:ss"_s));
}

} // namespace

class ConflictLogDialogTest : public QObject
{
    Q_OBJECT

private:
    // A fresh cache with the dialog on it, and the model under test watched
    // by QAbstractItemModelTester the whole time.
    struct Harness
    {
        StoreFixture data;
        QUndoStack undoStack;
        std::unique_ptr<ConflictLogDialog> dialog;
        std::unique_ptr<QAbstractItemModelTester> tester;
        qint64 nextId = 1;

        Harness()
        {
            dialog = std::make_unique<ConflictLogDialog>(data.store.get(), &undoStack);
            tester = std::make_unique<QAbstractItemModelTester>(dialog->model(),
                                                                QAbstractItemModelTester::FailureReportingMode::QtTest);
        }

        TodoStore *store() const { return data.store.get(); }
        ConflictModel *model() const { return dialog->model(); }

        // A row as the pull writes it, then the signal a sync sends.
        qint64 addConflict(const QString &entityId, const QString &field, const QString &lost, const QString &won,
                           const QString &kind, Timestamp::Micros createdAt, const QString &entity = u"todo"_s)
        {
            const qint64 id = nextId++;
            QString error;
            if (!Sql::exec(data.database->database(),
                           u"INSERT INTO conflicts(id, entity, entity_id, field, lost_value, won_value, kind, created_at)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s,
                           {id, entity, entityId, field, lost, won, kind, createdAt}, &error))
                qFatal("cannot add a conflict: %s", qPrintable(error));
            data.database->announce({CacheChange::Origin::Pull, {entityId}});
            return id;
        }

        void select(int row)
        {
            QTableView *view = dialog->view();
            view->selectionModel()->select(view->model()->index(row, 0),
                                           QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        }

        QString text(int row, int column) const { return model()->index(row, column).data().toString(); }
    };

private Q_SLOTS:
    void showsTheLogNewestFirstWithDecodedValues_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("lost");
        QTest::addColumn<QString>("won");
        QTest::addColumn<QString>("fieldText");
        QTest::addColumn<QString>("lostText");
        QTest::addColumn<QString>("wonText");

        QTest::newRow("title: strings unquoted") << u"title"_s << u"\"Buy milk\""_s << u"\"Buy oat milk\""_s
                                                 << u"Title"_s << u"Buy milk"_s << u"Buy oat milk"_s;
        QTest::newRow("notes: empty and multi-line")
            << u"notes"_s << u"\"\""_s << u"\"first line\\nsecond line\""_s << u"Notes"_s << u"(empty)"_s
            << u"first line …"_s;
        QTest::newRow("priority: words") << u"priority"_s << u"3"_s << u"0"_s << u"Priority"_s << u"High"_s
                                         << u"None"_s;
        QTest::newRow("completed: yes/no") << u"completed"_s << u"true"_s << u"false"_s << u"Done"_s << u"Yes"_s
                                           << u"No"_s;
        const Timestamp::Micros when = localTime(24, 9, 15);
        QTest::newRow("due time: local time, any offset")
            << u"due_at"_s << pgJsonTime(when) << u"null"_s << u"Due"_s
            << QLocale().toString(Timestamp::toLocal(when + 123456), QLocale::ShortFormat) << u"(none)"_s;
        QTest::newRow("due date: a calendar date")
            << u"due_at"_s << u"\"2026-11-24T00:00:00+00:00\""_s << u"\"2026-11-25T00:00:00+00:00\""_s << u"Due"_s
            << QLocale().toString(QDate(2026, 11, 24), QLocale::ShortFormat)
            << QLocale().toString(QDate(2026, 11, 25), QLocale::ShortFormat);
    }

    void showsTheLogNewestFirstWithDecodedValues()
    {
        QFETCH(QString, field);
        QFETCH(QString, lost);
        QFETCH(QString, won);
        QFETCH(QString, fieldText);
        QFETCH(QString, lostText);
        QFETCH(QString, wonText);
        Harness h;
        const Todo todo = h.data.addTodo(u"Groceries"_s);
        QCOMPARE(h.model()->rowCount(), 0);
        QVERIFY(h.dialog->findChild<QLabel *>(u"conflictEmptyLabel"_s));

        h.addConflict(todo.id, u"title"_s, u"\"older\""_s, u"\"Groceries\""_s, u"overwritten"_s, localTime(20));
        h.addConflict(todo.id, field, lost, won, u"overwritten"_s, localTime(22));

        QCOMPARE(h.model()->rowCount(), 2);
        QCOMPARE(h.model()->columnCount(), int(ConflictModel::ColumnCount));
        // Newest first.
        QCOMPARE(h.text(0, ConflictModel::WhenColumn),
                 QLocale().toString(Timestamp::toLocal(localTime(22)), QLocale::ShortFormat));
        QCOMPARE(h.text(1, ConflictModel::LostColumn), u"older"_s);
        QCOMPARE(h.text(0, ConflictModel::ItemColumn), u"Groceries"_s);
        QCOMPARE(h.text(0, ConflictModel::FieldColumn), fieldText);
        QCOMPARE(h.text(0, ConflictModel::LostColumn), lostText);
        QCOMPARE(h.text(0, ConflictModel::WonColumn), wonText);
        QCOMPARE(h.text(0, ConflictModel::KindColumn), u"Overwritten"_s);
        QCOMPARE(h.model()->headerData(ConflictModel::LostColumn, Qt::Horizontal).toString(),
                 u"Overwritten Value"_s);
    }

    void listValuesShowListNames()
    {
        Harness h;
        const TodoList work = h.store()->newList(u"Work"_s);
        QVERIFY(h.store()->apply({{work}, {}}));
        const Todo todo = h.data.addTodo(u"Report"_s, work.id);
        h.addConflict(todo.id, u"list_id"_s, u"\"%1\""_s.arg(h.store()->inboxId()), u"\"%1\""_s.arg(work.id),
                      u"overwritten"_s, localTime(21));
        QCOMPARE(h.text(0, ConflictModel::FieldColumn), u"List"_s);
        QCOMPARE(h.text(0, ConflictModel::LostColumn), u"Inbox"_s);
        QCOMPARE(h.text(0, ConflictModel::WonColumn), u"Work"_s);
    }

    void restoreWritesTheOldValueBackThroughTheUndoStack_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("lost");
        QTest::newRow("title") << u"title"_s << u"\"Buy milk\""_s;
        QTest::newRow("priority") << u"priority"_s << u"3"_s;
        QTest::newRow("due time") << u"due_at"_s << pgJsonTime(localTime(24, 9, 15));
    }

    void restoreWritesTheOldValueBackThroughTheUndoStack()
    {
        QFETCH(QString, field);
        QFETCH(QString, lost);
        Harness h;
        const Todo before = h.data.addTodo(u"Buy oat milk"_s);
        h.addConflict(before.id, field, lost, u"null"_s, u"overwritten"_s, localTime(22));
        h.dialog->show();
        QVERIFY(QTest::qWaitForWindowExposed(h.dialog.get()));
        h.select(0);
        auto *restore = h.dialog->findChild<QPushButton *>(u"restoreButton"_s);
        QVERIFY(restore->isEnabled());
        const int pendingBefore = h.store()->pendingChangeCount();

        QTest::mouseClick(restore, Qt::LeftButton);

        QCOMPARE(h.undoStack.count(), 1);
        const Todo after = *h.store()->todo(before.id);
        if (field == u"title"_s)
            QCOMPARE(after.title, u"Buy milk"_s);
        else if (field == u"priority"_s)
            QCOMPARE(after.priority, Priority::High);
        else
            QCOMPARE(after.dueAt, std::optional(localTime(24, 9, 15) + 123456));
        QVERIFY(h.dialog->findChild<QLabel *>(u"conflictStatus"_s)->text().startsWith(u"Restored 1 value"_s));
        // It syncs: the edit is in the outbox like any other.
        QCOMPARE(h.store()->pendingChangeCount(), pendingBefore + 1);

        h.undoStack.undo();
        const Todo undone = *h.store()->todo(before.id);
        QCOMPARE(undone.title, before.title);
        QCOMPARE(undone.priority, before.priority);
        QCOMPARE(undone.dueAt, before.dueAt);
        // The entry stays, for a second thought.
        QCOMPARE(h.model()->rowCount(), 1);
    }

    void dismissHidesTheEntryForGood()
    {
        Harness h;
        const Todo todo = h.data.addTodo(u"Call Sam"_s);
        const qint64 first = h.addConflict(todo.id, u"title"_s, u"\"Call Sam today\""_s, u"\"Call Sam\""_s,
                                           u"overwritten"_s, localTime(20));
        h.addConflict(todo.id, u"notes"_s, u"\"number in notes\""_s, u"\"\""_s, u"overwritten"_s, localTime(21));
        h.select(1); // the older one
        QCOMPARE(h.model()->entry(1).id, first);

        QTest::mouseClick(h.dialog->findChild<QPushButton *>(u"dismissButton"_s), Qt::LeftButton);

        QCOMPARE(h.model()->rowCount(), 1);
        QCOMPARE(h.model()->rowOfId(first), -1);
        QSqlQuery query(h.data.database->database());
        QVERIFY(query.exec(u"SELECT dismissed FROM conflicts WHERE id = %1"_s.arg(first)));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), 1);
        // Nothing was edited, so there is nothing to undo.
        QCOMPARE(h.undoStack.count(), 0);
        // Still hidden after the next reload (a sync).
        h.data.database->announce({CacheChange::Origin::Pull, {todo.id}});
        QCOMPARE(h.model()->rowCount(), 1);
    }

    void restoringAnEditOfADeletedTodoBringsItBack()
    {
        Harness h;
        Todo todo = h.data.addTodo(u"Plan trip"_s);
        todo.deletedAt = Timestamp::now();
        QVERIFY(h.store()->apply({{}, {todo}}));
        QVERIFY(h.store()->todo(todo.id)->isDeleted());
        // One edit made on another desktop after the delete: two fields, one
        // server transaction, so one created_at.
        const Timestamp::Micros when = localTime(23);
        h.addConflict(todo.id, u"title"_s, u"\"Plan trip to Lisbon\""_s, u"\"Plan trip\""_s, u"edit_of_deleted"_s, when);
        h.addConflict(todo.id, u"priority"_s, u"2"_s, u"0"_s, u"edit_of_deleted"_s, when);
        QCOMPARE(h.model()->rowCount(), 2);
        QCOMPARE(h.text(0, ConflictModel::KindColumn), u"Edit of a deleted todo"_s);
        QCOMPARE(h.text(0, ConflictModel::ItemColumn), u"Plan trip (deleted)"_s);

        h.select(0); // either row restores the whole edit
        QVERIFY(h.dialog->restoreSelected());

        const Todo restored = *h.store()->todo(todo.id);
        QVERIFY(!restored.isDeleted());
        QCOMPARE(restored.title, u"Plan trip to Lisbon"_s);
        QCOMPARE(restored.priority, Priority::Medium);
        QCOMPARE(restored.listId, h.store()->inboxId());
        QCOMPARE(h.undoStack.count(), 1);
        QCOMPARE(h.text(0, ConflictModel::ItemColumn), u"Plan trip to Lisbon"_s);

        h.undoStack.undo();
        QVERIFY(h.store()->todo(todo.id)->isDeleted());
        QCOMPARE(h.store()->todo(todo.id)->title, u"Plan trip"_s);
    }

    void anOverwrittenValueOfADeletedTodoIsNotRestored()
    {
        Harness h;
        Todo todo = h.data.addTodo(u"Gone"_s);
        h.addConflict(todo.id, u"title"_s, u"\"Gone soon\""_s, u"\"Gone\""_s, u"overwritten"_s, localTime(20));
        todo.deletedAt = Timestamp::now();
        QVERIFY(h.store()->apply({{}, {todo}}));
        h.select(0);
        QVERIFY(!h.dialog->restoreSelected());
        QCOMPARE(h.undoStack.count(), 0);
        QVERIFY(h.store()->todo(todo.id)->isDeleted());
        QVERIFY(h.dialog->findChild<QLabel *>(u"conflictStatus"_s)->text().contains(u"deleted"_s));
    }
};

QTEST_MAIN(ConflictLogDialogTest)
#include "conflictlogdialogtest.moc"
