#include "tododelegate.h"

#include "duetext.h"
#include "itemmodels/todomodel.h"
#include "todocolors.h"
#include "todorow.h"
#include "todorowlayout.h"
#include "todorowpainter.h"

#include <QAbstractItemView>
#include <QHelpEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPaintDevice>
#include <QPainter>
#include <QToolTip>

using namespace Qt::StringLiterals;

namespace {

constexpr int kNotesPreviewChars = 400;

} // namespace

TodoDelegate::TodoDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{ }

QRect TodoDelegate::checkBoxRect(const QStyleOptionViewItem &option)
{
    return TodoRowLayout::checkBoxRect(option);
}

QRect TodoDelegate::checkBoxRect(const QStyleOptionViewItem &option, const QModelIndex &index)
{
    return TodoRowLayout::checkBoxRect(rowOption(option, index));
}

QStyleOptionViewItem TodoDelegate::rowOption(const QStyleOptionViewItem &option, const QModelIndex &index)
{
    return belowHeading(option, index.data(TodoModel::DayHeadingRole).toString());
}

QStyleOptionViewItem TodoDelegate::belowHeading(const QStyleOptionViewItem &option, const QString &heading)
{
    QStyleOptionViewItem row = option;
    if (!heading.isEmpty())
        row.rect.setTop(row.rect.top() + TodoRowLayout::headingHeight(option.font));
    return row;
}

QString TodoDelegate::dueText(Timestamp::Micros dueAt, bool hasTime, QDate today)
{
    return DueText::label(dueAt, hasTime, today);
}

QColor TodoDelegate::priorityColor(Priority priority, const QPalette &palette)
{
    return TodoColors::priority(priority, palette);
}

QColor TodoDelegate::overdueColor(const QPalette &palette)
{
    return TodoColors::overdue(palette);
}

QColor TodoDelegate::todayColor(const QPalette &palette)
{
    return TodoColors::today(palette);
}

QString TodoDelegate::startTip(Timestamp::Micros startAt)
{
    return tr("Starts %1").arg(QLocale().toString(Timestamp::toDate(startAt), QLocale::LongFormat));
}

TodoRow TodoDelegate::rowAt(const QModelIndex &index) const
{
    TodoRow row(index);
    row.pending = row.pending && m_syncEnabled;
    return row;
}

QSize TodoDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = TodoRowLayout::sizeHint(option, index.data(TodoModel::TitleRole).toString());
    if (!index.data(TodoModel::DayHeadingRole).toString().isEmpty())
        size.rheight() += TodoRowLayout::headingHeight(option.font);
    return size;
}

void TodoDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const TodoRow row = rowAt(index);
    const QDate today = QDate::currentDate();
    const QString heading = index.data(TodoModel::DayHeadingRole).toString();
    const qreal ratio = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    m_pixmaps.paint(painter, option, RowPixmaps::key(row, heading, option, today, ratio),
                    [&](QPainter *target, const QStyleOptionViewItem &local) {
        paintRow(target, local, row, heading, today);
    });
}

void TodoDelegate::paintRow(QPainter *painter, const QStyleOptionViewItem &option, const TodoRow &row,
                            const QString &heading, QDate today)
{
    const QStyleOptionViewItem rowPart = belowHeading(option, heading);
    const TodoRowPainter rowPainter(painter, rowPart);
    if (rowPart.rect != option.rect) {
        const QRect band(option.rect.topLeft(), QPoint(option.rect.right(), rowPart.rect.top() - 1));
        // Past days in the overdue accent and today in today's, as the dues below them.
        const QDate day = row.due ? DueText::day(*row.due, row.hasTime) : today;
        const QColor accent = day < today ? TodoColors::overdue(option.palette)
            : day == today                ? TodoColors::today(option.palette)
                                          : QColor();
        rowPainter.paintHeading(heading, band, accent);
    }
    rowPainter.paint(row, TodoRowLayout(rowPart, row, today), today);
}

