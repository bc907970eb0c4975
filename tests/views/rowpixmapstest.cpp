// The todo rows as last painted: a row that looks as before is copied, not
// drawn again, and the copy has exactly the pixels a direct paint has.

#include "widgets/rowpixmaps.h"
#include "widgets/todorow.h"

#include <QApplication>
#include <QImage>
#include <QPainter>
#include <QStyle>
#include <QStyleOptionViewItem>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QStyleOptionViewItem optionAt(const QRect &rect)
{
    QStyleOptionViewItem option;
    option.rect = rect;
    option.state = QStyle::State_Enabled | QStyle::State_Active;
    option.palette = QApplication::palette();
    option.font = QApplication::font();
    return option;
}

TodoRow rowTitled(const QString &title)
{
    TodoRow row;
    row.title = title;
    row.tags = {u"work"_s};
    return row;
}

// Something with text and shapes, so a wrong offset or background shows.
void drawSample(QPainter *painter, const QStyleOptionViewItem &option)
{
    painter->setPen(Qt::black);
    painter->drawText(option.rect.adjusted(4, 0, 0, 0), Qt::AlignVCenter, u"Call Sam about the boiler"_s);
    painter->setBrush(Qt::red);
    painter->drawEllipse(QRect(option.rect.right() - 20, option.rect.top() + 4, 14, 14));
}

} // namespace

class RowPixmapsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldKeyEverythingARowShows();
    void shouldDrawOnceAndCopyAfter();
    void shouldCopyThePixelsADirectPaintHas();
};

void RowPixmapsTest::shouldKeyEverythingARowShows()
{
    const QDate today(2026, 12, 8);
    const QStyleOptionViewItem option = optionAt(QRect(0, 0, 400, 50));
    const QByteArray key = RowPixmaps::key(rowTitled(u"A"_s), {}, option, today, 1.0);
    QCOMPARE(RowPixmaps::key(rowTitled(u"A"_s), {}, option, today, 1.0), key);
    QVERIFY(RowPixmaps::key(rowTitled(u"B"_s), {}, option, today, 1.0) != key);
    TodoRow done = rowTitled(u"A"_s);
    done.completed = true;
    QVERIFY(RowPixmaps::key(done, {}, option, today, 1.0) != key);
    QVERIFY(RowPixmaps::key(rowTitled(u"A"_s), u"Tomorrow"_s, option, today, 1.0) != key);
    QVERIFY(RowPixmaps::key(rowTitled(u"A"_s), {}, option, today.addDays(1), 1.0) != key);
    QVERIFY(RowPixmaps::key(rowTitled(u"A"_s), {}, option, today, 2.0) != key);
    QStyleOptionViewItem selected = option;
    selected.state |= QStyle::State_Selected;
    QVERIFY(RowPixmaps::key(rowTitled(u"A"_s), {}, selected, today, 1.0) != key);
    QStyleOptionViewItem wider = option;
    wider.rect.setWidth(500);
    QVERIFY(RowPixmaps::key(rowTitled(u"A"_s), {}, wider, today, 1.0) != key);
    // Where the row is on the list does not change its pixels.
    QStyleOptionViewItem lower = option;
    lower.rect.moveTop(300);
    QCOMPARE(RowPixmaps::key(rowTitled(u"A"_s), {}, lower, today, 1.0), key);
}

void RowPixmapsTest::shouldDrawOnceAndCopyAfter()
{
    RowPixmaps pixmaps;
    QImage target(400, 200, QImage::Format_ARGB32_Premultiplied);
    QPainter painter(&target);
    int draws = 0;
    auto draw = [&draws](QPainter *p, const QStyleOptionViewItem &o) {
        ++draws;
        drawSample(p, o);
    };
    const QStyleOptionViewItem first = optionAt(QRect(0, 0, 400, 50));
    const QStyleOptionViewItem second = optionAt(QRect(0, 50, 400, 50));
    pixmaps.paint(&painter, first, "a", draw);
    pixmaps.paint(&painter, second, "b", draw);
    QCOMPARE(draws, 2);
    pixmaps.paint(&painter, first, "a", draw);
    pixmaps.paint(&painter, second, "b", draw);
    QCOMPARE(draws, 2);
    pixmaps.paint(&painter, second, "b changed", draw);
    QCOMPARE(draws, 3);
    pixmaps.clear();
    pixmaps.paint(&painter, first, "a", draw);
    QCOMPARE(draws, 4);
}

void RowPixmapsTest::shouldCopyThePixelsADirectPaintHas()
{
    const QRect rect(0, 60, 400, 50);
    const QStyleOptionViewItem option = optionAt(rect);
    const QColor base = option.palette.color(QPalette::Active, QPalette::Base);
    QImage direct(400, 200, QImage::Format_ARGB32_Premultiplied);
    direct.fill(base);
    {
        QPainter painter(&direct);
        drawSample(&painter, option);
    }
    RowPixmaps pixmaps;
    QImage copied(400, 200, QImage::Format_ARGB32_Premultiplied);
    for (int pass = 0; pass < 2; ++pass) { // drawn, then copied from the cache
        copied.fill(base);
        QPainter painter(&copied);
        pixmaps.paint(&painter, option, "row", drawSample);
        painter.end();
        QCOMPARE(copied, direct);
    }
}

QTEST_MAIN(RowPixmapsTest)
#include "rowpixmapstest.moc"
