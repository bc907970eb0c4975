// MainWindow: construction, the wiring of its actions and signals, and the todo and list actions.

#include "mainwindow.h"

#include "commands/todocommands.h"
#include "detailpane.h"
#include "itemmodels/sidebarmodel.h"
#include "itemmodels/todomodel.h"
#include "quickadd/quickaddparser.h"
#include "quickaddbar.h"
#include "schedulemenu.h"
#include "shortcutsheet.h"
#include "sidebarview.h"
#include "store/localdatabase.h"
#include "store/todostore.h"
#include "tododelegate.h"
#include "todolistview.h"
#include "windowactions.h"

#include <QAction>
#include <QActionGroup>
#include <QCloseEvent>
#include <QCoreApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QUndoStack>

using namespace Qt::StringLiterals;

namespace {
} // namespace

MainWindow::MainWindow(LocalDatabase *database, TodoStore *store, QWidget *parent)
    : QMainWindow(parent)
    , m_database(database)
    , m_store(store)
    , m_undoStack(new QUndoStack(this))
    , m_todoModel(new TodoModel(database, this))
    , m_sidebarModel(new SidebarModel(database, store, this))
    , m_actions(new WindowActions(this, m_undoStack))
    , m_presenter(store)
{
    connect(m_todoModel, &TodoModel::matchingCounted, this, &MainWindow::showCount);
    connect(m_sidebarModel, &QAbstractItemModel::dataChanged, this, &MainWindow::updateOverdue);
    setObjectName(u"mainWindow"_s);
    setWindowTitle(tr("Tandem"));
    buildLayout();
    wireActions();
    restoreSettings();
    updateHeader();
    updateOverdue();
    updateDetail();
    m_quickAdd->focusInput(); // a new todo is what a person most often comes for
}

MainWindow::~MainWindow()
{
    // Hide while the window is still whole: an open editor (a list's name, a
    // field of the detail pane) commits when it loses the focus, and its
    // command calls back into this window, which ~QWidget would be too late for.
    hide();
}

