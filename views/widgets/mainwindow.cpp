#include "mainwindow.h"

#include "commands/todocommands.h"
#include "conflictlogdialog.h"
#include "detailpane.h"
#include "itemmodels/sidebarmodel.h"
#include "itemmodels/todomodel.h"
#include "quickadd/quickaddparser.h"
#include "quickaddbar.h"
#include "sidebarview.h"
#include "sync/synccontroller.h"
#include "sync/syncstate.h"
#include "syncsettingsdialog.h"
#include "syncstatuswidget.h"
#include "store/localdatabase.h"
#include "store/todostore.h"
#include "tododelegate.h"
#include "todolistview.h"
#include "windowactions.h"
#include "wizard/migrationwizard.h"

#include <QAction>
#include <QActionGroup>
#include <QCloseEvent>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QUndoStack>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
constexpr int kStatusMessageMs = 4000;
// A sync notice (a restored data folder, a switch of database) stays a while: it is said once.
constexpr int kNoticeMs = 60000;
constexpr int kCountDelayMs = 150;
constexpr int kDefaultWidth = 1100;
constexpr int kDefaultHeight = 700;
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
    m_countTimer.setSingleShot(true);
    m_countTimer.setInterval(kCountDelayMs);
    connect(&m_countTimer, &QTimer::timeout, this, [this] { showCount(m_todoModel->matchingCount()); });
    connect(m_sidebarModel, &QAbstractItemModel::dataChanged, this, &MainWindow::updateOverdue);
    setObjectName(u"mainWindow"_s);
    setWindowTitle(tr("Tandem"));
    buildLayout();
    wireActions();
    restoreSettings();
    updateHeader();
    updateOverdue();
    updateDetail();
}

MainWindow::~MainWindow()
{
    // Hide while the window is still whole: an open editor (a list's name, a
    // field of the detail pane) commits when it loses the focus, and its
    // command calls back into this window, which ~QWidget would be too late for.
    hide();
}

void MainWindow::buildLayout()
{
    m_sidebar = new SidebarView;
    m_sidebar->setSidebarModel(m_sidebarModel);

    auto *center = new QWidget;
    center->setObjectName(u"centerPane"_s);
    auto *centerLayout = new QVBoxLayout(center);
    centerLayout->setContentsMargins(16, 12, 16, 0);
    centerLayout->setSpacing(8);

    auto *header = new QHBoxLayout;
    m_listTitle = new QLabel;
    m_listTitle->setObjectName(u"listTitle"_s);
    QFont titleFont = m_listTitle->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    m_listTitle->setFont(titleFont);
    m_listCount = new QLabel;
    m_listCount->setObjectName(u"listCount"_s);
    m_listCount->setForegroundRole(QPalette::PlaceholderText);
    m_search = new QLineEdit;
    m_search->setObjectName(u"searchField"_s);
    m_search->setAccessibleName(tr("Search todos"));
    m_search->setPlaceholderText(tr("Search title and notes (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->setMaximumWidth(280);
    header->addWidget(m_listTitle);
    header->addWidget(m_listCount, 0, Qt::AlignBottom);
    header->addStretch();
    header->addWidget(m_search);
    centerLayout->addLayout(header);

    m_quickAdd = new QuickAddBar;
    centerLayout->addWidget(m_quickAdd);

    m_list = new TodoListView;
    m_list->setTodoModel(m_todoModel);
    m_delegate = new TodoDelegate(m_list);
    m_list->setItemDelegate(m_delegate);
    m_list->setContextMenuPolicy(Qt::ActionsContextMenu);
    centerLayout->addWidget(m_list, 1);

    m_detail = new DetailPane;
    m_detail->setLists(m_store->lists());

    m_splitter = new QSplitter(Qt::Horizontal);
    m_splitter->setObjectName(u"mainSplitter"_s);
    m_splitter->addWidget(m_sidebar);
    m_splitter->addWidget(center);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({220, 560, 320});
    m_splitter->setChildrenCollapsible(false);
    setCentralWidget(m_splitter);

    m_statusCounts = new QLabel;
    m_statusCounts->setObjectName(u"statusCounts"_s);
    statusBar()->addPermanentWidget(m_statusCounts);

    setTabOrder(m_sidebar, m_quickAdd->input());
    setTabOrder(m_quickAdd->input(), m_list);
    setTabOrder(m_list, m_detail);
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
    connect(a->syncSettings, &QAction::triggered, this, &MainWindow::showSyncSettings);
    auto *importLegacy = new QAction(tr("&Import from the Old App…"), this);
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
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_todoModel->setSearchText(text);
        updateHeader();
    });
    connect(m_quickAdd, &QuickAddBar::submitted, this, &MainWindow::addFromQuickAdd);
    connect(m_list, &TodoListView::selectedIdsChanged, this, &MainWindow::updateDetail);
    connect(m_list, &TodoListView::reorderRequested, this, &MainWindow::reorder);
    connect(m_list, &QAbstractItemView::activated, this, [this] { m_detail->focusTitle(); });
    connect(m_delegate, &TodoDelegate::completionToggleRequested, this, [this](const QModelIndex &index) {
        TodoCommands::toggleCompleted(m_undoStack, m_store, {index.data(TodoModel::IdRole).toString()});
    });
    connect(m_detail, &DetailPane::todoEdited, this, [this](const Todo &edited, const QString &field) {
        TodoCommands::editTodo(m_undoStack, m_store, edited, field);
    });

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
    connect(m_undoStack, &QUndoStack::indexChanged, this, [this] {
        if (m_undoStack->index() > 0 || m_undoStack->canRedo())
            statusBar()->showMessage(m_undoStack->undoText().isEmpty() ? QString() : m_undoStack->undoText(), kStatusMessageMs);
    });
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(u"window/geometry"_s).toByteArray()))
        resize(kDefaultWidth, kDefaultHeight);
    m_splitter->restoreState(settings.value(u"window/splitter"_s).toByteArray());
    m_actions->hideCompleted->setChecked(settings.value(u"view/hideCompleted"_s, false).toBool());
    const int sort = settings.value(u"view/sort"_s, int(TodoModel::Sort::Manual)).toInt();
    for (QAction *action : m_actions->sortGroup->actions()) {
        if (action->data().toInt() == sort) {
            action->setChecked(true);
            m_todoModel->setSortMode(TodoModel::Sort(sort));
        }
    }
    TodoFilter last = TodoFilter::list(m_store->inboxId());
    if (settings.contains(u"view/filterKind"_s)) {
        last.kind = TodoFilter::Kind(settings.value(u"view/filterKind"_s).toInt());
        last.id = settings.value(u"view/filterId"_s).toString();
    }
    selectFilter(last);
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(u"window/geometry"_s, saveGeometry());
    settings.setValue(u"window/splitter"_s, m_splitter->saveState());
    settings.setValue(u"view/hideCompleted"_s, m_actions->hideCompleted->isChecked());
    settings.setValue(u"view/sort"_s, int(m_todoModel->sortMode()));
    settings.setValue(u"view/filterKind"_s, int(m_filter.kind));
    settings.setValue(u"view/filterId"_s, m_filter.id);
}

