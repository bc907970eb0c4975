#pragma once

#include "cloud/profile.h"
#include "itemmodels/todofilter.h"
#include "presenters/todolistpresenter.h"

#include <QDate>
#include <QMainWindow>
#include <QPointer>

class CompleteParentDialog;
class ConflictLogDialog;
class DetailPane;
class EmptyState;
class ShortcutSheet;
class LocalDatabase;
class PasswordStore;
class QLabel;
class QLineEdit;
class QMessageBox;
class QSplitter;
class QToolButton;
class QUndoStack;
class QuickAddBar;
struct QuickAddResult;
class SidebarModel;
class MigrationWizard;
class SyncController;
class SyncStatusWidget;
class SidebarView;
class TodoDelegate;
class TodoListView;
class TodoModel;
class TodoStore;
class WindowActions;

// The main window: sidebar, quick-add line and todo list, detail pane and a
// status bar. It owns the undo stack; every edit it makes is a command.
// Its member functions: mainwindow.cpp, mainwindowlayout.cpp (widgets), mainwindowsync.cpp.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(LocalDatabase *database, TodoStore *store, QWidget *parent = nullptr);
    ~MainWindow() override;

    QUndoStack *undoStack() const { return m_undoStack; }
    TodoModel *todoModel() const { return m_todoModel; }
    SidebarModel *sidebarModel() const { return m_sidebarModel; }
    WindowActions *actions() const { return m_actions; }
    TodoListView *todoList() const { return m_list; }
    SidebarView *sidebar() const { return m_sidebar; }
    DetailPane *detailPane() const { return m_detail; }
    QuickAddBar *quickAddBar() const { return m_quickAdd; }
    QLineEdit *searchField() const { return m_search; }

    void selectFilter(const TodoFilter &filter);
    // File > Import from the Python Todo App…; main() also calls it at the first launch.
    void showMigrationWizard();
    // Shows sync in the status bar and enables Sync Now. The window does not own it.
    void setSyncController(SyncController *controller);
    SyncStatusWidget *syncStatus() const { return m_syncStatus; }
    // What File > Sync Settings edits: the active profile (with its
    // password) and the store that keeps passwords. The window owns neither.
    void setSyncSettings(const Profile &profile, PasswordStore *passwords);

    // For the app's reminders and tray (mainwindowreminders.cpp): the window
    // shown, raised and with this todo selected (its list shown); the
    // quick-add line focused; Preferences.
    void showTodo(const QString &id);
    void showQuickAdd();
    void showPreferences();

