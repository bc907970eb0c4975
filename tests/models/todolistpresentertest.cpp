#include "operations/todooperations.h"
#include "presenters/todolistpresenter.h"
#include "quickadd/quickaddparser.h"
#include "storefixture.h"

#include <QTest>

using namespace Qt::StringLiterals;

// The rules of the list shown, without a widget: where a quick-add line
// lands and what it carries, and where dropped todos go.
class TodoListPresenterTest : public QObject
{
    Q_OBJECT

private:
    static inline const QDate kToday = QDate(2026, 12, 7);

    static QuickAddResult typed(const QString &line)
    {
        return QuickAddParser::parse(line, kToday);
    }

    // The todo a quick-add line adds in the view shown.
    static Todo added(const TodoListPresenter &presenter, const QString &line)
    {
        const Edit edit = presenter.quickAdd(typed(line), kToday);
        return edit.after.todos.isEmpty() ? Todo() : edit.after.todos.constLast();
    }

private Q_SLOTS:
    void shouldAddToTheListShownAtItsEnd()
    {
        StoreFixture f;
        const TodoList errands = f.store->newList(u"Errands"_s);
        QVERIFY(f.store->apply({{errands}, {}}));
        const Todo first = f.addTodo(u"First"_s, errands.id);
        TodoListPresenter presenter(f.store.get());
        presenter.setShown(TodoFilter::list(errands.id));

        const Todo todo = added(presenter, u"Buy stamps"_s);
        QCOMPARE(todo.listId, errands.id);
        QCOMPARE(todo.title, u"Buy stamps"_s);
        QVERIFY(todo.position > first.position);
        QVERIFY(!todo.dueAt);
    }

    void shouldPreferANamedListAndFallBackToTheOneShown()
    {
        StoreFixture f;
        const TodoList errands = f.store->newList(u"Errands"_s);
        const TodoList home = f.store->newList(u"Home"_s);
        QVERIFY(f.store->apply({{errands, home}, {}}));
        TodoListPresenter presenter(f.store.get());
        presenter.setShown(TodoFilter::list(errands.id));

        QCOMPARE(added(presenter, u"Fix the door @home"_s).listId, home.id);
        QCOMPARE(added(presenter, u"Fix the door"_s).listId, errands.id);
        presenter.setShown(TodoFilter::smart(TodoFilter::Kind::All));
        QCOMPARE(added(presenter, u"Fix the door"_s).listId, f.store->inboxId());
    }

    void shouldMakeANamedListThatDoesNotExistInTheSameStep()
    {
        StoreFixture f;
        const TodoList errands = f.store->newList(u"Errands"_s);
        QVERIFY(f.store->apply({{errands}, {}}));
        TodoListPresenter presenter(f.store.get());
        presenter.setShown(TodoFilter::list(errands.id));
        const int listsBefore = int(f.store->lists().size());

        const Edit edit = presenter.quickAdd(typed(u"Write the report @Work"_s), kToday);
        QCOMPARE(edit.after.lists.size(), 1);
        QCOMPARE(edit.after.lists.first().name, u"Work"_s);
        QCOMPARE(edit.after.todos.size(), 1);
        QCOMPARE(edit.after.todos.first().listId, edit.after.lists.first().id);
        QCOMPARE(edit.text, u"Add “Write the report” to the new list “Work”"_s);
        // Undo takes both away: the list and the todo appear as tombstones before.
        QCOMPARE(edit.before.lists.size(), 1);
        QVERIFY(edit.before.lists.first().isDeleted());
        QVERIFY(edit.before.todos.first().isDeleted());

        QVERIFY(TodoOperations::apply(*f.store, edit));
        const auto work = f.store->listByName(u"work"_s);
        QVERIFY(work);
        QCOMPARE(f.store->todosInList(work->id).size(), 1);
        QCOMPARE(f.store->lists().size(), listsBefore + 1);
        // The next line names it in another case: no second list.
        const Edit again = presenter.quickAdd(typed(u"Send it @WORK"_s), kToday);
        QVERIFY(again.after.lists.isEmpty());
        QCOMPARE(again.after.todos.first().listId, work->id);
    }

    void shouldMakeWhatIsAddedInTodayDueToday()
    {
        StoreFixture f;
        TodoListPresenter presenter(f.store.get());
        presenter.setShown(TodoFilter::smart(TodoFilter::Kind::Today));
        const Todo plain = added(presenter, u"Call the bank"_s);
        QCOMPARE(plain.dueAt, std::optional(Timestamp::fromDate(kToday)));
        QVERIFY(!plain.dueHasTime);
        // A date typed wins over the view's.
        const Todo dated = added(presenter, u"Call the bank tomorrow"_s);
        QCOMPARE(dated.dueAt, std::optional(Timestamp::fromDate(kToday.addDays(1))));
        // Elsewhere nothing is due unless typed.
        presenter.setShown(TodoFilter::smart(TodoFilter::Kind::Upcoming));
        QVERIFY(!added(presenter, u"Call the bank"_s).dueAt);
    }

    void shouldGiveWhatIsAddedInATagViewItsTagOnce()
    {
        StoreFixture f;
        TodoListPresenter presenter(f.store.get());
        TodoFilter tagView;
        tagView.kind = TodoFilter::Kind::Tag;
        tagView.id = u"some-tag-id"_s;
        presenter.setShown(tagView, u"Garden"_s);
        QCOMPARE(added(presenter, u"Plant bulbs"_s).tags, QStringList{u"Garden"_s});
        QCOMPARE(added(presenter, u"Plant bulbs #garden #spring"_s).tags,
                 (QStringList{u"garden"_s, u"spring"_s}));
        // The tag name belongs to the tag view only.
        presenter.setShown(TodoFilter::smart(TodoFilter::Kind::All), u"Garden"_s);
        QVERIFY(added(presenter, u"Plant bulbs"_s).tags.isEmpty());
    }

    void shouldDropBetweenTwoNeighboursInTheListShown()
    {
        StoreFixture f;
        const Todo a = f.addTodo(u"A"_s);
        const Todo b = f.addTodo(u"B"_s);
        const Todo c = f.addTodo(u"C"_s);
        const Todo d = f.addTodo(u"D"_s);
        TodoListPresenter presenter(f.store.get());
        presenter.setShown(TodoFilter::list(f.store->inboxId()));

        const Edit edit = presenter.drop({d.id, c.id}, a.id, b.id);
        QCOMPARE(edit.after.todos.size(), 2);
        const double dAt = edit.after.todos.at(0).position;
        const double cAt = edit.after.todos.at(1).position;
        QVERIFY(a.position < dAt && dAt < cAt && cAt < b.position);
        QVERIFY(TodoOperations::apply(*f.store, edit));
        QCOMPARE(f.store->todo(d.id)->position, dAt);

        // To the start and to the end.
        const double start = presenter.drop({b.id}, {}, a.id).after.todos.at(0).position;
        QVERIFY(start < a.position);
        const double end = presenter.drop({a.id}, b.id, {}).after.todos.at(0).position;
        QVERIFY(end > b.position);
    }

    void shouldNotDropOutsideAList()
    {
        StoreFixture f;
        const Todo a = f.addTodo(u"A"_s);
        const Todo b = f.addTodo(u"B"_s);
        TodoListPresenter presenter(f.store.get());
        presenter.setShown(TodoFilter::smart(TodoFilter::Kind::All));
        QVERIFY(presenter.drop({b.id}, {}, a.id).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TodoListPresenterTest)
#include "todolistpresentertest.moc"
