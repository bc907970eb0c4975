#include "commands/todocommands.h"
#include "storefixture.h"

#include <QLocale>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>
#include <QUndoStack>

using namespace Qt::StringLiterals;

namespace {

enum class Command {
    Add, EditTitle, EditSeveral, Complete, Reopen, Toggle, Delete, SetPriority, MoveToList,
    Reorder, CreateList, RenameList, DeleteList, MoveList,
};

QString optionalText(const std::optional<Timestamp::Micros> &micros)
{
    return micros ? QString::number(*micros) : u"-"_s;
}

// Everything a person can see in the store: the live lists and their live
// todos, every field but the bookkeeping updated_at, one line each.
QStringList storeState(TodoStore *store)
{
    QStringList lines;
    for (const TodoList &list : store->lists()) {
        lines << u"list %1 %2 @%3 inbox=%4"_s.arg(list.id, list.name).arg(list.position).arg(list.isInbox);
        for (const Todo &todo : store->todosInList(list.id)) {
            QStringList tags = todo.tags;
            tags.sort(Qt::CaseInsensitive);
            lines << u"  todo %1 list=%2 title=%3 notes=%4 done=%5/%6 due=%7/%8 p=%9 @%10 created=%11 tags=%12"_s
                         .arg(todo.id, todo.listId, todo.title, todo.notes)
                         .arg(todo.completed)
                         .arg(optionalText(todo.completedAt), optionalText(todo.dueAt))
                         .arg(todo.dueHasTime)
                         .arg(int(todo.priority))
                         .arg(todo.position)
                         .arg(todo.createdAt)
                         .arg(tags.join(u','));
        }
    }
    return lines;
}

} // namespace

Q_DECLARE_METATYPE(Command)

class CommandsTest : public QObject
{
    Q_OBJECT

private:
    // The inbox with two todos (one done), and the lists Work (two todos) and Home.
    struct Seed
    {
        StoreFixture data;
        TodoStore *store = data.store.get();
        QString inbox = store->inboxId();
        TodoList work, home;
        Todo first, done, w1, w2;

        Seed()
        {
            work = store->newList(u"Work"_s);
            store->apply({{work}, {}});
            home = store->newList(u"Home"_s);
            store->apply({{home}, {}});
            first = data.addTodo(u"First"_s);
            first.notes = u"Some notes"_s;
            first.tags = {u"errands"_s, u"Home"_s};
            first.dueAt = Timestamp::fromDate(QDate(2026, 11, 24));
            store->apply({{}, {first}});
            first = *store->todo(first.id);
            done = data.addTodo(u"Done"_s);
            done.setCompleted(true, Timestamp::now());
            store->apply({{}, {done}});
            done = *store->todo(done.id);
            w1 = data.addTodo(u"W1"_s, work.id);
            w2 = data.addTodo(u"W2"_s, work.id);
        }
    };

    static bool run(Command command, Seed &s, QUndoStack *stack)
    {
        switch (command) {
        case Command::Add: {
            Todo todo = s.store->newTodo(s.inbox, u"Fresh"_s);
            todo.tags = {u"new"_s};
            todo.dueAt = Timestamp::fromDateTime(QDateTime(QDate(2026, 12, 1), QTime(9, 30)));
            todo.dueHasTime = true;
            return TodoCommands::addTodo(stack, s.store, todo);
        }
        case Command::EditTitle: {
            Todo edited = s.first;
            edited.title = u"Renamed"_s;
            return TodoCommands::editTodo(stack, s.store, edited, QString::fromLatin1(TodoField::Title));
        }
        case Command::EditSeveral: {
            Todo edited = s.first;
            edited.notes.clear();
            edited.tags = {u"errands"_s, u"work"_s};
            edited.dueAt.reset();
            edited.priority = Priority::Low;
            return TodoCommands::editTodo(stack, s.store, edited);
        }
        case Command::Complete:
            return TodoCommands::setCompleted(stack, s.store, {s.first.id, s.w1.id}, true);
        case Command::Reopen:
            return TodoCommands::setCompleted(stack, s.store, {s.done.id}, false);
        case Command::Toggle:
            return TodoCommands::toggleCompleted(stack, s.store, {s.first.id, s.done.id});
        case Command::Delete:
            return TodoCommands::deleteTodos(stack, s.store, {s.first.id, s.w2.id});
        case Command::SetPriority:
            return TodoCommands::setPriority(stack, s.store, {s.first.id, s.w1.id}, Priority::High);
        case Command::MoveToList:
            return TodoCommands::moveToList(stack, s.store, {s.first.id, s.done.id}, s.work.id);
        case Command::Reorder:
            return TodoCommands::reorder(stack, s.store, {s.w2.id}, s.work.id, std::nullopt, s.w1.position);
        case Command::CreateList:
            return TodoCommands::createList(stack, s.store, u"Errands"_s);
        case Command::RenameList:
            return TodoCommands::renameList(stack, s.store, s.work.id, u"Job"_s);
        case Command::DeleteList:
            return TodoCommands::deleteList(stack, s.store, s.work.id);
        case Command::MoveList:
            return TodoCommands::moveList(stack, s.store, s.home.id, 0);
        }
        return false;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QLocale::setDefault(QLocale::c());
    }

