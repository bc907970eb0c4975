#pragma once

#include "domain/priority.h"

#include <QColor>
#include <QPalette>

class QStyleOptionViewItem;

// Semantic accents for todos, tuned for the palette's base so they stay
// readable in light and dark mode, and the quiet tones mixed from it.
class TodoColors
{
public:
    // Invalid for Priority::None.
    static QColor priority(Priority priority, const QPalette &palette);
    static QColor overdue(const QPalette &palette);
    static QColor today(const QPalette &palette);

    // The palette's group for an item: disabled, or active with its window.
    static QPalette::ColorGroup group(const QStyleOptionViewItem &option);

    // a weighted by amount, b by the rest; used to derive quiet tones from the palette.
    static QColor mix(const QColor &a, const QColor &b, qreal amount);
};
