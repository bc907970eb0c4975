// MainWindow: what acts on every selected todo at once from the quick-schedule
// menu and the bulk edit pane, deleting a list (and asking about its todos),
// and the status bar's word on undo and redo.

#include "mainwindow.h"

#include "bulkeditpane.h"
#include "commands/todocommands.h"
#include "deletelistdialog.h"
#include "detailpane.h"
#include "operations/todooperations.h"
#include "schedulemenu.h"
#include "sidebarview.h"
#include "store/todostore.h"
#include "todolistview.h"
#include "windowactions.h"

#include <QAction>
#include <QStatusBar>

void MainWindow::wireBulkEditing()
{
    ScheduleMenu *schedule = m_actions->scheduleMenu;
    m_list->addAction(schedule->menuAction());
    connect(schedule->menuAction(), &QAction::triggered, this, &MainWindow::popUpScheduleMenu);
    connect(schedule, &ScheduleMenu::dateChosen, this, &MainWindow::scheduleSelected);

    BulkEditPane *bulk = m_detail->bulkEditor();
    connect(bulk, &BulkEditPane::dueChosen, this, &MainWindow::scheduleSelected);
    connect(bulk, &BulkEditPane::tagAdded, this, [this](const QString &tag) {
        TodoCommands::perform(m_undoStack, m_store, TodoOperations::addTag(*m_store, m_list->selectedIds(), tag));
    });
    connect(bulk, &BulkEditPane::tagRemoved, this, [this](const QString &tag) {
        TodoCommands::perform(m_undoStack, m_store, TodoOperations::removeTag(*m_store, m_list->selectedIds(), tag));
    });
    connect(bulk, &BulkEditPane::priorityChosen, this, [this](Priority priority) {
        TodoCommands::setPriority(m_undoStack, m_store, m_list->selectedIds(), priority);
    });
    connect(bulk, &BulkEditPane::listChosen, this, &MainWindow::moveSelectedTo);

    // What was just undone or redone, never the name of the step after it.
    connect(m_actions, &WindowActions::undone, this, [this](const QString &text) {
        statusBar()->showMessage(tr("Undid: %1").arg(text), kStatusMessageMs);
    });
    connect(m_actions, &WindowActions::redone, this, [this](const QString &text) {
        statusBar()->showMessage(tr("Redid: %1").arg(text), kStatusMessageMs);
    });
}

void MainWindow::popUpScheduleMenu()
{
    if (m_list->selectedIds().isEmpty())
        return;
    const QRect row = m_list->visualRect(m_list->currentIndex());
    const QPoint at = row.isValid() ? row.bottomLeft() + QPoint(row.height(), 0) : QPoint(0, 0);
    m_actions->scheduleMenu->popup(m_list->viewport()->mapToGlobal(at));
}

void MainWindow::scheduleSelected(std::optional<QDate> date)
{
    TodoCommands::perform(m_undoStack, m_store, TodoOperations::setDueDate(*m_store, m_list->selectedIds(), date));
}

void MainWindow::deleteCurrentList()
{
    const QString listId = m_sidebar->currentListId();
    const auto list = m_store->list(listId);
    if (!list || list->isInbox)
        return;
    const int count = int(m_store->todosInList(listId).size());
    if (count == 0) {
        deleteList(listId, false);
        return;
    }
    auto *dialog = new DeleteListDialog(list->name, count, this);
    connect(dialog, &DeleteListDialog::chosen, this,
            [this, listId](DeleteListDialog::Choice choice) {
        deleteList(listId, choice == DeleteListDialog::Choice::MoveToInbox);
    });
    dialog->open();
}

void MainWindow::deleteList(const QString &listId, bool keepTodos)
{
    const auto list = m_store->list(listId);
    if (!list)
        return;
    const Edit edit = keepTodos ? TodoOperations::deleteListKeepingTodos(*m_store, listId)
                           : TodoOperations::deleteList(*m_store, listId);
    if (!TodoCommands::perform(m_undoStack, m_store, edit))
        return;
    statusBar()->showMessage(tr("Deleted list “%1”. Undo with Ctrl+Z.").arg(list->name), kStatusMessageMs);
    selectFilter(TodoFilter::list(m_store->inboxId()));
}
