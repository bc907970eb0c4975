#include "widgets/todorowlayout.h"
#include "widgets/duetext.h"
#include "widgets/tododelegate.h"
#include "widgets/todorow.h"

#include <QApplication>
#include <QFontMetrics>
#include <QStyle>
#include <QStyleOptionViewItem>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QDate kToday(2026, 11, 23);

// A row of the given width at some offset in the view, as the list view hands it over.
QStyleOptionViewItem rowOption(int width, Qt::LayoutDirection direction = Qt::LeftToRight)
{
    QStyleOptionViewItem option;
    option.font = QApplication::font();
    option.fontMetrics = QFontMetrics(option.font);
    option.direction = direction;
    const int height = TodoRowLayout::sizeHint(option, u"A todo"_s).height();
    option.rect = QRect(3, 5 * height, width, height);
    return option;
}

TodoRow rowWithFacts()
{
    TodoRow row;
    row.title = u"Plan the trip"_s;
    row.due = Timestamp::fromDate(kToday);
    row.priority = Priority::High;
    row.notes = u"Book the train"_s;
    row.tags = {u"travel"_s, u"family"_s};
    return row;
}

} // namespace

class TodoRowLayoutTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldPutTheCheckBoxWhereTheDelegateTakesClicks_data()
    {
        QTest::addColumn<Qt::LayoutDirection>("direction");
        QTest::newRow("left to right") << Qt::LeftToRight;
        QTest::newRow("right to left") << Qt::RightToLeft;
    }

    void shouldPutTheCheckBoxWhereTheDelegateTakesClicks()
    {
        QFETCH(Qt::LayoutDirection, direction);
        const QStyleOptionViewItem option = rowOption(500, direction);
        const TodoRowLayout layout(option, rowWithFacts(), kToday);
        const QRect drawn = QStyle::visualRect(direction, option.rect, layout.check);
        QCOMPARE(drawn, TodoDelegate::checkBoxRect(option));
        QVERIFY(option.rect.contains(drawn));
        QVERIFY(qAbs(layout.check.center().y() - option.rect.center().y()) <= 1);
        QVERIFY(layout.check.right() < layout.title.left());
    }

    void shouldCentreTheTitleOfARowWithoutFacts()
    {
        const QStyleOptionViewItem option = rowOption(500);
        TodoRow row;
        row.title = u"Water the plants"_s;
        const TodoRowLayout layout(option, row, kToday);
        QVERIFY(layout.facts.isEmpty());
        QVERIFY(qAbs(layout.title.center().y() - option.rect.center().y()) <= 1);
        QCOMPARE(layout.titleText, row.title);
        QVERIFY(!layout.titleElided);
        QVERIFY(layout.pending.isNull());
    }

    void shouldLineUpTheFactsUnderTheTitleInOrder()
    {
        const QStyleOptionViewItem option = rowOption(600);
        const TodoRowLayout layout(option, rowWithFacts(), kToday);
        QList<TodoRowLayout::Kind> kinds;
        QStringList texts;
        for (const TodoRowLayout::Fact &fact : layout.facts) {
            kinds << fact.kind;
            texts << fact.text;
        }
        using Kind = TodoRowLayout::Kind;
        QCOMPARE(
            kinds, (QList<Kind> {Kind::Due, Kind::Priority, Kind::Notes, Kind::Tag, Kind::Tag}));
        QCOMPARE(texts, (QStringList {u"Today"_s, {}, {}, u"#travel"_s, u"#family"_s}));
        QCOMPARE(layout.facts.first().text, DueText::label(*rowWithFacts().due, false, kToday));

        int previousRight = layout.title.left() - 1;
        for (const TodoRowLayout::Fact &fact : layout.facts) {
            QVERIFY(fact.rect.top() > layout.title.bottom()); // the line under the title
            QCOMPARE(fact.rect.top(), layout.facts.first().rect.top());
            QVERIFY(fact.rect.left() > previousRight); // side by side, never overlapping
            QVERIFY(fact.rect.right() <= layout.title.right());
            previousRight = fact.rect.right();
        }
        QVERIFY(option.rect.contains(layout.facts.last().rect));
        QVERIFY(layout.title.top() >= option.rect.top());
    }

    void shouldCountTheTagsThatDoNotFit()
    {
        const QStyleOptionViewItem option = rowOption(260);
        TodoRow row;
        row.title = u"Sort the photos"_s;
        // The third is too long for the row: it and the ones after it are counted, not cut.
        row.tags = {u"home"_s, u"work"_s, u"photos of the summer holiday at the sea in Portugal"_s,
            u"x"_s, u"y"_s};
        const TodoRowLayout layout(option, row, kToday);

        using Kind = TodoRowLayout::Kind;
        QList<Kind> kinds;
        QStringList texts;
        for (const TodoRowLayout::Fact &fact : layout.facts) {
            kinds << fact.kind;
            texts << fact.text;
            QVERIFY(fact.rect.right() <= option.rect.right() - TodoRowLayout::kSidePadding);
        }
        QCOMPARE(kinds, (QList<Kind> {Kind::Tag, Kind::Tag, Kind::MoreTags}));
        QCOMPARE(texts, (QStringList {u"#home"_s, u"#work"_s, u"+3"_s}));
    }

    void shouldMakeRoomForTheSyncBadge()
    {
        const QStyleOptionViewItem option = rowOption(500);
        TodoRow row = rowWithFacts();
        const TodoRowLayout synced(option, row, kToday);
        row.pending = true;
        const TodoRowLayout pending(option, row, kToday);

        QVERIFY(synced.pending.isNull());
        QVERIFY(!pending.pending.isNull());
        QVERIFY(option.rect.contains(pending.pending));
        QCOMPARE(pending.pending.right(), option.rect.right() - TodoRowLayout::kSidePadding);
        QVERIFY(pending.title.right() < pending.pending.left());
        QVERIFY(pending.title.width() < synced.title.width());
        for (const TodoRowLayout::Fact &fact : pending.facts)
            QVERIFY(fact.rect.right() < pending.pending.left());
    }

    void shouldElideATitleThatDoesNotFit()
    {
        const QStyleOptionViewItem option = rowOption(200);
        TodoRow row;
        row.title = u"Write the long letter to the insurance about the broken window"_s;
        const TodoRowLayout layout(option, row, kToday);
        QVERIFY(layout.titleElided);
        QVERIFY(layout.titleText != row.title);
        QVERIFY(!layout.titleText.isEmpty());
        QVERIFY(option.fontMetrics.horizontalAdvance(layout.titleText) <= layout.title.width());
    }

    void shouldKeepOneRowHeightWhateverTheTitle()
    {
        const QStyleOptionViewItem option = rowOption(500);
        const QSize shortTitle = TodoRowLayout::sizeHint(option, u"Tea"_s);
        const QSize longTitle = TodoRowLayout::sizeHint(option, u"Tea with the neighbours"_s);
        QCOMPARE(shortTitle.height(), longTitle.height());
        // However long the title, the row asks for no more than a short one's
        // width: it fills the list and elides, never scrolls it sideways.
        const QSize veryLongTitle = TodoRowLayout::sizeHint(option, QString(400, u'x'));
        QVERIFY(longTitle.width() >= shortTitle.width());
        QVERIFY(veryLongTitle.width() < option.fontMetrics.horizontalAdvance(QString(40, u'x')) + 100);
        // Room for the title and the facts line under it.
        const TodoRowLayout layout(option, rowWithFacts(), kToday);
        QVERIFY(layout.facts.first().rect.bottom() <= option.rect.bottom());
    }
};

QTEST_MAIN(TodoRowLayoutTest)
#include "todorowlayouttest.moc"