void MainWindow::wireActions()
{
    WindowActions *a = m_actions;
    connect(a->newTodo, &QAction::triggered, m_quickAdd, &QuickAddBar::focusInput);
    connect(a->newList, &QAction::triggered, this, &MainWindow::newList);
    connect(a->quit, &QAction::triggered, this, &QWidget::close);
    connect(a->toggleCompleted, &QAction::triggered, this, &MainWindow::toggleCompleted);
    connect(a->deleteTodos, &QAction::triggered, this, &MainWindow::deleteSelected);
    connect(a->editTodo, &QAction::triggered, this, &MainWindow::editTitle);
    connect(a->find, &QAction::triggered, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    connect(a->selectAll, &QAction::triggered, m_list, &QAbstractItemView::selectAll);
    for (QAction *action : a->priority)
        connect(action, &QAction::triggered, this, [this, action] { setPriority(action->data().toInt()); });
    connect(a->moveToMenu, &QMenu::aboutToShow, this, &MainWindow::fillMoveToMenu);
    connect(a->renameList, &QAction::triggered, this, [this] { m_sidebar->edit(m_sidebar->currentIndex()); });
    connect(a->deleteList, &QAction::triggered, this, &MainWindow::deleteCurrentList);
    connect(a->moveListUp, &QAction::triggered, this, [this] { moveCurrentList(-1); });
    connect(a->moveListDown, &QAction::triggered, this, [this] { moveCurrentList(+1); });
    connect(a->hideCompleted, &QAction::toggled, this, [this] { applyFilter(m_filter); });
    connect(a->sortGroup, &QActionGroup::triggered, this, [this](QAction *action) {
        m_todoModel->setSortMode(TodoModel::Sort(action->data().toInt()));
        applyFilter(m_filter);
    });
    connect(a->about, &QAction::triggered, this, &MainWindow::showAbout);
    connect(a->shortcuts, &QAction::triggered, this, [this] { showShortcutSheet(false); });
    connect(a->quickAddSyntax, &QAction::triggered, this, [this] { showShortcutSheet(true); });
    connect(a->syncSettings, &QAction::triggered, this, &MainWindow::showSyncSettings);
    connect(a->preferences, &QAction::triggered, this, &MainWindow::showPreferences);
    auto *importLegacy = new QAction(tr("&Import from the Python Todo App…"), this);
    importLegacy->setObjectName(u"actionImportLegacy"_s);
    connect(importLegacy, &QAction::triggered, this, &MainWindow::showMigrationWizard);
    if (QMenu *file = menuBar()->actions().constFirst()->menu()) // &File
        file->insertAction(a->syncSettings, importLegacy);
    connect(a->conflictLog, &QAction::triggered, this, &MainWindow::showConflictLog);

    // The list's own shortcuts (Space, Delete, Ctrl+A) and its context menu.
    m_list->addActions(a->todoActions());
    m_list->addAction(a->priorityMenu->menuAction());
    m_list->addAction(a->moveToMenu->menuAction());
    m_sidebar->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_sidebar->addActions({a->newList, a->renameList, a->moveListUp, a->moveListDown, a->deleteList});

    connect(m_sidebar, &SidebarView::filterActivated, this, &MainWindow::applyFilter);
    connect(m_sidebar, &SidebarView::todosDropped, this,
            [this](const QStringList &ids, const QString &listId) { TodoCommands::moveToList(m_undoStack, m_store, ids, listId); });
    connect(m_sidebarModel, &SidebarModel::renameRequested, this,
            [this](const QString &listId, const QString &name) { TodoCommands::renameList(m_undoStack, m_store, listId, name); });
    connect(m_search, &QLineEdit::textChanged, this, &MainWindow::searchTextChanged);
    connect(m_quickAdd, &QuickAddBar::submitted, this, &MainWindow::addFromQuickAdd);
    connect(m_quickAdd, &QuickAddBar::leaveRequested, this, [this] { m_list->setFocus(Qt::ShortcutFocusReason); });
    m_quickAdd->setListNames([this] {
        QStringList names; // a few lists, read as the line changes: no scan of the todos
        for (const TodoList &list : m_store->lists())
            names << list.name;
        return names;
    });
    connect(m_list, &TodoListView::selectedIdsChanged, this, &MainWindow::updateDetail);
    // A re-query (after every save) empties the selection for a moment before
    // the list puts it back; the pane waits for the end, so the field being
    // typed in is neither cleared nor disabled, and keeps the keyboard focus.
    connect(m_todoModel, &QAbstractItemModel::modelAboutToBeReset, this, [this] { m_requerying = true; });
    connect(m_todoModel, &QAbstractItemModel::modelReset, this, [this] {
        m_requerying = false;
        updateDetail();
    });
    connect(m_list, &TodoListView::reorderRequested, this, &MainWindow::reorder);
    connect(m_list, &QAbstractItemView::activated, this, [this] { m_detail->focusTitle(); });
    connect(m_delegate, &TodoDelegate::completionToggleRequested, this, [this](const QModelIndex &index) {
        toggleCompletedAsking({index.data(TodoModel::IdRole).toString()});
    });
    wireSubtasks(); // the detail pane's edits, its subtasks, and completing a parent
    wireReminders();

    connect(m_database, &LocalDatabase::changed, this, [this](const CacheChange &change) {
        if (change.lists) {
            m_detail->setLists(m_store->lists());
            if (m_selectImportedListOnArrival && selectImportedList())
                m_selectImportedListOnArrival = false;
        }
        const auto shown = m_detail->todo();
        if (shown && change.todoIds.contains(shown->id))
            updateDetail();
        if (!change.todoIds.isEmpty() || change.lists)
            updateHeader();
    });
    connect(m_store, &TodoStore::writeFailed, this, [this](const QString &message) {
        statusBar()->showMessage(tr("Could not save: %1").arg(message), kStatusMessageMs);
    });
    wireBulkEditing();
    connect(m_undoStack, &QUndoStack::indexChanged, this, [this] {
        if (m_undoStack->index() > 0 || m_undoStack->canRedo())
            statusBar()->showMessage(m_undoStack->undoText().isEmpty() ? QString() : m_undoStack->undoText(), kStatusMessageMs);
    });
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    event->accept();
}

void MainWindow::selectFilter(const TodoFilter &filter)
{
    m_sidebar->selectFilter(filter);
    if (!m_sidebar->currentFilter())
        applyFilter(filter);
}

void MainWindow::applyFilter(const TodoFilter &filter)
{
    m_filter = filter;
    m_presenter.setShown(filter, m_sidebarModel->indexOf(filter).data().toString());
    m_todoModel->setTodoFilter(shownFilter());
    m_list->setUniformItemSizes(!m_todoModel->groupsByDay()); // day headings make some rows taller
    m_list->setReorderEnabled(filter.kind == TodoFilter::Kind::List
                              && m_todoModel->sortMode() == TodoModel::Sort::Manual);
    updateHeader();
    updateListActions();
    updateDetail();
}

void MainWindow::updateHeader()
{
    m_listTitle->setText(headerTitle());
    updateViewHints();
    // When the model holds every match its row count is the answer; else a
    // COUNT over the table runs on the model's counting thread, so it never
    // sits between a key press and the list showing the result.
    if (!m_todoModel->canFetchMore()) {
        m_todoModel->cancelMatchingCount();
        showCount(m_todoModel->rowCount());
    } else {
        m_todoModel->requestMatchingCount();
    }
}

void MainWindow::showCount(int matching)
{
    m_listCount->setText(m_search->text().trimmed().isEmpty() ? tr("%n todo(s)", nullptr, matching)
                                                              : tr("%n match(es)", nullptr, matching));
}

void MainWindow::updateOverdue()
{
    // The sidebar has counted it already, off the path of the edit itself.
    const QModelIndex overdue = m_sidebarModel->indexOf(TodoFilter::smart(TodoFilter::Kind::Overdue));
    const int count = overdue.data(SidebarModel::CountRole).toInt();
    m_statusCounts->setText(count > 0 ? tr("%n overdue", nullptr, count) : tr("Nothing overdue"));
}

void MainWindow::updateListActions()
{
    const QString listId = m_sidebar->currentListId();
    const auto list = listId.isEmpty() ? std::nullopt : m_store->list(listId);
    const bool editable = list && !list->isInbox;
    m_actions->renameList->setEnabled(editable);
    m_actions->deleteList->setEnabled(editable);
    m_actions->moveListUp->setEnabled(editable);
    m_actions->moveListDown->setEnabled(editable);
}

void MainWindow::reloadDetail()
{
    m_forceDetailLoad = true;
    updateDetail();
    m_forceDetailLoad = false;
}

void MainWindow::reloadDetailUnlessLoaded(quint64 loadsBefore)
{
    if (m_detailLoads == loadsBefore)
        reloadDetail();
}

void MainWindow::updateDetail()
{
    if (m_requerying)
        return;
    const QStringList ids = m_list->selectedIds();
    bool loaded = true;
    if (!showOpenedTodo(ids)) { // else a subtask opened from its parent's pane
        if (ids.size() == 1) {
            const auto todo = m_store->todo(ids.first());
            loaded = m_forceDetailLoad || !m_detail->showsUnchanged(todo);
            if (loaded) {
                m_detail->setTodo(todo);
                ++m_detailLoads;
            }
        } else if (ids.size() > 1)
            m_detail->showSelected(int(ids.size()));
        else
            m_detail->setTodo(std::nullopt);
    }
    const bool any = !ids.isEmpty();
    m_actions->toggleCompleted->setEnabled(any);
    m_actions->deleteTodos->setEnabled(any);
    m_actions->priorityMenu->setEnabled(any);
    m_actions->moveToMenu->setEnabled(any);
    m_actions->scheduleMenu->setEnabled(any);
    if (ids.size() > 1)
        statusBar()->showMessage(tr("%n todos selected", nullptr, int(ids.size())));
    if (loaded) {
        updateSubtasks();
        updateReminders();
    }
}

void MainWindow::addFromQuickAdd(const QuickAddResult &result)
{
    // The todo, and the list its @name asks for when there is none yet: one undo step.
    const Edit edit = m_presenter.quickAdd(result, QDate::currentDate());
    // Selected when it is among the rows already shown: fetching thousands of
    // rows to reach the end of a huge list would cost more than the add.
    if (TodoCommands::perform(m_undoStack, m_store, edit))
        m_list->selectId(edit.after.todos.constLast().id, TodoListView::Fetch::No);
}

void MainWindow::toggleCompleted()
{
    toggleCompletedAsking(m_list->selectedIds());
}

void MainWindow::deleteSelected()
{
    const QStringList ids = m_list->selectedIds();
    if (ids.isEmpty())
        return;
    // Select the row after the deleted ones, so Delete can be pressed again.
    const int nextRow = m_list->currentIndex().row();
    if (TodoCommands::deleteTodos(m_undoStack, m_store, ids)) {
        const int row = qMin(nextRow, m_todoModel->rowCount() - 1);
        if (row >= 0)
            m_list->selectId(m_todoModel->idAt(row));
    }
}

void MainWindow::setPriority(int priority)
{
    TodoCommands::setPriority(m_undoStack, m_store, m_list->selectedIds(), Priorities::fromInt(priority));
}

void MainWindow::moveSelectedTo(const QString &listId)
{
    TodoCommands::moveToList(m_undoStack, m_store, m_list->selectedIds(), listId);
}

void MainWindow::fillMoveToMenu()
{
    QMenu *menu = m_actions->moveToMenu;
    menu->clear();
    for (const TodoList &list : m_store->lists()) {
        QAction *action = menu->addAction(list.isInbox ? tr("Inbox") : list.name);
        connect(action, &QAction::triggered, this, [this, id = list.id] { moveSelectedTo(id); });
    }
}

void MainWindow::editTitle()
{
    if (m_sidebar->hasFocus()) {
        if (m_actions->renameList->isEnabled()) // the Inbox and the smart lists keep their names
            m_sidebar->edit(m_sidebar->currentIndex());
        return;
    }
    m_detail->focusTitle();
}

void MainWindow::newList()
{
    QString id;
    if (!TodoCommands::createList(m_undoStack, m_store, tr("New List"), &id))
        return;
    selectFilter(TodoFilter::list(id));
    m_sidebar->setFocus();
    m_sidebar->edit(m_sidebar->currentIndex());
}

void MainWindow::moveCurrentList(int delta)
{
    const QString listId = m_sidebar->currentListId();
    int index = 0;
    for (const TodoList &list : m_store->lists()) {
        if (list.isInbox)
            continue;
        if (list.id == listId)
            break;
        ++index;
    }
    // moveList counts positions among the other lists, so one step down is index + 1.
    if (TodoCommands::moveList(m_undoStack, m_store, listId, index + (delta > 0 ? 1 : -1)))
        selectFilter(TodoFilter::list(listId));
}

void MainWindow::reorder(const QStringList &ids, const QString &afterId, const QString &beforeId)
{
    TodoCommands::perform(m_undoStack, m_store, m_presenter.drop(ids, afterId, beforeId));
}

void MainWindow::showShortcutSheet(bool quickAddPage)
{
    if (!m_shortcutSheet) {
        m_shortcutSheet = new ShortcutSheet(m_actions, this);
        m_shortcutSheet->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_shortcutSheet->showPage(quickAddPage ? ShortcutSheet::Page::QuickAdd : ShortcutSheet::Page::Shortcuts);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Tandem"),
                       tr("<h3>Tandem %1</h3><p>Your todos, offline first, in step on every desktop.</p>")
                           .arg(QCoreApplication::applicationVersion()));
}
