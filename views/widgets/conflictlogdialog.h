#pragma once

#include <QDialog>

class ConflictModel;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTableView;
class QUndoStack;
class TodoStore;

// The conflict log, as a window of its own next to the main window
// (non-modal): the values that a later edit on another desktop overwrote,
// and the edits that came too late for a deleted todo. Restore puts the
// lost value back (an edit of a deleted todo: the todo comes back with the
// edit) through TodoCommands, so it can be undone and it syncs; Dismiss
// hides an entry for good.
class ConflictLogDialog : public QDialog
{
    Q_OBJECT
public:
    ConflictLogDialog(TodoStore *store, QUndoStack *undoStack, QWidget *parent = nullptr);

    ConflictModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }

public Q_SLOTS:
    // Act on the selected entries. False when nothing was done (the status
    // line says why).
    bool restoreSelected();
    bool dismissSelected();

protected:
    void showEvent(QShowEvent *event) override;

private:
    QList<int> selectedRows() const;
    void updateButtons();
    void updateEmptyState();
    void setStatus(const QString &text, bool problem = false);

    TodoStore *m_store;
    QUndoStack *m_undoStack;
    ConflictModel *m_model;
    QStackedWidget *m_stack = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_emptyLabel = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_restoreButton = nullptr;
    QPushButton *m_dismissButton = nullptr;
    QList<qint64> m_selectedIds; // kept across a reload of the model
};
