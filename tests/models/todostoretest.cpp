#include "storefixture.h"

#include "modeltesthelpers.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QObject>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(Todo)

namespace {

// 2026-11-22T09:30:00.123456Z
constexpr Timestamp::Micros kTime = 1'795'339'800'123'456;

int count(const StoreFixture &f, const QString &sql)
{
    return TestHelpers::scalar(f.database->database(), sql).toInt();
}

Todo sample(const QString &title)
{
    Todo todo;
    todo.title = title;
    return todo;
}

QStringList byFoldedName(QStringList names)
{
    std::sort(names.begin(), names.end(),
        [](const QString &a, const QString &b) { return a.toCaseFolded() < b.toCaseFolded(); });
    return names;
}

} // namespace

class TodoStoreTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void shouldRoundTripEveryField_data();
    void shouldRoundTripEveryField();
    void shouldShareTagsWithoutRegardToCase();
    void shouldRenameListTrimmed();
    void shouldRoundTripOddText_data();
    void shouldRoundTripOddText();
    void shouldPlaceNewTodoAfterLast();
};

void TodoStoreTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale::c());
}

void TodoStoreTest::shouldRoundTripEveryField_data()
{
    QTest::addColumn<Todo>("todo");

    QTest::newRow("title only") << sample(u"Just a title"_s);
    Todo dated = sample(u"Date-only due"_s);
    dated.notes = u"line one\nline two"_s;
    dated.dueAt = Timestamp::fromDate(QDate(2026, 11, 22));
    dated.priority = Priority::High;
    dated.position = 7.25;
    dated.tags = {u"Work"_s, u"home"_s};
    dated.createdAt = 1'234'567;
    QTest::newRow("date-only due, tags") << dated;
    Todo timed = sample(u"Timed due, done"_s);
    timed.setCompleted(true, kTime);
    timed.dueAt = kTime + 1;
    timed.dueHasTime = true;
    timed.priority = Priority::Low;
    timed.position = -3.5;
    timed.createdAt = kTime;
    QTest::newRow("timed due, completed") << timed;
    Todo old = sample(u"Before 1970"_s);
    old.dueAt = Timestamp::fromDate(QDate(1969, 7, 20));
    old.priority = Priority::Medium;
    old.createdAt = -5;
    QTest::newRow("times before 1970") << old;
}

void TodoStoreTest::shouldRoundTripEveryField()
{
    QFETCH(Todo, todo);
    StoreFixture f;
    todo.id = Todo::newId();
    todo.listId = f.store->inboxId();
    const Timestamp::Micros before = Timestamp::now();
    QVERIFY2(f.store->apply({{}, {todo}}), qPrintable(f.store->lastError()));
    const Timestamp::Micros after = Timestamp::now();

    const auto stored = f.store->todo(todo.id);
    QVERIFY(stored.has_value());
    QCOMPARE(stored->id, todo.id);
    QCOMPARE(stored->listId, todo.listId);
    QCOMPARE(stored->title, todo.title);
    QCOMPARE(stored->notes, todo.notes);
    QCOMPARE(stored->completed, todo.completed);
    QCOMPARE(stored->completedAt, todo.completedAt);
    QCOMPARE(stored->dueAt, todo.dueAt);
    QCOMPARE(stored->dueHasTime, todo.dueHasTime);
    QCOMPARE(stored->priority, todo.priority);
    QCOMPARE(stored->position, todo.position);
    QCOMPARE(stored->tags, byFoldedName(todo.tags));
    QCOMPARE(stored->createdAt, todo.createdAt);
    QVERIFY(stored->updatedAt >= before && stored->updatedAt <= after);
    QVERIFY(!stored->isDeleted());
    QVERIFY(stored->sameContent(todo));
    QCOMPARE(f.store->todosInList(todo.listId).size(), 1);
}

void TodoStoreTest::shouldShareTagsWithoutRegardToCase()
{
    StoreFixture f;
    Todo first = f.store->newTodo({}, u"First"_s);
    first.tags = {u"Work"_s};
    Todo second = f.store->newTodo({}, u"Second"_s);
    second.tags = {u"work"_s, u" WORK "_s};
    QVERIFY(f.store->apply({{}, {first}}));
    QVERIFY(f.store->apply({{}, {second}}));

    QCOMPARE(count(f, u"SELECT COUNT(*) FROM tags"_s), 1);
    QCOMPARE(count(f, u"SELECT COUNT(*) FROM todo_tags"_s), 2);
    QCOMPARE(f.store->todo(second.id)->tags, QStringList {u"Work"_s}); // the first spelling wins
    QList<Tag> tags = f.store->tags();
    QCOMPARE(tags.size(), 1);
    QCOMPARE(tags[0].name, u"Work"_s);
    QCOMPARE(tags[0].openCount, 2);

    first.setCompleted(true, kTime);
    QVERIFY(f.store->apply({{}, {first}}));
    QCOMPARE(f.store->tags().at(0).openCount, 1);
    second.deletedAt = kTime;
    QVERIFY(f.store->apply({{}, {second}}));
    tags = f.store->tags();
    QCOMPARE(tags.size(), 1); // still on the (done) first todo
    QCOMPARE(tags[0].openCount, 0);
    first.deletedAt = kTime;
    QVERIFY(f.store->apply({{}, {first}}));
    QVERIFY(f.store->tags().isEmpty()); // on no live todo
}

