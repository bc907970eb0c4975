#pragma once

#include <QObject>

class QAction;
class QActionGroup;
class QMainWindow;
class QMenu;
class QUndoStack;
class ScheduleMenu;

// Every action of the main window, with its shortcut and name, and the menu
// bar built from them. Behaviour is wired by MainWindow.
class WindowActions : public QObject
{
    Q_OBJECT
public:
    WindowActions(QMainWindow *window, QUndoStack *undoStack);

    QAction *newTodo = nullptr;
    QAction *newList = nullptr;
    QAction *syncNow = nullptr;
    QAction *syncSettings = nullptr;
    QAction *preferences = nullptr; // Ctrl+,
    QAction *quit = nullptr;
    QAction *undo = nullptr;
    QAction *redo = nullptr;
    QAction *toggleCompleted = nullptr;
    QAction *deleteTodos = nullptr;
    QAction *editTodo = nullptr;
    QAction *find = nullptr;
    QAction *selectAll = nullptr;
    QAction *priority[4] = {};
    QAction *renameList = nullptr;
    QAction *deleteList = nullptr;
    QAction *moveListUp = nullptr;
    QAction *moveListDown = nullptr;
    QAction *hideCompleted = nullptr;
    QAction *conflictLog = nullptr;
    QActionGroup *sortGroup = nullptr;
    QAction *about = nullptr;
    QAction *shortcuts = nullptr;     // F1, Ctrl+?: the shortcut sheet
    QAction *quickAddSyntax = nullptr;

    QMenu *moveToMenu = nullptr;     // filled with the lists when it opens
    QMenu *priorityMenu = nullptr;
    // Today, Tomorrow, …; Ctrl+D (its menu action's shortcut) opens it on the list.
    ScheduleMenu *scheduleMenu = nullptr;
    // The todo actions that act on the selection, for the list's context menu.
    QList<QAction *> todoActions() const;

Q_SIGNALS:
    // Undo or redo stepped over the edit with this text.
    void undone(const QString &text);
    void redone(const QString &text);

private:
    QAction *make(const QString &name, const QString &text, const QKeySequence &shortcut);
    void buildMenus(QMainWindow *window);

    QMainWindow *m_window;
};
