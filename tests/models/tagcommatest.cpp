#include "storefixture.h"

#include "itemmodels/sidebarmodel.h"
#include "itemmodels/todomodel.h"

#include <QAbstractItemModelTester>
#include <QStandardPaths>
#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;

// A tag name may hold a comma: the todo list, its tag chips and the sidebar
// show it as one tag. The rows join a todo's tag names with a character
// nobody types (local schema step 4), not with ", ".
class TagCommaTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void shouldShowATagWithACommaAsOneTag_data()
    {
        QTest::addColumn<QStringList>("tags");
        QTest::newRow("comma and space") << QStringList{u"Smith, John"_s};
        QTest::newRow("with another tag") << QStringList{u"Smith, John"_s, u"work"_s};
        QTest::newRow("comma only") << QStringList{u"a,b"_s, u"c"_s};
        QTest::newRow("trailing comma") << QStringList{u"list,"_s};
    }

    void shouldShowATagWithACommaAsOneTag()
    {
        QFETCH(QStringList, tags);
        StoreFixture f;
        Todo todo = f.store->newTodo({}, u"Call"_s);
        todo.tags = tags;
        QVERIFY(f.store->apply({{}, {todo}}));

        TodoModel model(f.database.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTodoFilter(TodoFilter::smart(TodoFilter::Kind::All));
        QCOMPARE(model.rowCount(), 1);
        QStringList shown = model.index(0, 0).data(TodoModel::TagsRole).toStringList();
        shown.sort();
        QStringList expected = tags;
        expected.sort();
        QCOMPARE(shown, expected);

        SidebarModel sidebar(f.database.get(), f.store.get());
        QAbstractItemModelTester sidebarTester(&sidebar, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QStringList inSidebar;
        for (int row = 0; row < sidebar.rowCount(sidebar.tagsSection()); ++row)
            inSidebar << sidebar.index(row, SidebarModel::NameColumn, sidebar.tagsSection()).data().toString();
        inSidebar.sort();
        QCOMPARE(inSidebar, expected);

        // Filtered by the tag with the comma: the todo, once.
        const QList<Tag> stored = f.store->tags();
        const auto withComma = std::find_if(stored.cbegin(), stored.cend(),
                                            [&tags](const Tag &tag) { return tag.name == tags.first(); });
        QVERIFY(withComma != stored.cend());
        model.setTodoFilter(TodoFilter::tag(withComma->id));
        QCOMPARE(model.rowCount(), 1);
    }
};

QTEST_GUILESS_MAIN(TagCommaTest)
#include "tagcommatest.moc"
