#pragma once

#include <QDate>
#include <QFont>
#include <QList>
#include <QRect>
#include <QString>

class QFontMetrics;
class QStyleOptionViewItem;
struct TodoRow;

// Where the parts of one todo row go inside option.rect: the round check box,
// the title (elided to fit), the sync badge and, below the title, a line of
// small facts (due, list or parent, priority, notes, subtask progress, tag chips). Worked out without a
// painter, so painting, tool tips and tests all see the same geometry.
//
// All rects are logical (left to right); QStyle::visualRect() mirrors them
// for right-to-left layouts.
class TodoRowLayout
{
public:
    // Metrics in device-independent pixels; the row height follows the font.
    static constexpr int kSidePadding = 14; // from the row's edge to the check box
    static constexpr int kGlyphTextGap = 4; // between a fact's glyph and its text

    enum class Kind { Due, Repeat, List, Parent, Priority, Notes, Progress, Tag, MoreTags };
    struct Fact
    {
        Kind kind;
        QRect rect;
        QString text;
    };

    // today decides how the due reads ("Today", "Tomorrow", a weekday ...).
    TodoRowLayout(const QStyleOptionViewItem &option, const TodoRow &row, QDate today);

    QRect check;
    QRect title;
    QString titleText; // elided to fit
    bool titleElided = false;
    QRect pending; // null when the row is synced
    QList<Fact> facts;
    int glyphSize = 0; // a fact's glyph is a square this wide

    // The font of the facts line: a little smaller than the title's.
    static QFont smallFont(const QFont &base);
    static int checkBoxSize(const QFontMetrics &metrics);
    // Where the check box is drawn, mirrored for right-to-left.
    static QRect checkBoxRect(const QStyleOptionViewItem &option);
    // A day heading ("Today", "Wednesday 9 Dec") above the row that starts a
    // day, in Today, Upcoming and Overdue: its font, and the band it takes.
    static QFont headingFont(const QFont &base);
    static int headingHeight(const QFont &base);
    // The same height whether or not a row has facts, for a calm rhythm.
    static QSize sizeHint(const QStyleOptionViewItem &option, const QString &title);
};