Q_SIGNALS:
    // Sync Settings saved new settings: whoever owns sync restarts it.
    void syncSettingsSaved();
    // Preferences saved: the app reads them again (keep running, open at login).
    void preferencesSaved();

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    static constexpr int kStatusMessageMs = 4000;
    // A sync notice (a restored data folder, a switch of database) stays a while: it is said once.
    static constexpr int kNoticeMs = 60000;

    void buildLayout();
    void wireActions();
    void restoreSettings();
    void saveSettings() const;

    void applyFilter(const TodoFilter &filter);
    void addFromQuickAdd(const QuickAddResult &result);
    void toggleCompleted();
    void deleteSelected();
    void setPriority(int priority);
    void moveSelectedTo(const QString &listId);
    void fillMoveToMenu();
    void editTitle();
    void newList();
    // The list's todos go with it or to the Inbox, as the person answers (mainwindowbulk.cpp).
    void deleteCurrentList();
    void deleteList(const QString &listId, bool keepTodos);
    // The quick-schedule menu and the bulk edit pane (mainwindowbulk.cpp).
    void wireBulkEditing();
    void popUpScheduleMenu();
    void scheduleSelected(std::optional<QDate> date);
    void moveCurrentList(int delta);
    void reorder(const QStringList &ids, const QString &afterId, const QString &beforeId);
    void showAbout();
    void showSyncSettings();
    void showConflictLog();
    // Asks whether a pull may delete this many todos here; one box at a time.
    void confirmDeletes(int deletions);

    // The detail pane for the selection; the todo shown is read again but
    // loaded only when it changed (an edit is announced to the pane twice:
    // as a change of the todo, and as the list's re-query).
    void updateDetail();
    // The same, loaded even when unchanged: after a refused or kept toggle,
    // the pane's check box shows the store again.
    void reloadDetail();
    // Reloads the pane unless it was loaded since loadsBefore (m_detailLoads).
    void reloadDetailUnlessLoaded(quint64 loadsBefore);
    // Subtasks in the detail pane, and the question on completing a parent (mainwindowsubtasks.cpp).
    void wireSubtasks();
    void updateSubtasks();
    // The detail pane's reminders (mainwindowreminders.cpp).
    void wireReminders();
    void updateReminders();
    // Shows the todo opened over this selection (a subtask, from its parent's pane); false if none.
    bool showOpenedTodo(const QStringList &selectedIds);
    void openTodo(const QString &id);
    // Space and the check boxes: completes them unless all are done, then reopens them.
    void toggleCompletedAsking(const QStringList &ids);
    // Completing a todo with open subtasks asks first whether they are done too.
    void setCompletedAsking(const QStringList &ids, bool completed);
    void updateHeader();
    void showShortcutSheet(bool quickAddPage);

    // The search (mainwindowsearch.cpp): everywhere, or in the list shown.
    void buildSearchScope();
    void searchTextChanged(const QString &text);
    bool isSearching() const;
    bool searchesEverywhere() const;
    // What the list shows: the view picked, or every list while searching everywhere.
    TodoFilter shownFilter() const;
    QString headerTitle() const;
    // The search chip and the empty view's message, for the view and search shown.
    void updateViewHints();
    void showCount(int matching);
    void updateOverdue();
    void updateListActions();
    // Selects the list the legacy import wrote, by the id it recorded
    // (SyncState::importedListId); false while the pull has not brought it.
    bool selectImportedList();

    LocalDatabase *m_database;
    TodoStore *m_store;
    QUndoStack *m_undoStack;
    TodoModel *m_todoModel;
    SidebarModel *m_sidebarModel;
    WindowActions *m_actions;
    TodoListPresenter m_presenter;

    QSplitter *m_splitter = nullptr;
    SidebarView *m_sidebar = nullptr;
    QuickAddBar *m_quickAdd = nullptr;
    QLineEdit *m_search = nullptr;
    QToolButton *m_searchScope = nullptr; // the chip that limits a search to the list shown
    EmptyState *m_emptyState = nullptr;
    QPointer<ShortcutSheet> m_shortcutSheet;
    QLabel *m_listTitle = nullptr;
    QLabel *m_listCount = nullptr;
    TodoListView *m_list = nullptr;
    TodoDelegate *m_delegate = nullptr;
    DetailPane *m_detail = nullptr;
    QLabel *m_statusCounts = nullptr;
    SyncController *m_sync = nullptr;
    SyncStatusWidget *m_syncStatus = nullptr;
    TodoFilter m_filter;
    Profile m_syncProfile;
    QPointer<MigrationWizard> m_migrationWizard;
    bool m_selectImportedListOnArrival = false; // "Open the Imported List" came before the pull
    PasswordStore *m_passwords = nullptr;
    QPointer<ConflictLogDialog> m_conflictLog;
    QPointer<QMessageBox> m_deleteConfirmation;
    bool m_requerying = false; // between the todo model's reset signals
    bool m_forceDetailLoad = false; // inside reloadDetail()
    quint64 m_detailLoads = 0; // todos loaded into the detail pane so far
    QString m_openedId; // a todo the detail pane shows instead of the selected row (a subtask)
    QStringList m_openedOver; // the selection it was opened over; another selection closes it
    QPointer<CompleteParentDialog> m_completeQuestion;
};