bool TodoDelegate::editorEvent(QEvent *event, QAbstractItemModel *model,
    const QStyleOptionViewItem &option, const QModelIndex &index)
{
    const QEvent::Type type = event->type();
    const QStyleOptionViewItem rowPart = rowOption(option, index);
    if (type == QEvent::MouseButtonPress || type == QEvent::MouseButtonRelease
        || type == QEvent::MouseButtonDblClick) {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        // A few pixels of slack: a round target is easy to miss at its edge.
        const QRect target = checkBoxRect(rowPart).adjusted(-4, -4, 4, 4);
        if (mouse->button() == Qt::LeftButton && target.contains(mouse->position().toPoint())) {
            // The press and double click are eaten too, so the box neither
            // selects the row nor starts editing it.
            if (type == QEvent::MouseButtonRelease)
                Q_EMIT completionToggleRequested(index);
            return true;
        }
    }
    return QStyledItemDelegate::editorEvent(event, model, option, index);
}

bool TodoDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view,
    const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (!event || !view || event->type() != QEvent::ToolTip || !index.isValid())
        return QStyledItemDelegate::helpEvent(event, view, option, index);

    const TodoRow data = rowAt(index);
    const QStyleOptionViewItem rowPart = rowOption(option, index);
    const TodoRowLayout lay(rowPart, data, QDate::currentDate());
    const QPoint pos = QStyle::visualPos(option.direction, rowPart.rect, event->pos());
    QString tip;
    if (lay.pending.contains(pos))
        tip = tr("Not yet synced");
    else if (lay.check.adjusted(-4, -4, 4, 4).contains(pos))
        tip = data.completed ? tr("Mark as not done") : tr("Mark as done");
    for (const TodoRowLayout::Fact &fact : lay.facts) {
        if (!tip.isEmpty() || !fact.rect.contains(pos))
            continue;
        if (fact.kind == TodoRowLayout::Kind::Due) {
            QString when
                = QLocale().toString(DueText::day(*data.due, data.hasTime), QLocale::LongFormat);
            if (data.hasTime)
                when
                    = tr("%1 at %2").arg(when, DueText::time(Timestamp::toLocal(*data.due).time()));
            tip = data.overdue ? tr("Overdue: due %1").arg(when) : tr("Due %1").arg(when);
        } else if (fact.kind == TodoRowLayout::Kind::Priority) {
            tip = data.priority == Priority::High   ? tr("High priority")
                : data.priority == Priority::Medium ? tr("Medium priority")
                                                    : tr("Low priority");
        } else if (fact.kind == TodoRowLayout::Kind::Progress) {
            const QStringList parts = data.progress.split(u'/');
            tip = tr("%1 of %n subtask(s) done", nullptr, parts.value(1).toInt()).arg(parts.value(0));
        } else if (fact.kind == TodoRowLayout::Kind::Parent) {
            tip = tr("Subtask of “%1”").arg(data.parentTitle);
        } else if (fact.kind == TodoRowLayout::Kind::MoreTags) {
            // One tag a line, as the chips show them: a name may hold a comma.
            tip = u'#' + data.tags.join(u"\n#"_s);
        }
    }
    if (tip.isEmpty() && data.deferred && data.start)
        tip = startTip(*data.start);
    if (tip.isEmpty() && (lay.titleElided || !data.notes.isEmpty())) {
        // The whole title and the start of the notes, to peek without opening the todo.
        tip = u"<qt><b>"_s + data.title.toHtmlEscaped() + u"</b>"_s;
        if (!data.notes.isEmpty())
            tip += u"<br>"_s
                + data.notes.left(kNotesPreviewChars).toHtmlEscaped().replace(u'\n', u"<br>"_s);
        tip += u"</qt>"_s;
    }
    if (tip.isEmpty()) {
        QToolTip::hideText();
        return false;
    }
    QToolTip::showText(event->globalPos(), tip, view->viewport(),
        QStyle::visualRect(option.direction, option.rect, option.rect));
    return true;
}
