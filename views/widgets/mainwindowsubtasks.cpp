// MainWindow: subtasks in the detail pane (add, tick, rename, remove, open),
// the detail pane's edits, and the question on completing a todo whose
// subtasks are still open. Each answer and each change is one undo step.

#include "mainwindow.h"

#include "commands/todocommands.h"
#include "completeparentdialog.h"
#include "detailpane.h"
#include "operations/subtaskoperations.h"
#include "store/localdatabase.h"
#include "store/todostore.h"
#include "subtaskspane.h"
#include "todolistview.h"

#include <QUndoStack>

#include <algorithm>

void MainWindow::wireSubtasks()
{
    connect(m_detail, &DetailPane::todoEdited, this, [this](const Todo &edited, const QString &field) {
        if (field == QLatin1String(TodoField::Completed) && edited.completed) {
            setCompletedAsking({edited.id}, true);
            return;
        }
        TodoCommands::editTodo(m_undoStack, m_store, edited, field);
    });

    SubtasksPane *pane = m_detail->subtasksPane();
    connect(pane, &SubtasksPane::addRequested, this, [this](const QString &title) {
        if (const auto shown = m_detail->todo())
            TodoCommands::perform(m_undoStack, m_store, SubtaskOperations::addSubtask(*m_store, shown->id, title));
    });
    connect(pane, &SubtasksPane::completionRequested, this, [this](const QString &id, bool completed) {
        TodoCommands::setCompleted(m_undoStack, m_store, {id}, completed);
        updateSubtasks(); // a refused write shows the box as it was
    });
    connect(pane, &SubtasksPane::renameRequested, this, [this](const QString &id, const QString &title) {
        if (auto subtask = m_store->todo(id); subtask && subtask->title != title) {
            subtask->title = title;
            TodoCommands::editTodo(m_undoStack, m_store, *subtask, QString::fromLatin1(TodoField::Title));
        }
        updateSubtasks();
    });
    connect(pane, &SubtasksPane::removeRequested, this,
            [this](const QString &id) { TodoCommands::deleteTodos(m_undoStack, m_store, {id}); });
    connect(pane, &SubtasksPane::openRequested, this, &MainWindow::openTodo);

    // A subtask's change is not the shown todo's, but its pane shows it.
    connect(m_database, &LocalDatabase::changed, this, [this](const CacheChange &change) {
        // A change of the shown todo itself reloads the whole pane (updateDetail), subtasks included.
        const auto shown = m_detail->todo();
        if (!change.todoIds.isEmpty() && shown && !m_requerying && !change.todoIds.contains(shown->id))
            updateSubtasks();
    });
}

void MainWindow::updateSubtasks()
{
    SubtasksPane *pane = m_detail->subtasksPane();
    const auto shown = m_detail->todo();
    if (!shown)
        return;
    if (shown->parentId.isEmpty()) {
        pane->showSubtasks(SubtaskOperations::subtasksOf(*m_store, shown->id));
        return;
    }
    const auto parent = m_store->todo(shown->parentId);
    pane->showParent(shown->parentId, parent ? parent->title : QString());
}

bool MainWindow::showOpenedTodo(const QStringList &selectedIds)
{
    if (m_openedId.isEmpty())
        return false;
    const auto opened = m_store->todo(m_openedId);
    if (selectedIds != m_openedOver || !opened || opened->isDeleted()) {
        m_openedId.clear();
        return false;
    }
    m_detail->setTodo(opened);
    return true;
}

void MainWindow::openTodo(const QString &id)
{
    const QStringList selected = m_list->selectedIds();
    m_openedId.clear();
    // The row when the list shows it (the parent, or a subtask in Today); else the pane alone.
    if (selected != QStringList{id} && !m_list->selectId(id, TodoListView::Fetch::No)) {
        m_openedId = id;
        m_openedOver = selected;
    }
    updateDetail();
}

void MainWindow::toggleCompletedAsking(const QStringList &ids)
{
    // Most selections have no open subtasks: then the toggle reads the rows
    // once, in the edit layer, however many are selected.
    if (SubtaskOperations::openSubtaskIds(*m_store, ids).isEmpty()) {
        const quint64 loads = m_detailLoads;
        TodoCommands::toggleCompleted(m_undoStack, m_store, ids);
        if (ids.size() == 1) // the pane's box shows what the store kept (a repeating todo stays open, a refused write)
            reloadDetailUnlessLoaded(loads);
        return;
    }
    const QList<Todo> todos = m_store->todos(ids);
    const bool allDone = !todos.isEmpty()
        && std::all_of(todos.cbegin(), todos.cend(), [](const Todo &todo) { return todo.completed; });
    setCompletedAsking(ids, !allDone);
}

void MainWindow::setCompletedAsking(const QStringList &ids, bool completed)
{
    const QStringList open = completed ? SubtaskOperations::openSubtaskIds(*m_store, ids) : QStringList();
    if (open.isEmpty()) {
        const quint64 loads = m_detailLoads;
        TodoCommands::setCompleted(m_undoStack, m_store, ids, completed);
        if (ids.size() == 1) // the pane's box shows what the store kept (a repeating todo stays open, a refused write)
            reloadDetailUnlessLoaded(loads);
        return;
    }
    if (m_completeQuestion)
        return; // one question at a time
    const auto first = m_store->todo(ids.constFirst());
    auto *dialog = new CompleteParentDialog(first ? first->title : QString(), int(ids.size()), int(open.size()), this);
    m_completeQuestion = dialog;
    connect(dialog, &CompleteParentDialog::chosen, this, [this, ids](CompleteParentDialog::Choice choice) {
        if (choice == CompleteParentDialog::Choice::CompleteAll)
            TodoCommands::perform(m_undoStack, m_store, SubtaskOperations::completeWithSubtasks(*m_store, ids));
        else
            TodoCommands::setCompleted(m_undoStack, m_store, ids, true);
    });
    // Whatever the answer, Cancel included, the detail pane's box shows the store again.
    connect(dialog, &QDialog::finished, this, &MainWindow::reloadDetail);
    dialog->open();
}
