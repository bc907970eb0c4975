#pragma once

#include "domain/priority.h"
#include "domain/timestamp.h"

#include "rowpixmaps.h"

#include <QStyledItemDelegate>

struct TodoRow;

// Paints one todo row from the TodoModel roles: a round check box, the title,
// and below it a line of small facts (due, priority, notes, tags). The row has
// the same height whether or not it has facts, so the list keeps a calm rhythm
// and the view can use uniform item sizes.
//
// The delegate never edits the model: a click on the check box only asks for
// the toggle, and the owner runs the undoable command.
class TodoDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit TodoDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
        const QModelIndex &index) override;

    // Where the round check box of a row is drawn; tests click its centre.
    static QRect checkBoxRect(const QStyleOptionViewItem &option);
    // The same for a row that may start a day: its heading sits above the row.
    static QRect checkBoxRect(const QStyleOptionViewItem &option, const QModelIndex &index);
    // The part of option.rect below the row's day heading (all of it when it has none).
    static QStyleOptionViewItem rowOption(const QStyleOptionViewItem &option, const QModelIndex &index);

    // Rows wear the "not yet synced" mark only while sync is on: without a
    // cloud database every edited todo would wear it.
    void setSyncEnabled(bool enabled)
    {
        m_syncEnabled = enabled;
        m_pixmaps.clear();
    }
    bool isSyncEnabled() const { return m_syncEnabled; }

    // "Today", "Tomorrow", a weekday within a week, else a short date; plus
    // the local time for a timed due. today is passed in for tests.
    static QString dueText(Timestamp::Micros dueAt, bool hasTime, QDate today);

    // Semantic accents, tuned for the palette's base so they stay readable in
    // light and dark mode. priorityColor() is invalid for Priority::None.
    static QColor priorityColor(Priority priority, const QPalette &palette);
    static QColor overdueColor(const QPalette &palette);
    static QColor todayColor(const QPalette &palette);
    // The tool tip of a row that starts after today: "Starts <long date>".
    static QString startTip(Timestamp::Micros startAt);

Q_SIGNALS:
    void completionToggleRequested(const QModelIndex &index);

protected:
    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
        const QModelIndex &index) override;

private:
    // The row as painted: its pending state only while sync is on.
    TodoRow rowAt(const QModelIndex &index) const;
    // option with its rect below a day heading (all of it without one).
    static QStyleOptionViewItem belowHeading(const QStyleOptionViewItem &option, const QString &heading);
    // Draws the row (and its day heading) into option.rect.
    static void paintRow(QPainter *painter, const QStyleOptionViewItem &option, const TodoRow &row,
                         const QString &heading, QDate today);

    bool m_syncEnabled = false;
    mutable RowPixmaps m_pixmaps; // filled as rows are painted
};
