#include "sidebarview.h"

#include "itemmodels/sidebarmodel.h"
#include "itemmodels/todomodel.h"

#include <QDropEvent>
#include <QHeaderView>
#include <QMimeData>
#include <QStyledItemDelegate>

using namespace Qt::StringLiterals;

namespace {

// Section headers read as headings; entries show their count dimmed.
class SidebarDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (index.data(SidebarModel::IsSectionRole).toBool()) {
            option->font.setBold(true);
            option->font.setPointSizeF(option->font.pointSizeF() * 0.9);
            option->palette.setColor(QPalette::Text, option->palette.color(QPalette::PlaceholderText));
        } else if (index.column() == SidebarModel::CountColumn) {
            option->palette.setColor(QPalette::Text, option->palette.color(QPalette::PlaceholderText));
        }
    }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QSize size = QStyledItemDelegate::sizeHint(option, index);
        size.setHeight(qMax(size.height(), option.fontMetrics.height() + 12));
        return size;
    }
};

} // namespace

SidebarView::SidebarView(QWidget *parent)
    : QTreeView(parent)
{
    setObjectName(u"sidebar"_s);
    setAccessibleName(tr("Lists and tags"));
    setHeaderHidden(true);
    setRootIsDecorated(false);
    setIndentation(12);
    setUniformRowHeights(true);
    setItemDelegate(new SidebarDelegate(this));
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::SelectedClicked);
    setAcceptDrops(true);
    setDropIndicatorShown(true);
    setDragDropMode(QAbstractItemView::DropOnly);
    setFrameShape(QFrame::NoFrame);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Window);
    // A long list name is elided (its tooltip has it whole): it never
    // pushes the sidebar wider, and the splitter never squeezes it below this.
    setTextElideMode(Qt::ElideRight);
    setMinimumWidth(kMinimumWidth);
}

void SidebarView::setSidebarModel(SidebarModel *model)
{
    m_model = model;
    setModel(model);
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(SidebarModel::NameColumn, QHeaderView::Stretch);
    header()->setSectionResizeMode(SidebarModel::CountColumn, QHeaderView::ResizeToContents);
    expandAll();
    // Sections grow as lists are added; keep them open.
    connect(model, &QAbstractItemModel::rowsInserted, this, [this] { expandAll(); });
    connect(selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                const auto filter = m_model->filterAt(current.siblingAtColumn(0));
                if (!filter)
                    return;
                m_lastFilter = filter;
                Q_EMIT filterActivated(*filter);
            });
    // After lists are removed and re-added, find the entry that was current again.
    // (When all of a section's rows go, the selection model makes the section
    // header current, which is a valid index but no entry.)
    connect(model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_lastFilter && !currentFilter())
            selectFilter(*m_lastFilter);
    });
    connect(model, &QAbstractItemModel::rowsRemoved, this, [this] {
        if (m_lastFilter && !currentFilter()) {
            const QModelIndex again = m_model->indexOf(*m_lastFilter);
            if (again.isValid())
                setCurrentIndex(again);
        }
    });
}

std::optional<TodoFilter> SidebarView::currentFilter() const
{
    return m_model ? m_model->filterAt(currentIndex().siblingAtColumn(0)) : std::nullopt;
}

void SidebarView::selectFilter(const TodoFilter &filter)
{
    QModelIndex index = m_model->indexOf(filter);
    if (!index.isValid())
        index = m_model->indexOf(TodoFilter::smart(TodoFilter::Kind::All));
    setCurrentIndex(index);
}

QString SidebarView::currentListId() const
{
    const auto filter = currentFilter();
    return filter && filter->kind == TodoFilter::Kind::List ? filter->id : QString();
}

QString SidebarView::listIdAt(const QPoint &pos) const
{
    const QModelIndex index = indexAt(pos).siblingAtColumn(0);
    const auto filter = m_model ? m_model->filterAt(index) : std::nullopt;
    return filter && filter->kind == TodoFilter::Kind::List ? filter->id : QString();
}

void SidebarView::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasFormat(QString::fromLatin1(TodoModel::kMimeType)))
        event->acceptProposedAction();
    else
        event->ignore();
}

void SidebarView::dragMoveEvent(QDragMoveEvent *event)
{
    QTreeView::dragMoveEvent(event);
    if (!listIdAt(event->position().toPoint()).isEmpty()
        && event->mimeData()->hasFormat(QString::fromLatin1(TodoModel::kMimeType)))
        event->acceptProposedAction();
    else
        event->ignore();
}

void SidebarView::dropEvent(QDropEvent *event)
{
    const QString listId = listIdAt(event->position().toPoint());
    const QByteArray payload = event->mimeData()->data(QString::fromLatin1(TodoModel::kMimeType));
    setState(QAbstractItemView::NoState);
    viewport()->update();
    if (listId.isEmpty() || payload.isEmpty()) {
        event->ignore();
        return;
    }
    // The move is a command, pushed by whoever listens; the todo view must
    // not also remove the rows itself, so this is a copy action to Qt.
    event->setDropAction(Qt::CopyAction);
    event->accept();
    Q_EMIT todosDropped(QString::fromUtf8(payload).split(u'\n', Qt::SkipEmptyParts), listId);
}
