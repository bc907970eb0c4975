#include "todorowpainter.h"

#include "duetext.h"
#include "todocolors.h"
#include "todorow.h"
#include "todorowlayout.h"

#include <QPainter>
#include <QPainterPath>
#include <QStyle>
#include <QStyleOptionViewItem>

namespace {

constexpr int kSelectionInset = 4; // the rounded selection floats inside the row
constexpr qreal kSelectionRadius = 6;
constexpr qreal kDeferredOpacity = 0.5;

enum class Glyph { Calendar, Flag, Notes, Unsynced, Repeat };

// Small line icons. Lines sit on half pixels to stay sharp.
void drawGlyph(QPainter *painter, Glyph glyph, const QRectF &area, const QColor &color)
{
    const QRectF r(qRound(area.left()) + 0.5, qRound(area.top()) + 0.5, qRound(area.width()) - 1,
        qRound(area.height()) - 1);
    painter->setPen(QPen(color, 1, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter->setBrush(Qt::NoBrush);
    QPainterPath fill;
    switch (glyph) {
    case Glyph::Calendar: { // a page with a header bar and two rings
        const QRectF body = r.adjusted(0, 1.5, 0, 0);
        painter->drawRoundedRect(body, 1.5, 1.5);
        fill.addRect(QRectF(body.left(), body.top(), body.width(), 2.5));
        for (qreal x : {qRound(body.left() + body.width() * 0.3) + 0.5,
                 qRound(body.right() - body.width() * 0.3) - 0.5})
            painter->drawLine(QPointF(x, body.top() - 1.5), QPointF(x, body.top()));
        break;
    }
    case Glyph::Flag: // a pole and a pennant
        painter->setPen(QPen(color, 1.4, Qt::SolidLine, Qt::RoundCap));
        painter->drawLine(QPointF(r.left() + 1, r.top()), QPointF(r.left() + 1, r.bottom()));
        fill.moveTo(r.left() + 1, r.top());
        fill.lineTo(r.right(), r.top() + r.height() * 0.28);
        fill.lineTo(r.left() + 1, r.top() + r.height() * 0.58);
        break;
    case Glyph::Notes: { // a sheet with three lines of text
        const QRectF sheet = r.adjusted(1, 0, -1, 0);
        painter->drawRoundedRect(sheet, 1.5, 1.5);
        for (int i = 1; i <= 3; ++i) {
            const qreal y = qRound(sheet.top() + sheet.height() * i / 4.0) + 0.5;
            painter->drawLine(QPointF(sheet.left() + 2, y),
                QPointF(sheet.right() - (i == 3 ? sheet.width() * 0.4 : 2), y));
        }
        break;
    }
    case Glyph::Repeat: { // a circle of arrows, open at the top right, with its arrow head
        const QRectF ring = r.adjusted(1.5, 1.5, -1.5, -1.5);
        painter->drawArc(ring, 60 * 16, 300 * 16);
        const QPointF tip(ring.center().x() + ring.width() / 2 * 0.5, ring.top() + ring.height() * 0.067);
        QPainterPath head;
        head.moveTo(tip + QPointF(-ring.width() * 0.05, -ring.height() * 0.3));
        head.lineTo(tip + QPointF(ring.width() * 0.3, 0));
        head.lineTo(tip + QPointF(-ring.width() * 0.05, ring.height() * 0.3));
        head.closeSubpath();
        fill.addPath(head);
        break;
    }
    case Glyph::Unsynced: { // a small hollow dot, like an editor's unsaved mark; not a repeat arrow
        const qreal d = qMin(r.width(), r.height()) * 0.6;
        painter->setPen(QPen(color, 1.4));
        painter->drawEllipse(QRectF(r.center().x() - d / 2, r.center().y() - d / 2, d, d));
        break;
    }
    }
    painter->fillPath(fill, color);
}

} // namespace

TodoRowPainter::TodoRowPainter(QPainter *painter, const QStyleOptionViewItem &option)
    : m_painter(painter)
    , m_option(option)
    , m_group(TodoColors::group(option))
    , m_selected(option.state & QStyle::State_Selected)
{
    const QPalette &palette = option.palette;
    m_base = palette.color(m_group, QPalette::Base);
    m_plainText = palette.color(m_group, QPalette::Text);
    m_text = m_selected ? palette.color(m_group, QPalette::HighlightedText) : m_plainText;
    m_background = m_selected ? palette.color(m_group, QPalette::Highlight) : m_base;
    // On the highlight the facts need more contrast than on the base.
    m_quiet = TodoColors::mix(m_text, m_background, m_selected ? 0.85 : 0.62);
}

QRect TodoRowPainter::visual(const QRect &logical) const
{
    return QStyle::visualRect(m_option.direction, m_option.rect, logical);
}

void TodoRowPainter::paint(const TodoRow &row, const TodoRowLayout &layout, QDate today) const
{
    m_painter->save();
    m_painter->setRenderHint(QPainter::Antialiasing);
    paintBackground(layout);
    // A todo that starts after today is there, but not yet to be done.
    if (row.deferred && !row.completed)
        m_painter->setOpacity(kDeferredOpacity);
    paintCheckBox(row, layout.check);

    QFont titleFont = m_option.font;
    titleFont.setStrikeOut(row.completed);
    m_painter->setFont(titleFont);
    m_painter->setPen(row.completed ? m_quiet : m_text);
    m_painter->drawText(visual(layout.title),
        QStyle::visualAlignment(m_option.direction, Qt::AlignLeft | Qt::AlignVCenter),
        layout.titleText);

    paintFacts(row, layout, today);
    if (!layout.pending.isNull())
        drawGlyph(m_painter, Glyph::Unsynced, visual(layout.pending), m_quiet);
    m_painter->restore();
}

void TodoRowPainter::paintHeading(const QString &heading, const QRect &band, const QColor &accent) const
{
    m_painter->save();
    m_painter->setFont(TodoRowLayout::headingFont(m_option.font));
    m_painter->setPen(accent.isValid() ? accent : m_plainText);
    const QRect logical = band.adjusted(TodoRowLayout::kSidePadding, 0, -TodoRowLayout::kSidePadding, 0);
    m_painter->drawText(QStyle::visualRect(m_option.direction, band, logical),
        QStyle::visualAlignment(m_option.direction, Qt::AlignLeft | Qt::AlignBottom), heading);
    m_painter->restore();
}

void TodoRowPainter::paintBackground(const TodoRowLayout &layout) const
{
    const QRect &rect = m_option.rect;
    // A hairline between rows, starting under the text like Todoist and Things.
    const int lineWidth = rect.right() - TodoRowLayout::kSidePadding - layout.title.left() + 1;
    m_painter->fillRect(visual(QRect(layout.title.left(), rect.bottom(), lineWidth, 1)),
        TodoColors::mix(m_plainText, m_base, 0.09));

    // The selection floats as a rounded card inside the row.
    const QRectF card = QRectF(rect).adjusted(kSelectionInset, 1.5, -kSelectionInset, -1.5);
    m_painter->setPen(Qt::NoPen);
    if (m_selected) {
        m_painter->setBrush(m_background);
        m_painter->drawRoundedRect(card, kSelectionRadius, kSelectionRadius);
    } else if (m_option.state & QStyle::State_MouseOver) {
        m_painter->setBrush(TodoColors::mix(m_plainText, m_base, 0.05));
        m_painter->drawRoundedRect(card, kSelectionRadius, kSelectionRadius);
    }
    if ((m_option.state & QStyle::State_HasFocus) && !m_selected) {
        // Ctrl+arrows move the current row without selecting it; keyboard users still need to see
        // it.
        m_painter->setPen(QPen(m_option.palette.color(m_group, QPalette::Highlight), 1));
        m_painter->setBrush(Qt::NoBrush);
        m_painter->drawRoundedRect(
            card.adjusted(0.5, 0.5, -0.5, -0.5), kSelectionRadius, kSelectionRadius);
    }
}

// Filled with a tick when done; otherwise a ring, tinted with the priority's
// colour as people know it from Todoist.
void TodoRowPainter::paintCheckBox(const TodoRow &row, const QRect &check) const
{
    const QPalette &palette = m_option.palette;
    const QColor highlight = palette.color(m_group, QPalette::Highlight);
    const QRectF box = QRectF(visual(check)).adjusted(1, 1, -1, -1);
    if (row.completed) {
        m_painter->setPen(Qt::NoPen);
        m_painter->setBrush(m_selected ? m_text : highlight);
        m_painter->drawEllipse(box);
        QPainterPath tick;
        tick.moveTo(box.left() + box.width() * 0.28, box.top() + box.height() * 0.52);
        tick.lineTo(box.left() + box.width() * 0.44, box.top() + box.height() * 0.68);
        tick.lineTo(box.left() + box.width() * 0.73, box.top() + box.height() * 0.36);
        const QColor tickColor
            = m_selected ? highlight : palette.color(m_group, QPalette::HighlightedText);
        m_painter->strokePath(tick,
            QPen(tickColor, qMax(1.6, box.width() / 10.0), Qt::SolidLine, Qt::RoundCap,
                Qt::RoundJoin));
        return;
    }
    const bool prioritized = row.priority != Priority::None;
    QColor ring = TodoColors::mix(m_text, m_background, 0.45);
    if (prioritized)
        ring = m_selected ? m_text : TodoColors::priority(row.priority, palette);
    QColor fill = ring;
    fill.setAlphaF(prioritized ? 0.12f : 0.0f);
    m_painter->setPen(QPen(ring, prioritized ? 1.8 : 1.4));
    m_painter->setBrush(fill);
    m_painter->drawEllipse(box.adjusted(0.7, 0.7, -0.7, -0.7));
}

void TodoRowPainter::paintFacts(const TodoRow &row, const TodoRowLayout &layout, QDate today) const
{
    const QPalette &palette = m_option.palette;
    m_painter->setFont(TodoRowLayout::smallFont(m_option.font));
    const int glyph = layout.glyphSize;
    const bool accents = !m_selected && !row.completed; // colours would clash with the highlight
    for (const TodoRowLayout::Fact &fact : layout.facts) {
        const QRect rect = visual(fact.rect);
        // The glyph is a square at the fact's leading edge, centred on the line.
        const QRect glyphArea = visual(QRect(
            fact.rect.left(), fact.rect.top() + (fact.rect.height() - glyph) / 2, glyph, glyph));
        switch (fact.kind) {
        case TodoRowLayout::Kind::Due: {
            QColor color = m_quiet;
            if (accents && row.overdue)
                color = TodoColors::overdue(palette);
            else if (accents && DueText::day(*row.due, row.hasTime) == today)
                color = TodoColors::today(palette);
            drawGlyph(m_painter, Glyph::Calendar, glyphArea, color);
            m_painter->setPen(color);
            m_painter->drawText(
                visual(fact.rect.adjusted(glyph + TodoRowLayout::kGlyphTextGap, 0, 0, 0)),
                Qt::AlignCenter, fact.text);
            break;
        }
        case TodoRowLayout::Kind::List:
        case TodoRowLayout::Kind::Parent:
            m_painter->setPen(m_quiet);
            m_painter->drawText(rect, Qt::AlignCenter, fact.text);
            break;
        case TodoRowLayout::Kind::Priority:
            drawGlyph(m_painter, Glyph::Flag, glyphArea,
                accents ? TodoColors::priority(row.priority, palette) : m_quiet);
            break;
        case TodoRowLayout::Kind::Notes:
            drawGlyph(m_painter, Glyph::Notes, glyphArea, m_quiet);
            break;
        case TodoRowLayout::Kind::Repeat:
            drawGlyph(m_painter, Glyph::Repeat, glyphArea, m_quiet);
            break;
        case TodoRowLayout::Kind::Progress:
        case TodoRowLayout::Kind::Tag:
        case TodoRowLayout::Kind::MoreTags:
            m_painter->setPen(Qt::NoPen);
            m_painter->setBrush(m_selected ? TodoColors::mix(m_text, m_background, 0.22)
                                           : TodoColors::mix(m_plainText, m_base, 0.08));
            m_painter->drawRoundedRect(QRectF(rect).adjusted(0, 0.5, 0, -0.5), 4, 4);
            m_painter->setPen(m_selected ? m_text : m_quiet);
            m_painter->drawText(rect, Qt::AlignCenter, fact.text);
            break;
        }
    }
}