void MainWindow::setSyncController(SyncController *controller)
{
    // A controller replaced (new sync settings): nothing of the old one stays.
    if (m_sync) {
        disconnect(m_sync, nullptr, this, nullptr);
        disconnect(m_actions->syncNow, nullptr, m_sync, nullptr);
    }
    delete m_syncStatus;
    m_syncStatus = nullptr;
    m_sync = controller;
    m_actions->syncNow->setEnabled(controller && controller->isEnabled());
    if (!controller)
        return;
    m_syncStatus = new SyncStatusWidget(controller, m_store, this);
    statusBar()->addPermanentWidget(m_syncStatus);
    connect(m_actions->syncNow, &QAction::triggered, controller, &SyncController::syncNow);
    // The count of changes waiting to be pushed moves with every edit.
    connect(m_database, &LocalDatabase::changed, m_syncStatus, &SyncStatusWidget::refresh);
    connect(controller, &SyncController::notice, this, [this](const QString &text) {
        statusBar()->showMessage(text, kNoticeMs);
    });
    connect(controller, &SyncController::confirmationNeeded, this, &MainWindow::confirmDeletes);
}

void MainWindow::confirmDeletes(int deletions)
{
    const QString question = tr("The cloud wants to delete %n todo(s) on this computer.", nullptr, deletions);
    // Sync asks again at every poll and after every edit until the person
    // answers: the box already open takes the newest number instead of
    // another box opening on top of it.
    if (m_deleteConfirmation) {
        m_deleteConfirmation->setText(question);
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Tandem"), question, QMessageBox::NoButton, this);
    box->setInformativeText(tr("This is more than usual. If you or another desktop deleted them on purpose, "
                               "continue. Otherwise keep them: nothing is deleted until you decide."));
    QPushButton *apply = box->addButton(tr("Delete Them Here Too"), QMessageBox::DestructiveRole);
    box->addButton(tr("Not Now"), QMessageBox::RejectRole);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, apply](QAbstractButton *button) {
        if (button == apply && m_sync)
            m_sync->confirmDeletes();
    });
    // Answered, it no longer waits (its deletion comes later): the next question opens a new box.
    connect(box, &QDialog::finished, this, [this] { m_deleteConfirmation = nullptr; });
    m_deleteConfirmation = box;
    box->open();
}