    void shouldUndoAndRedoExactly_data()
    {
        QTest::addColumn<Command>("command");
        QTest::newRow("addTodo") << Command::Add;
        QTest::newRow("editTodo, title") << Command::EditTitle;
        QTest::newRow("editTodo, several fields") << Command::EditSeveral;
        QTest::newRow("setCompleted") << Command::Complete;
        QTest::newRow("setCompleted, reopen") << Command::Reopen;
        QTest::newRow("toggleCompleted") << Command::Toggle;
        QTest::newRow("deleteTodos") << Command::Delete;
        QTest::newRow("setPriority") << Command::SetPriority;
        QTest::newRow("moveToList") << Command::MoveToList;
        QTest::newRow("reorder") << Command::Reorder;
        QTest::newRow("createList") << Command::CreateList;
        QTest::newRow("renameList") << Command::RenameList;
        QTest::newRow("deleteList") << Command::DeleteList;
        QTest::newRow("moveList") << Command::MoveList;
    }

    void shouldUndoAndRedoExactly()
    {
        QFETCH(Command, command);
        Seed s;
        QUndoStack stack;
        const QStringList before = storeState(s.store);
        QVERIFY(run(command, s, &stack));
        QCOMPARE(stack.count(), 1);
        const QStringList after = storeState(s.store);
        QVERIFY(after != before);
        for (int round = 0; round < 2; ++round) {
            stack.undo();
            QCOMPARE(storeState(s.store), before);
            stack.redo();
            QCOMPARE(storeState(s.store), after);
        }
        QCOMPARE(stack.count(), 1);
    }

    void shouldMergeConsecutiveEditsOfOneField_data()
    {
        QTest::addColumn<QStringList>("fields"); // one edit each; "-" edits the title without a merge field
        QTest::addColumn<bool>("alternateTodos");
        QTest::addColumn<int>("steps");
        QTest::newRow("title twice") << QStringList{u"title"_s, u"title"_s} << false << 1;
        QTest::newRow("title four times") << QStringList{u"title"_s, u"title"_s, u"title"_s, u"title"_s} << false << 1;
        QTest::newRow("notes twice") << QStringList{u"notes"_s, u"notes"_s} << false << 1;
        QTest::newRow("title, notes, title") << QStringList{u"title"_s, u"notes"_s, u"title"_s} << false << 3;
        QTest::newRow("without a merge field") << QStringList{u"-"_s, u"-"_s} << false << 2;
        QTest::newRow("two todos") << QStringList{u"title"_s, u"title"_s} << true << 2;
    }

    void shouldMergeConsecutiveEditsOfOneField()
    {
        QFETCH(QStringList, fields);
        QFETCH(bool, alternateTodos);
        QFETCH(int, steps);
        Seed s;
        QUndoStack stack;
        const QStringList original = storeState(s.store);
        for (qsizetype i = 0; i < fields.size(); ++i) {
            const QString id = alternateTodos && i % 2 ? s.w1.id : s.first.id;
            Todo edited = *s.store->todo(id);
            const QString field = fields.at(i);
            if (field == u"notes")
                edited.notes = u"Notes %1"_s.arg(i);
            else
                edited.title = u"Title %1"_s.arg(i);
            QVERIFY(TodoCommands::editTodo(&stack, s.store, edited, field == u"-" ? QString() : field));
        }
        QCOMPARE(stack.count(), steps);
        const QStringList edited = storeState(s.store);
        for (int i = 0; i < steps; ++i)
            stack.undo();
        QCOMPARE(storeState(s.store), original);
        for (int i = 0; i < steps; ++i)
            stack.redo();
        QCOMPARE(storeState(s.store), edited);
    }

