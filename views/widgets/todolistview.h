#pragma once

#include "itemmodels/todofilter.h"

#include <QListView>

class TodoModel;

// The list of todos. It keeps the selection across the model's resets (each
// store change re-runs the query), and turns drags within itself into
// reorder requests; whoever owns the undo stack carries them out.
class TodoListView : public QListView
{
    Q_OBJECT
public:
    explicit TodoListView(QWidget *parent = nullptr);

    void setTodoModel(TodoModel *model);
    TodoModel *todoModel() const { return m_model; }

    // Every todo selected, in the order shown, the rows not fetched yet
    // included (after Select All, one query names them all).
    QStringList selectedIds() const;
    // Selects every row the view stands for, fetched or not, without fetching.
    void selectAll() override;
    QString currentId() const;
    enum class Fetch { Yes, No };
    // Makes a todo current and selected; with Fetch::Yes it fetches rows until it is found.
    bool selectId(const QString &id, Fetch fetch = Fetch::Yes);
    // Whether dragging to reorder makes sense in the current view.
    void setReorderEnabled(bool enabled);

Q_SIGNALS:
    // ids dropped between the rows of afterId and beforeId (either may be empty: an end).
    void reorderRequested(const QStringList &ids, const QString &afterId, const QString &beforeId);
    void selectedIdsChanged();

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void startDrag(Qt::DropActions supportedActions) override;
    QModelIndex moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers modifiers) override;
    QItemSelectionModel::SelectionFlags selectionCommand(const QModelIndex &index,
                                                         const QEvent *event = nullptr) const override;

private:
    void rememberSelection();
    void restoreSelection();
    void onSelectionChanged(const QItemSelection &deselected);
    void onRowsFetched(int first, int last);
    // Selects rows first..last as part of a whole-view selection (no change of the ids).
    void extendWholeView(int first, int last);

    TodoModel *m_model = nullptr;
    QStringList m_savedSelection;
    QString m_savedCurrent;
    bool m_reorderEnabled = false;
    // Select All: every row is selected, the ones not fetched yet too. Rows
    // fetched later join the selection; selectedIds() asks the model for the ids.
    bool m_wholeView = false;
    bool m_extending = false; // selecting fetched rows into the whole view
    // What the person's last click or key asked of the selection.
    mutable QItemSelectionModel::SelectionFlags m_lastCommand;
    TodoFilter m_shownFilter; // the rows' filter at the last reset: a new one opens at the top
};
