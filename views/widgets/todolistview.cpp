#include "todolistview.h"

#include "itemmodels/todomodel.h"

#include <QDrag>
#include <QDropEvent>
#include <QMimeData>

using namespace Qt::StringLiterals;

TodoListView::TodoListView(QWidget *parent)
    : QListView(parent)
{
    setObjectName(u"todoList"_s);
    setAccessibleName(tr("Todos"));
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setDragEnabled(true);
    setAcceptDrops(true);
    setDropIndicatorShown(true);
    setDragDropMode(QAbstractItemView::DragDrop);
    setDefaultDropAction(Qt::MoveAction);
    setUniformItemSizes(true);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setFrameShape(QFrame::NoFrame);
}

void TodoListView::setTodoModel(TodoModel *model)
{
    m_model = model;
    setModel(model);
    setModelColumn(model->titleColumn());
    connect(model, &TodoModel::aboutToRequery, this, &TodoListView::rememberSelection);
    connect(model, &QAbstractItemModel::modelReset, this, &TodoListView::restoreSelection);
    connect(selectionModel(), &QItemSelectionModel::selectionChanged, this, &TodoListView::selectedIdsChanged);
    connect(selectionModel(), &QItemSelectionModel::currentChanged, this, &TodoListView::selectedIdsChanged);
}

void TodoListView::setReorderEnabled(bool enabled)
{
    m_reorderEnabled = enabled;
}

QStringList TodoListView::selectedIds() const
{
    QStringList ids;
    if (!selectionModel())
        return ids;
    QModelIndexList rows = selectionModel()->selectedRows(m_model->titleColumn());
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    for (const QModelIndex &index : std::as_const(rows))
        ids << index.data(TodoModel::IdRole).toString();
    return ids;
}

QString TodoListView::currentId() const
{
    return currentIndex().isValid() ? currentIndex().data(TodoModel::IdRole).toString() : QString();
}

bool TodoListView::selectId(const QString &id, Fetch fetch)
{
    int row = -1;
    if (fetch == Fetch::Yes) {
        row = m_model->rowOfId(id);
    } else {
        for (int r = 0; r < m_model->rowCount() && row < 0; ++r) {
            if (m_model->idAt(r) == id)
                row = r;
        }
    }
    if (row < 0)
        return false;
    const QModelIndex index = m_model->index(row, m_model->titleColumn());
    selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    scrollTo(index);
    return true;
}

void TodoListView::rememberSelection()
{
    m_savedSelection = selectedIds();
    m_savedCurrent = currentId();
}

void TodoListView::restoreSelection()
{
    // The model's reset came from a re-select; look the ids up among the rows
    // already fetched only, so a refresh never pulls the whole table in.
    if (m_savedSelection.isEmpty() && m_savedCurrent.isEmpty())
        return;
    QItemSelection selection;
    QModelIndex current;
    const int column = m_model->titleColumn();
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QString id = m_model->idAt(row);
        const QModelIndex index = m_model->index(row, column);
        if (m_savedSelection.contains(id))
            selection.select(index, index);
        if (id == m_savedCurrent)
            current = index;
    }
    if (current.isValid())
        selectionModel()->setCurrentIndex(current, QItemSelectionModel::NoUpdate);
    selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_savedSelection.clear();
    m_savedCurrent.clear();
    Q_EMIT selectedIdsChanged();
}

void TodoListView::startDrag(Qt::DropActions supportedActions)
{
    // Rows move through commands, never through the model: ask for a copy so
    // Qt does not try to remove the dragged rows itself.
    Q_UNUSED(supportedActions)
    const QModelIndexList indexes = selectedIndexes();
    if (indexes.isEmpty())
        return;
    QMimeData *mime = m_model->mimeData(indexes);
    if (!mime)
        return;
    auto *drag = new QDrag(this);
    drag->setMimeData(mime);
    drag->exec(Qt::CopyAction | Qt::MoveAction, Qt::CopyAction);
}

void TodoListView::dragEnterEvent(QDragEnterEvent *event)
{
    if (m_reorderEnabled && event->source() == this
        && event->mimeData()->hasFormat(QString::fromLatin1(TodoModel::kMimeType))) {
        QListView::dragEnterEvent(event);
        event->accept();
    } else {
        event->ignore();
    }
}

void TodoListView::dragMoveEvent(QDragMoveEvent *event)
{
    if (!m_reorderEnabled || event->source() != this) {
        event->ignore();
        return;
    }
    QListView::dragMoveEvent(event);
    event->setDropAction(Qt::CopyAction);
    event->accept();
}

void TodoListView::dropEvent(QDropEvent *event)
{
    if (!m_reorderEnabled || event->source() != this) {
        event->ignore();
        return;
    }
    const QStringList ids = QString::fromUtf8(
        event->mimeData()->data(QString::fromLatin1(TodoModel::kMimeType))).split(u'\n', Qt::SkipEmptyParts);
    const QModelIndex target = indexAt(event->position().toPoint());
    QString afterId, beforeId;
    if (!target.isValid()) {
        const int last = m_model->rowCount() - 1; // dropped below the last row
        afterId = last >= 0 ? m_model->idAt(last) : QString();
    } else {
        const QRect rect = visualRect(target);
        const bool upperHalf = event->position().toPoint().y() < rect.center().y();
        const int row = target.row();
        afterId = upperHalf ? (row > 0 ? m_model->idAt(row - 1) : QString()) : m_model->idAt(row);
        beforeId = upperHalf ? m_model->idAt(row) : (row + 1 < m_model->rowCount() ? m_model->idAt(row + 1) : QString());
    }
    // Dropping a row next to itself changes nothing.
    while (ids.contains(afterId) && !afterId.isEmpty()) {
        const int row = m_model->rowOfId(afterId);
        afterId = row > 0 ? m_model->idAt(row - 1) : QString();
    }
    while (ids.contains(beforeId) && !beforeId.isEmpty()) {
        const int row = m_model->rowOfId(beforeId);
        beforeId = row + 1 < m_model->rowCount() ? m_model->idAt(row + 1) : QString();
    }
    event->setDropAction(Qt::CopyAction);
    event->accept();
    setState(QAbstractItemView::NoState);
    Q_EMIT reorderRequested(ids, afterId, beforeId);
}