    void shouldUndoOnlyTheFieldsItChanged_data()
    {
        QTest::addColumn<Command>("command");
        QTest::newRow("edit title, then notes change") << Command::EditTitle;
        QTest::newRow("complete, then notes change") << Command::Complete;
        QTest::newRow("move, then notes change") << Command::MoveToList;
        QTest::newRow("delete, then notes change") << Command::Delete;
    }

    void shouldUndoOnlyTheFieldsItChanged()
    {
        QFETCH(Command, command);
        Seed s;
        QUndoStack stack;
        QVERIFY(run(command, s, &stack));
        const Todo afterCommand = *s.store->todo(s.first.id);
        QVERIFY(!afterCommand.sameContent(s.first));

        Todo elsewhere = afterCommand; // another desktop edits the notes meanwhile
        elsewhere.notes = u"Written elsewhere"_s;
        QVERIFY(s.store->apply({{}, {elsewhere}}));
        stack.undo();
        Todo expected = s.first;
        expected.notes = u"Written elsewhere"_s;
        const Todo undone = *s.store->todo(s.first.id);
        QCOMPARE(TodoField::changed(expected, undone), QStringList());

        stack.redo();
        expected = afterCommand;
        expected.notes = u"Written elsewhere"_s;
        QCOMPARE(TodoField::changed(expected, *s.store->todo(s.first.id)), QStringList());
    }

    void shouldLeaveNothingOnTheStackWhenRefused_data()
    {
        QTest::addColumn<QString>("what");
        QTest::addColumn<bool>("storeRefuses"); // else the command sees it first
        QTest::newRow("empty title") << u"empty title"_s << true;
        QTest::newRow("empty title, merging") << u"empty title, merging"_s << true;
        QTest::newRow("add without a title") << u"add without a title"_s << true;
        QTest::newRow("a list that does not exist") << u"missing list"_s << true;
        QTest::newRow("move to a missing list") << u"move to a missing list"_s << false;
        QTest::newRow("rename a list to blanks") << u"rename to blanks"_s << false;
        QTest::newRow("create a list without a name") << u"unnamed list"_s << false;
        QTest::newRow("delete the Inbox") << u"delete inbox"_s << false;
        QTest::newRow("move the Inbox") << u"move inbox"_s << false;
        QTest::newRow("nothing changes") << u"no change"_s << false;
    }

