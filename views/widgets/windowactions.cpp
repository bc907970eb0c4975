#include "windowactions.h"

#include "commands/todocommands.h"
#include "itemmodels/todomodel.h"
#include "redokeys.h"
#include "schedulemenu.h"

#include <QAction>
#include <QActionGroup>
#include <QMainWindow>
#include <QMenuBar>
#include <QUndoStack>

using namespace Qt::StringLiterals;

WindowActions::WindowActions(QMainWindow *window, QUndoStack *undoStack)
    : QObject(window)
    , m_window(window)
{
    newTodo = make(u"actionNewTodo"_s, tr("&New Todo"), QKeySequence::New);
    newList = make(u"actionNewList"_s, tr("New &List"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    syncNow = make(u"actionSyncNow"_s, tr("&Sync Now"), QKeySequence(Qt::Key_F5));
    syncNow->setEnabled(false); // until a sync controller is attached
    syncSettings = make(u"actionSyncSettings"_s, tr("Sync Se&ttings…"), {});
    preferences = make(u"actionPreferences"_s, tr("&Preferences…"), QKeySequence(Qt::CTRL | Qt::Key_Comma));
    preferences->setMenuRole(QAction::PreferencesRole);
    quit = make(u"actionQuit"_s, tr("&Quit"), QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    undo = undoStack->createUndoAction(this, tr("&Undo"));
    undo->setObjectName(u"actionUndo"_s);
    undo->setShortcut(QKeySequence::Undo);
    redo = undoStack->createRedoAction(this, tr("&Redo"));
    redo->setObjectName(u"actionRedo"_s);
    redo->setShortcuts(redoKeys());
    // The stack's actions keep their text and enabled state, but step
    // through TodoCommands: the store writes first, and a write it refuses
    // leaves the stack where it was (QUndoStack::undo() would move anyway).
    disconnect(undo, &QAction::triggered, undoStack, &QUndoStack::undo);
    disconnect(redo, &QAction::triggered, undoStack, &QUndoStack::redo);
    connect(undo, &QAction::triggered, undoStack, [this, undoStack] {
        const QString text = undoStack->undoText();
        if (TodoCommands::undo(undoStack))
            Q_EMIT undone(text);
    });
    connect(redo, &QAction::triggered, undoStack, [this, undoStack] {
        const QString text = undoStack->redoText();
        if (TodoCommands::redo(undoStack))
            Q_EMIT redone(text);
    });

    // Space and Delete belong to the todo list only, so they never steal
    // keys from the text fields; MainWindow adds these actions to the list.
    toggleCompleted = make(u"actionToggleCompleted"_s, tr("&Complete"), QKeySequence(Qt::Key_Space));
    toggleCompleted->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    deleteTodos = make(u"actionDelete"_s, tr("&Delete"), QKeySequence::Delete);
    deleteTodos->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    editTodo = make(u"actionEdit"_s, tr("&Edit Title"), QKeySequence(Qt::Key_F2));
    find = make(u"actionFind"_s, tr("&Find…"), QKeySequence::Find);
    selectAll = make(u"actionSelectAll"_s, tr("Select &All"), QKeySequence::SelectAll);
    selectAll->setShortcutContext(Qt::WidgetWithChildrenShortcut);

    const QString priorityNames[4] = {tr("&None"), tr("&Low"), tr("&Medium"), tr("&High")};
    for (int p = 0; p < 4; ++p) {
        priority[p] = make(u"actionPriority%1"_s.arg(p), priorityNames[p],
                           QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_0 + p)));
        priority[p]->setData(p);
    }

    renameList = make(u"actionRenameList"_s, tr("&Rename List"), {});
    deleteList = make(u"actionDeleteList"_s, tr("&Delete List"), {});
    moveListUp = make(u"actionMoveListUp"_s, tr("Move List &Up"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Up));
    moveListDown = make(u"actionMoveListDown"_s, tr("Move List Do&wn"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Down));

    hideCompleted = make(u"actionHideCompleted"_s, tr("&Hide Completed"), QKeySequence(Qt::CTRL | Qt::Key_H));
    hideCompleted->setCheckable(true);
    conflictLog = make(u"actionConflictLog"_s, tr("&Conflict Log…"), {});

    sortGroup = new QActionGroup(this);
    const std::pair<TodoModel::Sort, QString> sorts[] = {
        {TodoModel::Sort::Manual, tr("&Manual Order")},
        {TodoModel::Sort::DueDate, tr("&Due Date")},
        {TodoModel::Sort::Priority, tr("&Priority")},
        {TodoModel::Sort::Title, tr("&Title")},
        {TodoModel::Sort::Created, tr("&Newest First")},
    };
    for (const auto &[sort, text] : sorts) {
        QAction *action = make(u"actionSort%1"_s.arg(int(sort)), text, {});
        action->setCheckable(true);
        action->setData(int(sort));
        action->setChecked(sort == TodoModel::Sort::Manual);
        sortGroup->addAction(action);
    }

    shortcuts = make(u"actionShortcuts"_s, tr("&Keyboard Shortcuts"), {});
    shortcuts->setShortcuts({QKeySequence::HelpContents, QKeySequence(Qt::CTRL | Qt::Key_Question)});
    quickAddSyntax = make(u"actionQuickAddSyntax"_s, tr("&Quick Add Syntax"), {});
    about = make(u"actionAbout"_s, tr("&About Tandem"), {});
    about->setMenuRole(QAction::AboutRole);
    buildMenus(window);
}

QAction *WindowActions::make(const QString &name, const QString &text, const QKeySequence &shortcut)
{
    auto *action = new QAction(text, this);
    action->setObjectName(name);
    if (!shortcut.isEmpty())
        action->setShortcut(shortcut);
    return action;
}

QList<QAction *> WindowActions::todoActions() const
{
    return {toggleCompleted, deleteTodos, editTodo, selectAll};
}

void WindowActions::buildMenus(QMainWindow *window)
{
    QMenuBar *bar = window->menuBar();
    QMenu *file = bar->addMenu(tr("&File"));
    file->setObjectName(u"menuFile"_s);
    file->addAction(newTodo);
    file->addAction(newList);
    file->addSeparator();
    file->addAction(syncNow);
    file->addAction(syncSettings);
    file->addAction(preferences);
    file->addSeparator();
    file->addAction(quit);

    QMenu *edit = bar->addMenu(tr("&Edit"));
    edit->setObjectName(u"menuEdit"_s);
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    edit->addAction(toggleCompleted);
    edit->addAction(editTodo);
    priorityMenu = edit->addMenu(tr("&Priority"));
    priorityMenu->setObjectName(u"menuPriority"_s);
    for (QAction *action : priority)
        priorityMenu->addAction(action);
    moveToMenu = edit->addMenu(tr("&Move To"));
    moveToMenu->setObjectName(u"menuMoveTo"_s);
    scheduleMenu = new ScheduleMenu(window);
    scheduleMenu->menuAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    scheduleMenu->menuAction()->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    edit->addMenu(scheduleMenu);
    edit->addAction(deleteTodos);
    edit->addSeparator();
    edit->addAction(selectAll);
    edit->addAction(find);

    QMenu *list = bar->addMenu(tr("&List"));
    list->setObjectName(u"menuList"_s);
    list->addAction(newList);
    list->addAction(renameList);
    list->addAction(moveListUp);
    list->addAction(moveListDown);
    list->addSeparator();
    list->addAction(deleteList);

    QMenu *view = bar->addMenu(tr("&View"));
    view->setObjectName(u"menuView"_s);
    QMenu *sortMenu = view->addMenu(tr("&Sort By"));
    sortMenu->addActions(sortGroup->actions());
    view->addAction(hideCompleted);
    view->addSeparator();
    view->addAction(conflictLog);

    QMenu *help = bar->addMenu(tr("&Help"));
    help->setObjectName(u"menuHelp"_s);
    help->addAction(shortcuts);
    help->addAction(quickAddSyntax);
    help->addSeparator();
    help->addAction(about);
}
