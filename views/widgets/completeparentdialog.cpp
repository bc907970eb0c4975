#include "completeparentdialog.h"

#include <QPushButton>

using namespace Qt::StringLiterals;

CompleteParentDialog::CompleteParentDialog(const QString &title, int todoCount, int openSubtasks, QWidget *parent)
    : QMessageBox(QMessageBox::Question, tr("Complete Todo"),
                  todoCount == 1
                      ? tr("“%1” has %n open subtask(s). Complete them too?", nullptr, openSubtasks).arg(title)
                      : tr("The %1 selected todos have %n open subtask(s). Complete them too?", nullptr, openSubtasks)
                            .arg(todoCount),
                  QMessageBox::NoButton, parent)
{
    setObjectName(u"completeParentDialog"_s);
    setInformativeText(tr("Either way, Undo brings everything back."));
    QPushButton *all = addButton(tr("Complete All"), QMessageBox::AcceptRole);
    all->setObjectName(u"completeParentAll"_s);
    QPushButton *only = addButton(tr("Complete Only This"), QMessageBox::ActionRole);
    only->setObjectName(u"completeParentOnly"_s);
    QPushButton *cancel = addButton(QMessageBox::Cancel);
    cancel->setObjectName(u"completeParentCancel"_s);
    setDefaultButton(all);
    setEscapeButton(cancel);
    setAttribute(Qt::WA_DeleteOnClose);
    connect(this, &QMessageBox::buttonClicked, this, [this, all, only](QAbstractButton *button) {
        if (button == all)
            Q_EMIT chosen(Choice::CompleteAll);
        else if (button == only)
            Q_EMIT chosen(Choice::CompleteOnlyThis);
    });
}
