#pragma once

#include "domain/priority.h"
#include "domain/todolist.h"

#include <QDate>
#include <QWidget>

#include <optional>

class PriorityComboBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;

// The detail pane while several todos are selected: "3 todos selected" and
// what can be set on all of them at once (due, tags, priority, list). Like
// the detail pane it writes nothing; each choice leaves as a signal, and the
// window makes it one undoable edit of every selected todo.
class BulkEditPane : public QWidget
{
    Q_OBJECT
public:
    explicit BulkEditPane(QWidget *parent = nullptr);

    void setCount(int count);
    void setLists(const QList<TodoList> &lists);

Q_SIGNALS:
    // nullopt: no due date.
    void dueChosen(std::optional<QDate> date);
    void tagAdded(const QString &tag);
    void tagRemoved(const QString &tag);
    void priorityChosen(Priority priority);
    void listChosen(const QString &listId);

private:
    void emitTag(bool add);
    // The combos show no choice: one value would be wrong for a mixed selection.
    void clearChoices();

    QLabel *m_count;
    QDateEdit *m_date;
    QLineEdit *m_tag;
    PriorityComboBox *m_priority;
    QComboBox *m_list;
};
