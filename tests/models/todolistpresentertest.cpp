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

private Q_SLOTS:
    void shouldAddToTheListShownAtItsEnd()
    {
        StoreFixture f;
        const TodoList errands = f.store->newList(u"Errands"_s);
        QVERIFY(f.store->apply({{errands}, {}}));
        const Todo first = f.addTodo(u"First"_s, errands.id);
        TodoListPresenter presenter(f.store.get());
        presenter.setShown(TodoFilter::list(errands.id));

        const Todo todo = presenter.quickAddTodo(typed(u"Buy stamps"_s), kToday);
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

        QCOMPARE(presenter.quickAddTodo(typed(u"Fix the door @home"_s), kToday).listId, home.id);
        QCOMPARE(presenter.quickAddTodo(typed(u"Fix the door @nowhere"_s), kToday).listId, errands.id);
        presenter.setShown(TodoFilter::smart(TodoFilter::Kind::All));
        QCOMPARE(presenter.quickAddTodo(typed(u"Fix the door"_s), kToday).listId, f.store->inboxId());
    }

    void shouldMakeWhatIsAddedInTodayDueToday()
    {
        StoreFixture f;
        TodoListPresenter presenter(f.store.get());
        presenter.setShown(TodoFilter::smart(TodoFilter::Kind::Today));
        const Todo plain = presenter.quickAddTodo(typed(u"Call the bank"_s), kToday);
        QCOMPARE(plain.dueAt, std::optional(Timestamp::fromDate(kToday)));
        QVERIFY(!plain.dueHasTime);
        // A date typed wins over the view's.
        const Todo dated = presenter.quickAddTodo(typed(u"Call the bank tomorrow"_s), kToday);
        QCOMPARE(dated.dueAt, std::optional(Timestamp::fromDate(kToday.addDays(1))));
        // Elsewhere nothing is due unless typed.
        presenter.setShown(TodoFilter::smart(TodoFilter::Kind::Upcoming));
        QVERIFY(!presenter.quickAddTodo(typed(u"Call the bank"_s), kToday).dueAt);
    }

    void shouldGiveWhatIsAddedInATagViewItsTagOnce()
    {
        StoreFixture f;
        TodoListPresenter presenter(f.store.get());
        TodoFilter tagView;
        tagView.kind = TodoFilter::Kind::Tag;
        tagView.id = u"some-tag-id"_s;
        presenter.setShown(tagView, u"Garden"_s);
        QCOMPARE(presenter.quickAddTodo(typed(u"Plant bulbs"_s), kToday).tags, QStringList{u"Garden"_s});
        QCOMPARE(presenter.quickAddTodo(typed(u"Plant bulbs #garden #spring"_s), kToday).tags,
                 (QStringList{u"garden"_s, u"spring"_s}));
        // The tag name belongs to the tag view only.
        presenter.setShown(TodoFilter::smart(TodoFilter::Kind::All), u"Garden"_s);
        QVERIFY(presenter.quickAddTodo(typed(u"Plant bulbs"_s), kToday).tags.isEmpty());
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
