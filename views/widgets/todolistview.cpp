#include "todolistview.h"

#include "itemmodels/todomodel.h"

#include <QDrag>
#include <QDropEvent>
#include <QKeyEvent>
#include <QMimeData>
#include <QScopedValueRollback>

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
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff); // rows fill the width and elide their titles
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
    connect(model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { onRowsFetched(first, last); });
    connect(selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this](const QItemSelection &, const QItemSelection &deselected) { onSelectionChanged(deselected); });
    connect(selectionModel(), &QItemSelectionModel::currentChanged, this, &TodoListView::selectedIdsChanged);
    m_shownFilter = model->todoFilter();
}

void TodoListView::setReorderEnabled(bool enabled)
{
    m_reorderEnabled = enabled;
}

void TodoListView::selectAll()
{
    if (!m_model)
        return;
    m_lastCommand = QItemSelectionModel::NoUpdate;
    m_wholeView = true;
    QListView::selectAll();
}

QItemSelectionModel::SelectionFlags TodoListView::selectionCommand(const QModelIndex &index, const QEvent *event) const
{
    // Ctrl+Home and Ctrl+End select as Home and End do (with Shift, a range):
    // the list's start and end are the document's. Qt would move only the
    // focus, and Space would then act on a row far from it.
    const auto *key = event && event->type() == QEvent::KeyPress ? static_cast<const QKeyEvent *>(event) : nullptr;
    if (key && (key->key() == Qt::Key_Home || key->key() == Qt::Key_End)
        && key->modifiers().testFlag(Qt::ControlModifier)) {
        const QKeyEvent plain(QEvent::KeyPress, key->key(), key->modifiers() & ~Qt::ControlModifier);
        m_lastCommand = QListView::selectionCommand(index, &plain);
    } else {
        m_lastCommand = QListView::selectionCommand(index, event);
    }
    return m_lastCommand;
}

void TodoListView::onSelectionChanged(const QItemSelection &deselected)
{
    if (m_extending)
        return; // rows fetched into the whole view: the ids selected are the same
    const auto command = std::exchange(m_lastCommand, QItemSelectionModel::NoUpdate);
    if (m_wholeView && !deselected.isEmpty()) {
        // A click or key that starts afresh ends the whole view. One that takes
        // rows out of it (Ctrl+click) keeps the rest selected, fetched or not.
        if (!(command & QItemSelectionModel::Clear)
            && (command & (QItemSelectionModel::Toggle | QItemSelectionModel::Deselect))) {
            QSet<QString> out;
            for (const QModelIndex &index : deselected.indexes())
                out << index.data(TodoModel::IdRole).toString();
            m_model->fetchAll(); // selects every row, as the whole view is selected; then take those out again
            QItemSelection taken;
            for (int row = 0; row < m_model->rowCount(); ++row) {
                if (out.contains(m_model->idAt(row)))
                    taken.select(m_model->index(row, m_model->titleColumn()), m_model->index(row, m_model->titleColumn()));
            }
            const QScopedValueRollback extending(m_extending, true);
            selectionModel()->select(taken, QItemSelectionModel::Deselect | QItemSelectionModel::Rows);
        }
        m_wholeView = false;
    }
    Q_EMIT selectedIdsChanged();
}

void TodoListView::onRowsFetched(int first, int last)
{
    if (m_wholeView)
        extendWholeView(first, last);
}

void TodoListView::extendWholeView(int first, int last)
{
    const int column = m_model->titleColumn();
    const QScopedValueRollback extending(m_extending, true);
    selectionModel()->select(QItemSelection(m_model->index(first, column), m_model->index(last, column)),
                             QItemSelectionModel::Select | QItemSelectionModel::Rows);
}

QModelIndex TodoListView::moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers modifiers)
{
    // End and Ctrl+End (with Shift, a range) go to the last row there is, not the last one fetched.
    if (cursorAction == MoveEnd && m_model->canFetchMore()) {
        m_model->fetchAll(); // the selection and current row come back by id (restoreSelection)
        executeDelayedItemsLayout();
    }
    return QListView::moveCursor(cursorAction, modifiers);
}

QStringList TodoListView::selectedIds() const
{
    QStringList ids;
    if (!selectionModel())
        return ids;
    if (m_wholeView && m_model->canFetchMore())
        return m_model->idsFrom(0);
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
    m_wholeView = false;
    const QModelIndex index = m_model->index(row, m_model->titleColumn());
    selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    scrollTo(index);
    return true;
}

void TodoListView::rememberSelection()
{
    // The whole view stays the whole view; its ids need not be read.
    m_savedSelection = m_wholeView ? QStringList() : selectedIds();
    m_savedCurrent = currentId();
}

void TodoListView::restoreSelection()
{
    // Another list, tag or search opens at its top, with nothing selected.
    if (m_model->todoFilter() != m_shownFilter) {
        m_shownFilter = m_model->todoFilter();
        m_wholeView = false;
        m_savedSelection.clear();
        m_savedCurrent.clear();
        scrollToTop();
        Q_EMIT selectedIdsChanged();
        return;
    }
    // The model's reset came from a re-select; look the ids up among the rows
    // already fetched only, so a refresh never pulls the whole table in.
    if (m_wholeView && m_model->rowCount() == 0)
        m_wholeView = false;
    if (m_savedSelection.isEmpty() && m_savedCurrent.isEmpty() && !m_wholeView)
        return;
    const QSet<QString> saved(m_savedSelection.cbegin(), m_savedSelection.cend());
    QItemSelection selection;
    QModelIndex current;
    const int column = m_model->titleColumn();
    int runStart = -1; // selected rows go in as runs: a range per row would slow every later selection
    for (int row = 0; row <= m_model->rowCount(); ++row) {
        const QString id = row < m_model->rowCount() ? m_model->idAt(row) : QString();
        const bool selected = !id.isNull() && saved.contains(id);
        if (selected && runStart < 0)
            runStart = row;
        if (!selected && runStart >= 0) {
            selection.select(m_model->index(runStart, column), m_model->index(row - 1, column));
            runStart = -1;
        }
        if (!id.isNull() && id == m_savedCurrent)
            current = m_model->index(row, column);
    }
    if (current.isValid())
        selectionModel()->setCurrentIndex(current, QItemSelectionModel::NoUpdate);
    if (m_wholeView)
        extendWholeView(0, m_model->rowCount() - 1);
    else
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
    QMimeData *mime = TodoModel::mimeDataOf(selectedIds());
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
