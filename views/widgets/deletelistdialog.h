#pragma once

#include <QMessageBox>

// Asks what becomes of a list's todos when the list is deleted: moved to the
// Inbox, deleted with it, or nothing at all (Cancel). It opens window-modal
// and says the answer once; the window carries it out as one undo step.
class DeleteListDialog : public QMessageBox
{
    Q_OBJECT
public:
    enum class Choice { MoveToInbox, DeleteTodos };

    DeleteListDialog(const QString &listName, int todoCount, QWidget *parent);

Q_SIGNALS:
    void chosen(DeleteListDialog::Choice choice);
};