void MainWindow::showMigrationWizard()
{
    if (m_migrationWizard) {
        m_migrationWizard->raise();
        m_migrationWizard->activateWindow();
        return;
    }
    auto *wizard = new MigrationWizard(m_syncProfile, this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    m_migrationWizard = wizard;
    // The Imported list is known by the id the import reports, never by its
    // name: the person may rename it, call another list "Imported", or use
    // the app in another language. A file imported before (already-migrated)
    // reports it too, without migrationFinished.
    const auto recordImportedList = [this, wizard] {
        const QUuid listId = wizard->result().importedListId;
        if (!listId.isNull())
            SyncState(m_database->database()).setImportedListId(listId.toString(QUuid::WithoutBraces));
    };
    // The rows are in the cloud now: the normal pull brings them to the local cache.
    connect(wizard, &MigrationWizard::migrationFinished, this, [this, recordImportedList] {
        recordImportedList();
        if (m_sync)
            m_sync->syncNow();
    });
    connect(wizard, &MigrationWizard::openImportedListRequested, this, [this, wizard, recordImportedList] {
        recordImportedList();
        wizard->accept();
        m_selectImportedListOnArrival = !selectImportedList();
        if (m_selectImportedListOnArrival)
            statusBar()->showMessage(tr("The Imported list appears after the next sync."), kStatusMessageMs);
    });
    wizard->open();
}

bool MainWindow::selectImportedList()
{
    const QString listId = SyncState(m_database->database()).importedListId();
    const std::optional<TodoList> imported = listId.isEmpty() ? std::nullopt : m_store->list(listId);
    if (!imported || imported->isDeleted())
        return false;
    selectFilter(TodoFilter::list(imported->id));
    return true;
}

void MainWindow::changeEvent(QEvent *event)
{
    // Coming back to the window is activity: sync resumes if it had gone idle.
    if (event->type() == QEvent::ActivationChange && isActiveWindow() && m_sync)
        m_sync->userActive();
    QMainWindow::changeEvent(event);
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
    TodoFilter effective = filter;
    effective.hideCompleted = m_actions->hideCompleted->isChecked();
    m_todoModel->setTodoFilter(effective);
    m_list->setReorderEnabled(filter.kind == TodoFilter::Kind::List
                              && m_todoModel->sortMode() == TodoModel::Sort::Manual);
    updateHeader();
    updateListActions();
    updateDetail();
}

void MainWindow::updateHeader()
{
    const QModelIndex entry = m_sidebarModel->indexOf(m_filter);
    m_listTitle->setText(entry.isValid() ? entry.data().toString() : tr("Todos"));
    // When the model holds every match its row count is the answer; else a
    // COUNT over the table waits until typing or editing pauses, so it never
    // sits between a key press and the list showing the result.
    if (!m_todoModel->canFetchMore()) {
        m_countTimer.stop();
        showCount(m_todoModel->rowCount());
    } else {
        m_countTimer.start();
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

void MainWindow::updateDetail()
{
    const QStringList ids = m_list->selectedIds();
    if (ids.size() == 1)
        m_detail->setTodo(m_store->todo(ids.first()));
    else
        m_detail->setTodo(std::nullopt);
    const bool any = !ids.isEmpty();
    m_actions->toggleCompleted->setEnabled(any);
    m_actions->deleteTodos->setEnabled(any);
    m_actions->priorityMenu->setEnabled(any);
    m_actions->moveToMenu->setEnabled(any);
    if (ids.size() > 1)
        statusBar()->showMessage(tr("%n todos selected", nullptr, int(ids.size())));
}

void MainWindow::addFromQuickAdd(const QuickAddResult &result)
{
    const Todo todo = m_presenter.quickAddTodo(result, QDate::currentDate());
    // Selected when it is among the rows already shown: fetching thousands of
    // rows to reach the end of a huge list would cost more than the add.
    if (TodoCommands::addTodo(m_undoStack, m_store, todo))
        m_list->selectId(todo.id, TodoListView::Fetch::No);
}

void MainWindow::toggleCompleted()
{
    TodoCommands::toggleCompleted(m_undoStack, m_store, m_list->selectedIds());
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

void MainWindow::deleteCurrentList()
{
    const QString listId = m_sidebar->currentListId();
    const auto list = m_store->list(listId);
    if (!list || !TodoCommands::deleteList(m_undoStack, m_store, listId))
        return;
    statusBar()->showMessage(tr("Deleted list “%1”. Undo with Ctrl+Z.").arg(list->name), kStatusMessageMs);
    selectFilter(TodoFilter::list(m_store->inboxId()));
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

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Tandem"),
                       tr("<h3>Tandem %1</h3><p>Your todos, offline first, in step on every desktop.</p>")
                           .arg(QCoreApplication::applicationVersion()));
}

void MainWindow::setSyncSettings(const Profile &profile, PasswordStore *passwords)
{
    m_syncProfile = profile;
    m_passwords = passwords;
}

void MainWindow::showSyncSettings()
{
    if (!m_passwords)
        return;
    auto *dialog = new SyncSettingsDialog(m_syncProfile, m_passwords, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SyncSettingsDialog::settingsSaved, this, [this] {
        statusBar()->showMessage(tr("Sync settings saved. Sync restarts with them."), kStatusMessageMs);
        Q_EMIT syncSettingsSaved();
    });
    dialog->open();
}

void MainWindow::showConflictLog()
{
    if (!m_conflictLog) {
        m_conflictLog = new ConflictLogDialog(m_store, m_undoStack, this);
        m_conflictLog->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_conflictLog->show();
    m_conflictLog->raise();
    m_conflictLog->activateWindow();
}
