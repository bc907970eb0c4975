#pragma once

#include <QMessageBox>

// Asks, when a todo with open subtasks is completed, whether they are done
// too: all of them with it, the todo only, or nothing (Cancel). It opens
// window-modal and says the answer once; the window carries it out as one
// undo step. Finishing every subtask never completes the parent by itself.
class CompleteParentDialog : public QMessageBox
{
    Q_OBJECT
public:
    enum class Choice { CompleteAll, CompleteOnlyThis };

    // title: the todo's, when it is one of todoCount.
    CompleteParentDialog(const QString &title, int todoCount, int openSubtasks, QWidget *parent);

Q_SIGNALS:
    void chosen(CompleteParentDialog::Choice choice);
};