    void shouldLeaveNothingOnTheStackWhenRefused()
    {
        QFETCH(QString, what);
        QFETCH(bool, storeRefuses);
        Seed s;
        QUndoStack stack;
        const QStringList before = storeState(s.store);
        if (storeRefuses)
            QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"write failed"_s));
        Todo edited = s.first;
        bool result = true;
        if (what == u"empty title" || what == u"empty title, merging") {
            edited.title.clear();
            result = TodoCommands::editTodo(&stack, s.store, edited, what.endsWith(u"merging") ? u"title"_s : QString());
        } else if (what == u"add without a title") {
            result = TodoCommands::addTodo(&stack, s.store, s.store->newTodo(s.inbox, {}));
        } else if (what == u"missing list") {
            edited.listId = Todo::newId();
            result = TodoCommands::editTodo(&stack, s.store, edited);
        } else if (what == u"move to a missing list") {
            result = TodoCommands::moveToList(&stack, s.store, {s.first.id}, Todo::newId());
        } else if (what == u"rename to blanks") {
            result = TodoCommands::renameList(&stack, s.store, s.work.id, u"   "_s);
        } else if (what == u"unnamed list") {
            result = TodoCommands::createList(&stack, s.store, u" "_s);
        } else if (what == u"delete inbox") {
            result = TodoCommands::deleteList(&stack, s.store, s.inbox);
        } else if (what == u"move inbox") {
            result = TodoCommands::moveList(&stack, s.store, s.inbox, 1);
        } else {
            result = TodoCommands::editTodo(&stack, s.store, edited, u"title"_s);
        }
        QVERIFY(!result);
        QCOMPARE(stack.count(), 0);
        QCOMPARE(storeState(s.store), before);
    }

    void shouldNotMergeARefusedEditIntoThePreviousOne()
    {
        Seed s;
        QUndoStack stack;
        const QString title = QString::fromLatin1(TodoField::Title);
        Todo edited = s.first;
        edited.title = u"Second"_s;
        QVERIFY(TodoCommands::editTodo(&stack, s.store, edited, title));
        edited.title.clear(); // the store refuses this one
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"write failed"_s));
        QVERIFY(!TodoCommands::editTodo(&stack, s.store, edited, title));
        QCOMPARE(stack.count(), 1);
        QCOMPARE(s.store->todo(s.first.id)->title, u"Second"_s);
        stack.undo();
        QCOMPARE(s.store->todo(s.first.id)->title, u"First"_s);
        stack.redo(); // redoes the edit that was made, not the refused one
        QCOMPARE(stack.count(), 1);
        QCOMPARE(s.store->todo(s.first.id)->title, u"Second"_s);
    }

    void shouldRestoreAListWithAllItsTodos()
    {
        Seed s;
        QUndoStack stack;
        Todo w1 = s.w1; // done, tagged and with notes: all of it comes back
        w1.setCompleted(true, Timestamp::now());
        w1.tags = {u"office"_s};
        w1.notes = u"Keep me"_s;
        QVERIFY(s.store->apply({{}, {w1}}));
        const Todo deletedEarlier = s.data.addTodo(u"Deleted earlier"_s, s.work.id);
        QVERIFY(TodoCommands::deleteTodos(&stack, s.store, {deletedEarlier.id}));
        const QStringList before = storeState(s.store);
        const QList<Todo> todosBefore = s.store->todosInList(s.work.id);
        QCOMPARE(todosBefore.size(), 2);

        QVERIFY(TodoCommands::deleteList(&stack, s.store, s.work.id));
        QVERIFY(s.store->list(s.work.id)->isDeleted());
        QCOMPARE(s.store->todosInList(s.work.id).size(), 0);
        QVERIFY(s.store->todo(s.w1.id)->isDeleted());
        QVERIFY(s.store->todo(s.w2.id)->isDeleted());
        QVERIFY(!s.store->todo(s.first.id)->isDeleted());

        stack.undo();
        QCOMPARE(storeState(s.store), before);
        QVERIFY(!s.store->list(s.work.id)->isDeleted());
        QCOMPARE(s.store->todosInList(s.work.id).size(), 2);
        QCOMPARE(s.store->todo(s.w1.id)->tags, QStringList{u"office"_s});
        QVERIFY(s.store->todo(deletedEarlier.id)->isDeleted()); // not brought back by this undo
    }

    void shouldMoveAList_data()
    {
        QTest::addColumn<QString>("moved");
        QTest::addColumn<int>("index");
        QTest::addColumn<QStringList>("expected");
        QTest::addColumn<bool>("changes");
        QTest::newRow("last to first") << u"C"_s << 0 << QStringList{u"C"_s, u"A"_s, u"B"_s} << true;
        QTest::newRow("first to last") << u"A"_s << 2 << QStringList{u"B"_s, u"C"_s, u"A"_s} << true;
        QTest::newRow("first to the middle") << u"A"_s << 1 << QStringList{u"B"_s, u"A"_s, u"C"_s} << true;
        QTest::newRow("past the end") << u"A"_s << 99 << QStringList{u"B"_s, u"C"_s, u"A"_s} << true;
        QTest::newRow("before the start") << u"C"_s << -5 << QStringList{u"C"_s, u"A"_s, u"B"_s} << true;
        QTest::newRow("where it is") << u"B"_s << 1 << QStringList{u"A"_s, u"B"_s, u"C"_s} << false;
    }

    void shouldMoveAList()
    {
        QFETCH(QString, moved);
        QFETCH(int, index);
        QFETCH(QStringList, expected);
        QFETCH(bool, changes);
        StoreFixture data;
        TodoStore *store = data.store.get();
        for (const QString &name : {u"A"_s, u"B"_s, u"C"_s})
            QVERIFY(store->apply({{store->newList(name)}, {}}));
        auto names = [store] {
            QStringList result;
            for (const TodoList &list : store->lists()) {
                if (!list.isInbox)
                    result << list.name;
            }
            return result;
        };
        QUndoStack stack;
        QCOMPARE(TodoCommands::moveList(&stack, store, store->listByName(moved)->id, index), changes);
        QCOMPARE(names(), expected);
        QCOMPARE(store->lists().first().isInbox, true);
        QCOMPARE(stack.count(), changes ? 1 : 0);
        if (changes) {
            stack.undo();
            QCOMPARE(names(), (QStringList{u"A"_s, u"B"_s, u"C"_s}));
        }
    }
};

QTEST_GUILESS_MAIN(CommandsTest)
#include "commandstest.moc"
