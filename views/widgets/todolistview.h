#pragma once

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

    QStringList selectedIds() const;
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

private:
    void rememberSelection();
    void restoreSelection();

    TodoModel *m_model = nullptr;
    QStringList m_savedSelection;
    QString m_savedCurrent;
    bool m_reorderEnabled = false;
};
