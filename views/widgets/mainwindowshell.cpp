// MainWindow's side of the tray and of reminders: what a notification's click,
// the tray menu and a second start of tandem ask of the window.
#include "mainwindow.h"

#include "preferencesdialog.h"
#include "quickaddbar.h"
#include "sidebarview.h"
#include "store/todostore.h"
#include "todolistview.h"

void MainWindow::showTodo(const QString &id)
{
    if (const std::optional<Todo> todo = m_store->todo(id)) {
        // Its list shows it whatever view was picked (Today may not).
        if (!m_list->selectId(id, TodoListView::Fetch::Yes)) {
            selectFilter(TodoFilter::list(todo->listId));
            m_list->selectId(id, TodoListView::Fetch::Yes);
        }
    }
    showNormal();
    raise();
    activateWindow();
}

void MainWindow::showQuickAdd()
{
    showNormal();
    raise();
    activateWindow();
    m_quickAdd->focusInput();
}

void MainWindow::showPreferences()
{
    PreferencesDialog dialog(this);
    connect(&dialog, &PreferencesDialog::saved, this, &MainWindow::preferencesSaved);
    dialog.exec();
}
