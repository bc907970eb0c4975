#include "storefixture.h"

#include "itemmodels/todomodel.h"

#include "modeltesthelpers.h"

#include <QAbstractItemModelTester>
#include <QObject>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

using TestHelpers::titles;

namespace {

using TestHelpers::exec;

Todo addTodo(StoreFixture &f, const QString &title, const QString &notes = {})
{
    Todo todo = f.store->newTodo({}, title);
    todo.notes = notes;
    if (!f.store->apply({{}, {todo}}))
        qFatal("cannot add a todo: %s", qPrintable(f.store->lastError()));
    return *f.store->todo(todo.id);
}

} // namespace

// Searches of three characters or more go through the full-text index
// (SearchIndex) when they match few todos, and must find exactly what the
// LIKE over every row finds: any piece of the title or the notes, A-Z in
// any case, every other letter as typed.
class TodoModelSearchTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void shouldFindWhatTheScanFinds_data()
    {
        QTest::addColumn<QString>("search");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("middle of a word") << u"nvoic"_s << QStringList{u"Send the invoices"_s, u"Call"_s};
        QTest::newRow("A-Z in any case") << u"INVOICE"_s << QStringList{u"Send the invoices"_s, u"Call"_s};
        QTest::newRow("across words") << u"d the"_s << QStringList{u"Send the invoices"_s};
        QTest::newRow("ß") << u"traße"_s << QStringList{u"Straße fegen"_s};
        QTest::newRow("ß, A-Z in any case") << u"STRAßE"_s << QStringList{u"Straße fegen"_s};
        QTest::newRow("ß is not ss") << u"strasse"_s << QStringList{};
        QTest::newRow("ü in the notes") << u"müll"_s << QStringList{u"Straße fegen"_s};
        // As the LIKE of a short search: letters outside A-Z only as typed.
        QTest::newRow("Ü is not ü") << u"MÜLL"_s << QStringList{};
        QTest::newRow("three code points, four UTF-16 units") << u"a🥛b"_s << QStringList{u"Milk a🥛b"_s};
        QTest::newRow("LIKE's own characters") << u"0%_"_s << QStringList{u"Save 50%_ now"_s};
        QTest::newRow("a double quote") << u"\"ok\""_s << QStringList{u"Say \"ok\""_s};
    }

    void shouldFindWhatTheScanFinds()
    {
        QFETCH(QString, search);
        QFETCH(QStringList, expected);
        StoreFixture f;
        addTodo(f, u"Send the invoices"_s);
        addTodo(f, u"Call"_s, u"about the INVOICE of May"_s);
        addTodo(f, u"Straße fegen"_s, u"Herr Müller"_s);
        addTodo(f, u"Milk a🥛b"_s);
        addTodo(f, u"Save 50%_ now"_s);
        addTodo(f, u"Say \"ok\""_s);
        addTodo(f, u"Save 50 now"_s);

        TodoModel model(f.database.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSearchText(search);
        QCOMPARE(titles(model), expected);
        QCOMPARE(model.matchingCount(), expected.size());
        // The same count both ways.
        const int slot = TodoFilterSql::allocateSlot();
        TodoFilter filter = TodoFilter::smart(TodoFilter::Kind::All);
        filter.search = search;
        const QSqlDatabase db = f.database->database();
        QCOMPARE(TodoFilterSql::count(db, slot, filter, 0, TodoFilterSql::Search::Index), expected.size());
        QCOMPARE(TodoFilterSql::count(db, slot, filter, 0, TodoFilterSql::Search::Scan), expected.size());
    }

    void shouldSearchThroughTheIndex()
    {
        StoreFixture f;
        addTodo(f, u"Send the invoices"_s);
        TodoModel model(f.database.get());
        // An index emptied behind the model's back: a search of three
        // characters finds nothing, so it asked the index; a shorter one
        // still reads the table.
        QVERIFY(exec(f.database->database(), u"INSERT INTO todo_search(todo_search) VALUES ('delete-all')"_s));
        model.setSearchText(u"voi"_s);
        QCOMPARE(titles(model), QStringList{});
        model.setSearchText(u"vo"_s);
        QCOMPARE(titles(model), QStringList{u"Send the invoices"_s});
    }

    void shouldFindATodoAsEdited()
    {
        StoreFixture f;
        Todo todo = addTodo(f, u"Call the plumber"_s);
        TodoModel model(f.database.get());
        model.setSearchText(u"plumb"_s);
        QCOMPARE(titles(model), QStringList{u"Call the plumber"_s});

        todo.title = u"Call the electrician"_s;
        todo.notes = u"about the Sicherungskasten"_s;
        QVERIFY(f.store->apply({{}, {todo}}));
        QCOMPARE(titles(model), QStringList{}); // the model refreshed on todosChanged
        model.setSearchText(u"electric"_s);
        QCOMPARE(titles(model), QStringList{u"Call the electrician"_s});
        model.setSearchText(u"sicherung"_s);
        QCOMPARE(titles(model), QStringList{u"Call the electrician"_s});
    }

    void shouldNotFindADeletedTodo()
    {
        StoreFixture f;
        Todo todo = addTodo(f, u"Renew the passport"_s);
        addTodo(f, u"Passport photos"_s);
        TodoModel model(f.database.get());
        model.setSearchText(u"passport"_s);
        QCOMPARE(titles(model).size(), 2);

        todo.deletedAt = Timestamp::now();
        QVERIFY(f.store->apply({{}, {todo}}));
        QCOMPARE(titles(model), QStringList{u"Passport photos"_s});
        QCOMPARE(model.matchingCount(), 1);
    }

    void shouldFindWhatAnotherConnectionWrote()
    {
        StoreFixture f;
        addTodo(f, u"Water the plants"_s);
        TodoModel model(f.database.get());
        model.setSearchText(u"gutter"_s);
        QCOMPARE(titles(model), QStringList{});

        // As the sync engine's pull writes, on its own connection.
        QString error;
        const QString name = u"pull"_s;
        {
            QSqlDatabase pull = LocalDatabase::openExtraConnection(f.filePath(), name, &error);
            QVERIFY2(pull.isOpen(), qPrintable(error));
            QVERIFY(exec(pull,
                         u"INSERT INTO todos(id, list_id, title, notes, created_at, updated_at) VALUES (?, ?, ?, ?, 1, 1)"
                         " ON CONFLICT(id) DO UPDATE SET title = excluded.title, notes = excluded.notes"_s,
                         {u"from-the-cloud"_s, f.store->inboxId(), u"Clean the gutters"_s, u"ladder in the shed"_s}));
            pull.close();
        }
        QSqlDatabase::removeDatabase(name);
        model.refresh(); // what todosChanged does after a pull
        QCOMPARE(titles(model), QStringList{u"Clean the gutters"_s});
        model.setSearchText(u"LADDER"_s);
        QCOMPARE(titles(model), QStringList{u"Clean the gutters"_s});
    }
};

QTEST_GUILESS_MAIN(TodoModelSearchTest)
#include "todomodelsearchtest.moc"
