#include "todorowlayout.h"

#include "duetext.h"
#include "todorow.h"

#include <QCoreApplication>
#include <QFontMetrics>
#include <QStyle>
#include <QStyleOptionViewItem>

using namespace Qt::StringLiterals;

namespace {

constexpr int kVerticalPadding = 9;
constexpr int kLineGap = 2; // between the title and the facts line
constexpr int kCheckGap = 12; // between the check box and the text
constexpr int kFactGap = 10; // between two facts on the small line
constexpr int kChipPadding = 6;
constexpr qreal kSmallFontScale = 0.85;
constexpr int kHeadingTop = 14; // air above a day heading, to set the days apart
constexpr int kHeadingBottom = 4;
constexpr int kListNameMaxWidth = 160; // a long list name is elided, never squeezes the rest
constexpr int kMinTitleChars = 16; // the narrowest a row asks to be: a short title whole

} // namespace

QFont TodoRowLayout::smallFont(const QFont &base)
{
    QFont font = base;
    if (base.pointSizeF() > 0)
        font.setPointSizeF(qMax(7.0, base.pointSizeF() * kSmallFontScale));
    else
        font.setPixelSize(qMax(9, qRound(base.pixelSize() * kSmallFontScale)));
    return font;
}

QFont TodoRowLayout::headingFont(const QFont &base)
{
    QFont font = base;
    font.setBold(true);
    return font;
}

int TodoRowLayout::headingHeight(const QFont &base)
{
    return kHeadingTop + QFontMetrics(headingFont(base)).height() + kHeadingBottom;
}

int TodoRowLayout::checkBoxSize(const QFontMetrics &metrics)
{
    return qMax(16, qRound(metrics.height() * 1.1));
}

QRect TodoRowLayout::checkBoxRect(const QStyleOptionViewItem &option)
{
    const int size = checkBoxSize(option.fontMetrics);
    const QRect logical(option.rect.left() + kSidePadding,
        option.rect.top() + (option.rect.height() - size) / 2, size, size);
    return QStyle::visualRect(option.direction, option.rect, logical);
}

QSize TodoRowLayout::sizeHint(const QStyleOptionViewItem &option, const QString &title)
{
    const QFontMetrics titleMetrics(option.font);
    const QFontMetrics smallMetrics(smallFont(option.font));
    const int text = titleMetrics.height() + kLineGap + smallMetrics.height() + 2;
    const int height = 2 * kVerticalPadding + qMax(text, checkBoxSize(titleMetrics));
    // A row fills the list's width and elides its title; a hint as wide as
    // the title would make the rows wider than the list and scroll it sideways.
    const int width = 2 * kSidePadding + checkBoxSize(titleMetrics) + kCheckGap
        + qMin(titleMetrics.horizontalAdvance(title), kMinTitleChars * titleMetrics.averageCharWidth());
    return {width, height};
}

TodoRowLayout::TodoRowLayout(const QStyleOptionViewItem &option, const TodoRow &data, QDate today)
{
    const QRect row = option.rect;
    const QFontMetrics titleMetrics(option.font);
    const QFontMetrics smallMetrics(smallFont(option.font));
    const int checkSize = checkBoxSize(titleMetrics);
    check = QRect(row.left() + kSidePadding, row.top() + (row.height() - checkSize) / 2, checkSize,
        checkSize);
    glyphSize = smallMetrics.ascent();

    const int textLeft = check.right() + 1 + kCheckGap;
    int textRight = row.right() - kSidePadding;
    if (data.pending) {
        const int size = qMax(12, titleMetrics.ascent());
        pending = QRect(textRight - size + 1, row.top() + (row.height() - size) / 2, size, size);
        textRight = pending.left() - kFactGap;
    }

    // The facts go first so we know whether the title shares the row with them.
    const int smallHeight = smallMetrics.height();
    const int glyph = glyphSize;
    int x = textLeft;
    auto place = [&](Kind kind, int width, const QString &text = {}) {
        if (x + width > textRight)
            return false;
        facts.append({kind, QRect(x, 0, width, smallHeight), text});
        x += width + kFactGap;
        return true;
    };
    if (data.due) {
        const QString text = DueText::label(*data.due, data.hasTime, today);
        place(Kind::Due, glyph + kGlyphTextGap + smallMetrics.horizontalAdvance(text), text);
    }
    if (data.repeats)
        place(Kind::Repeat, glyph);
    if (!data.listName.isEmpty()) { // only in views that show several lists
        const QString text = smallMetrics.elidedText(data.listName, Qt::ElideRight, kListNameMaxWidth);
        place(Kind::List, smallMetrics.horizontalAdvance(text), text);
    }
    if (!data.parentTitle.isEmpty()) { // a subtask among other rows says whose it is
        const QString text = smallMetrics.elidedText(u"↳ "_s + data.parentTitle, Qt::ElideRight, kListNameMaxWidth);
        place(Kind::Parent, smallMetrics.horizontalAdvance(text), text);
    }
    if (data.priority != Priority::None)
        place(Kind::Priority, glyph);
    if (!data.notes.isEmpty())
        place(Kind::Notes, glyph);
    if (!data.progress.isEmpty())
        place(Kind::Progress, smallMetrics.horizontalAdvance(data.progress) + 2 * kChipPadding, data.progress);
    for (qsizetype i = 0; i < data.tags.size(); ++i) {
        const QString chip = u'#' + data.tags.at(i);
        if (place(Kind::Tag, smallMetrics.horizontalAdvance(chip) + 2 * kChipPadding, chip))
            continue;
        // Say how many did not fit rather than cutting a tag in half. The text
        // keeps the TodoDelegate translation context it has always had.
        const QString more
            = QCoreApplication::translate("TodoDelegate", "+%1").arg(data.tags.size() - i);
        place(Kind::MoreTags, smallMetrics.horizontalAdvance(more) + 2 * kChipPadding, more);
        break;
    }

    const int titleHeight = titleMetrics.height();
    int titleTop = row.top() + (row.height() - titleHeight) / 2;
    if (!facts.isEmpty()) {
        titleTop = row.top() + (row.height() - titleHeight - kLineGap - smallHeight) / 2;
        for (Fact &fact : facts)
            fact.rect.moveTop(titleTop + titleHeight + kLineGap);
    }
    title = QRect(textLeft, titleTop, qMax(0, textRight - textLeft + 1), titleHeight);
    QFont titleFont = option.font;
    titleFont.setStrikeOut(data.completed);
    titleText = QFontMetrics(titleFont).elidedText(data.title, Qt::ElideRight, title.width());
    titleElided = titleText != data.title;
}
