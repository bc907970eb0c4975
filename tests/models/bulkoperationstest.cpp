#include "storefixture.h"

#include "operations/todooperations.h"

#include <QLocale>
#include <QObject>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

// The edits that act on many todos at once (reschedule, tags) and deleting a
// list while keeping its todos: each is one Edit, applied as one local edit.
class BulkOperationsTest : public QObject
{
    Q_OBJECT

private:
    static Todo withDue(StoreFixture &f, const QString &title, std::optional<QDateTime> due, bool hasTime)
    {
        Todo todo = f.addTodo(title);
        todo.dueAt = due ? std::optional(hasTime ? Timestamp::fromDateTime(*due) : Timestamp::fromDate(due->date()))
                         : std::nullopt;
        todo.dueHasTime = due && hasTime;
        if (!f.store->apply({{}, {todo}}))
            qFatal("cannot write: %s", qPrintable(f.store->lastError()));
        return *f.store->todo(todo.id);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QLocale::setDefault(QLocale::c());
    }

    void shouldRescheduleKeepingTheTimeOfDay()
    {
        StoreFixture f;
        const QDate day(2026, 12, 24);
        const Todo timed = withDue(f, u"Call"_s, QDateTime(QDate(2026, 12, 1), QTime(15, 30)), true);
        const Todo dated = withDue(f, u"Pay"_s, QDateTime(QDate(2026, 12, 2), QTime()), false);
        const Todo undated = withDue(f, u"Read"_s, std::nullopt, false);
        const QStringList ids{timed.id, dated.id, undated.id};

        const Edit edit = TodoOperations::setDueDate(*f.store, ids, day);
        QCOMPARE(edit.after.todos.size(), 3);
        QCOMPARE(edit.text, u"Reschedule 3 todo(s)"_s);
        QVERIFY(TodoOperations::apply(*f.store, edit));
        QCOMPARE(Timestamp::toLocal(*f.store->todo(timed.id)->dueAt), QDateTime(day, QTime(15, 30)));
        QVERIFY(f.store->todo(timed.id)->dueHasTime);
        for (const QString &id : {dated.id, undated.id}) {
            QCOMPARE(f.store->todo(id)->dueAt, std::optional(Timestamp::fromDate(day)));
            QVERIFY(!f.store->todo(id)->dueHasTime);
        }

        const Edit someday = TodoOperations::setDueDate(*f.store, ids, std::nullopt);
        QVERIFY(TodoOperations::apply(*f.store, someday));
        for (const QString &id : ids) {
            QCOMPARE(f.store->todo(id)->dueAt, std::nullopt);
            QVERIFY(!f.store->todo(id)->dueHasTime);
        }
        // Nothing left to change: an empty Edit.
        QVERIFY(TodoOperations::setDueDate(*f.store, ids, std::nullopt).isEmpty());
    }

    void shouldAddAndRemoveATagOnlyWhereNeeded()
    {
        StoreFixture f;
        Todo tagged = f.addTodo(u"Tagged"_s);
        tagged.tags = {u"Work"_s, u"home"_s};
        QVERIFY(f.store->apply({{}, {tagged}}));
        const Todo plain = f.addTodo(u"Plain"_s);
        const QStringList ids{tagged.id, plain.id};

        const Edit add = TodoOperations::addTag(*f.store, ids, u"  work "_s);
        QCOMPARE(add.after.todos.size(), 1); // the one that has it already is left alone
        QVERIFY(TodoOperations::apply(*f.store, add));
        QCOMPARE(f.store->todo(tagged.id)->tags, (QStringList{u"home"_s, u"Work"_s}));
        QCOMPARE(f.store->todo(plain.id)->tags, QStringList{u"Work"_s}); // the tag keeps the name it has

        const Edit remove = TodoOperations::removeTag(*f.store, ids, u"WORK"_s);
        QCOMPARE(remove.after.todos.size(), 2);
        QVERIFY(TodoOperations::apply(*f.store, remove));
        QCOMPARE(f.store->todo(tagged.id)->tags, QStringList{u"home"_s});
        QVERIFY(f.store->todo(plain.id)->tags.isEmpty());
        QVERIFY(TodoOperations::addTag(*f.store, ids, u"   "_s).isEmpty());
    }

    void shouldDeleteAListKeepingItsTodosInTheInbox()
    {
        StoreFixture f;
        const Todo inInbox = f.addTodo(u"Already here"_s);
        const TodoList work = f.store->newList(u"Work"_s);
        QVERIFY(f.store->apply({{work}, {}}));
        const Todo first = f.addTodo(u"First"_s, work.id);
        const Todo second = f.addTodo(u"Second"_s, work.id);

        const Edit edit = TodoOperations::deleteListKeepingTodos(*f.store, work.id);
        QCOMPARE(edit.after.lists.size(), 1);
        QCOMPARE(edit.after.todos.size(), 2);
        QVERIFY(TodoOperations::apply(*f.store, edit));
        QVERIFY(!f.store->list(work.id) || f.store->list(work.id)->isDeleted());
        QStringList titles;
        for (const Todo &todo : f.store->todosInList(f.store->inboxId())) {
            QVERIFY(!todo.isDeleted());
            titles << todo.title;
        }
        QCOMPARE(titles, (QStringList{inInbox.title, first.title, second.title}));

        // Undoing writes the "before" rows: the list and its todos as they were.
        QVERIFY(f.store->apply(edit.before));
        QCOMPARE(f.store->todo(first.id)->listId, work.id);
        QCOMPARE(f.store->todo(second.id)->position, second.position);
        QVERIFY(!f.store->list(work.id)->isDeleted());

        QVERIFY(TodoOperations::deleteListKeepingTodos(*f.store, f.store->inboxId()).isEmpty());
    }
};

QTEST_GUILESS_MAIN(BulkOperationsTest)
#include "bulkoperationstest.moc"
