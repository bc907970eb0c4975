#include "deletelistdialog.h"

#include <QPushButton>

using namespace Qt::StringLiterals;

DeleteListDialog::DeleteListDialog(const QString &listName, int todoCount, QWidget *parent)
    : QMessageBox(QMessageBox::Question, tr("Delete List"),
                  tr("Delete the list “%1”? It has %n todo(s).", nullptr, todoCount).arg(listName),
                  QMessageBox::NoButton, parent)
{
    setObjectName(u"deleteListDialog"_s);
    setInformativeText(tr("Either way, Undo brings everything back."));
    QPushButton *move = addButton(tr("Move Its %n Todo(s) to Inbox", nullptr, todoCount), QMessageBox::AcceptRole);
    move->setObjectName(u"deleteListMoveTodos"_s);
    QPushButton *remove = addButton(tr("Delete Them Too"), QMessageBox::DestructiveRole);
    remove->setObjectName(u"deleteListDeleteTodos"_s);
    QPushButton *cancel = addButton(QMessageBox::Cancel);
    cancel->setObjectName(u"deleteListCancel"_s);
    // Keeping the todos is the safe answer, so it is what Enter gives.
    setDefaultButton(move);
    setEscapeButton(cancel);
    setAttribute(Qt::WA_DeleteOnClose);
    connect(this, &QMessageBox::buttonClicked, this, [this, move, remove](QAbstractButton *button) {
        if (button == move)
            Q_EMIT chosen(Choice::MoveToInbox);
        else if (button == remove)
            Q_EMIT chosen(Choice::DeleteTodos);
    });
}
