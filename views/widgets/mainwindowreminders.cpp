// MainWindow: the detail pane's reminders. Each add and remove is one undo
// step of ReminderOperations; the pane shows the store's rows again when the
// store announces a change of the shown todo's reminders, whoever made it
// (this window, its undo stack, a pull, tandem-cli).

#include "mainwindow.h"

#include "commands/todocommands.h"
#include "detailpane.h"
#include "operations/reminderoperations.h"
#include "remindereditor.h"
#include "store/localdatabase.h"
#include "store/todostore.h"


void MainWindow::wireReminders()
{
    ReminderEditor *editor = m_detail->reminderEditor();
    connect(editor, &ReminderEditor::addRequested, this, [this](const Reminder &reminder) {
        TodoCommands::perform(m_undoStack, m_store, ReminderOperations::add(*m_store, {reminder}));
    });
    connect(editor, &ReminderEditor::removeRequested, this, [this](const QString &reminderId) {
        TodoCommands::perform(m_undoStack, m_store, ReminderOperations::remove(*m_store, reminderId));
    });

    // A change of the shown todo's own row reloads the whole pane
    // (updateDetail), reminders included; a change of its reminders alone
    // leaves the todo as it was, so only the reminders are read again.
    // Another process's change names only some of its todos (the ones still
    // in the outbox, never a reminder's), so it is read again whatever the ids.
    connect(m_database, &LocalDatabase::changed, this, [this](const CacheChange &change) {
        const auto shown = m_detail->todo();
        if (change.reminders && shown
            && (change.origin == CacheChange::Origin::External || change.todoIds.contains(shown->id)))
            updateReminders();
    });
}

void MainWindow::updateReminders()
{
    const auto shown = m_detail->todo();
    if (!shown)
        return;
    m_detail->reminderEditor()->showReminders(*shown, m_store->reminders({shown->id})); // the live ones
}
