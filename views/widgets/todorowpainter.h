#pragma once

#include <QColor>
#include <QDate>
#include <QPalette>

class QPainter;
class QRect;
class QStyleOptionViewItem;
class TodoRowLayout;
struct TodoRow;

// Paints one todo row where its TodoRowLayout puts things: the hairline
// under the row, the selection card, the round check box, the title, the
// facts line (glyphs, the due, tag chips) and the sync badge. The glyphs are
// drawn rather than themed so they follow the palette on every desktop.
class TodoRowPainter
{
public:
    TodoRowPainter(QPainter *painter, const QStyleOptionViewItem &option);

    // today decides whether the due shows in the "due today" accent.
    void paint(const TodoRow &row, const TodoRowLayout &layout, QDate today) const;
    // A day heading in the band above the row (outside the painter's option.rect),
    // in accent when it is valid, else in the text colour.
    void paintHeading(const QString &heading, const QRect &band, const QColor &accent) const;

private:
    QRect visual(const QRect &logical) const;
    void paintBackground(const TodoRowLayout &layout) const;
    void paintCheckBox(const TodoRow &row, const QRect &check) const;
    void paintFacts(const TodoRow &row, const TodoRowLayout &layout, QDate today) const;

    QPainter *m_painter;
    const QStyleOptionViewItem &m_option;
    QPalette::ColorGroup m_group;
    bool m_selected;
    QColor m_base, m_plainText, m_text, m_background, m_quiet;
};