void TodoStoreTest::shouldRenameListTrimmed()
{
    StoreFixture f;
    TodoList list = f.store->newList(u"  Groceries  "_s);
    QCOMPARE(list.name, u"Groceries"_s);
    QVERIFY(f.store->apply({{list}, {}}));
    list.name = u"  Food\t"_s;
    QVERIFY(f.store->apply({{list}, {}}));
    QCOMPARE(f.store->list(list.id)->name, u"Food"_s);
    QCOMPARE(f.store->listByName(u"FOOD"_s)->id, list.id);
    const QString payload = TestHelpers::scalar(f.database->database(),
        u"SELECT payload FROM outbox WHERE entity = 'list' ORDER BY seq DESC"_s)
                                .toString();
    QCOMPARE(QJsonDocument::fromJson(payload.toUtf8()).object(),
        (QJsonObject {{u"name"_s, u"Food"_s}})); // only the name changed
    list.deletedAt = kTime;
    QVERIFY(f.store->apply({{list}, {}}));
    QVERIFY(!f.store->listByName(u"Food"_s).has_value());
    QCOMPARE(f.store->lists().size(), 1);
}

void TodoStoreTest::shouldRoundTripOddText_data()
{
    QTest::addColumn<QString>("text");

    QString longText;
    for (int i = 0; longText.size() < 10000; ++i)
        longText += QString::number(i % 10);
    QTest::newRow("10,000 characters") << longText;
    QTest::newRow("emoji") << u"Party 🎉👩‍👩‍👧‍👦 🇮🇳 done ✅"_s;
    QTest::newRow("Hebrew, right to left") << u"לקנות חלב ולחם"_s;
    QTest::newRow("Arabic, right to left") << u"شراء الحليب والخبز"_s;
    QTest::newRow("mixed direction") << u"Call אמא at 5 \u200F(לא לשכוח)"_s;
    QTest::newRow("quotes") << u"It's \"quoted\" `back` ‘curly’ “double”"_s;
    QTest::newRow("SQL injection") << u"'; DROP TABLE todos; --"_s;
    QTest::newRow("backslashes") << u"C:\\Users\\me\\todo.txt \\\\server\\ \\n \\'"_s;
    QTest::newRow("percent and underscore") << u"100% of a_b_c %_% LIKE"_s;
    QTest::newRow("tabs and CRLF") << u"a\tb\r\nc\rd\ne\t"_s;
    QTest::newRow("combining marks") << u"cafe\u0301 n\u0303 Å"_s;
    QTest::newRow("surrounding spaces") << u"  spaced out  "_s;
}

void TodoStoreTest::shouldRoundTripOddText()
{
    QFETCH(QString, text);
    StoreFixture f;
    TodoList list = f.store->newList(text);
    Todo todo = f.store->newTodo({}, text);
    todo.listId = list.id;
    todo.notes = text;
    todo.tags = {text};
    QVERIFY2(f.store->apply({{list}, {todo}}), qPrintable(f.store->lastError()));

    const Todo stored = *f.store->todo(todo.id);
    QCOMPARE(stored.title, text);
    QCOMPARE(stored.notes, text);
    QCOMPARE(stored.tags, QStringList {text.trimmed()});
    QCOMPARE(f.store->list(list.id)->name, text.trimmed());
    QCOMPARE(f.store->listByName(text)->id, list.id);
    QCOMPARE(count(f, u"SELECT COUNT(*) FROM todos"_s), 1); // the injection did nothing
    QSqlQuery view(f.database->database());
    QVERIFY(view.exec(u"SELECT title, notes, tags FROM todo_rows"_s) && view.next());
    QCOMPARE(view.value(0).toString(), text);
    QCOMPARE(view.value(1).toString(), text);
    QCOMPARE(view.value(2).toString(), text.trimmed());
}

void TodoStoreTest::shouldPlaceNewTodoAfterLast()
{
    StoreFixture f;
    const QString inbox = f.store->inboxId();
    Todo first = f.store->newTodo({}, u"First"_s);
    QCOMPARE(first.listId, inbox);
    QCOMPARE(first.position, 1.0);
    QVERIFY(!first.id.isEmpty());
    QVERIFY(first.notes.isEmpty());
    first.position = 10.5;
    QVERIFY(f.store->apply({{}, {first}}));
    const Todo second = f.addTodo(u"Second"_s);
    QCOMPARE(second.position, 11.5);
    QVERIFY(f.store->newTodo(inbox, u"Third"_s).position > second.position);
    QVERIFY(f.store->newTodo({}, u"x"_s).id != f.store->newTodo({}, u"x"_s).id);

    // Another list counts on its own.
    const TodoList other = f.store->newList(u"Other"_s);
    QVERIFY(f.store->apply({{other}, {}}));
    QCOMPARE(f.store->newTodo(other.id, u"Elsewhere"_s).position, 1.0);
    QCOMPARE(f.store->newList(u"Next"_s).position, other.position + 1);

    const QList<Todo> inList = f.store->todosInList(inbox);
    QCOMPARE(inList.size(), 2);
    QCOMPARE(inList.at(0).title, u"First"_s);
    QCOMPARE(inList.at(1).title, u"Second"_s);
}

QTEST_GUILESS_MAIN(TodoStoreTest)
#include "todostoretest.moc"
