#pragma once

#include "domain/todo.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QToolButton;

// The detail pane's subtasks (one level deep, like a Things checklist). For
// a top-level todo: its subtasks in order, each with a check box and an
// editable title, and a line that adds one with Enter and stays for the
// next. For a subtask: the parent it belongs to, as a link. It writes
// nothing; each change leaves as a signal the window turns into one undo step.
class SubtasksPane : public QWidget
{
    Q_OBJECT
public:
    explicit SubtasksPane(QWidget *parent = nullptr);

    // A top-level todo's subtasks; keeps the current row and the line being typed.
    void showSubtasks(const QList<Todo> &subtasks);
    // A subtask: "Subtask of: <parent title>".
    void showParent(const QString &parentId, const QString &parentTitle);

Q_SIGNALS:
    void addRequested(const QString &title);
    void completionRequested(const QString &id, bool completed);
    void renameRequested(const QString &id, const QString &title);
    void removeRequested(const QString &id);
    // Show this todo (a subtask, or the parent) in the detail pane.
    void openRequested(const QString &id);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void itemChanged(QListWidgetItem *item);
    void removeCurrent();
    void fitHeight();

    bool m_loading = false;
    QString m_parentId;
    QLabel *m_heading;
    QListWidget *m_list;
    QLineEdit *m_add;
    QToolButton *m_remove;
    QLabel *m_parent;
};
