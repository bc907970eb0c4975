#pragma once

#include "domain/todo.h"

#include <QWidget>

class QCheckBox;
class QDateEdit;
class QTimeEdit;

// The due of a todo: whether it has one and on which date, and whether it
// is due at a time of day and at which. An editor the due does not use is
// disabled but keeps what it shows, so checking its box picks up from there.
class DueEditor : public QWidget
{
    Q_OBJECT
public:
    explicit DueEditor(QWidget *parent = nullptr);

    // Shows the todo's due. sameTodo: the todo shown before, kept as it was
    // where its due leaves an editor unused; another todo starts them from
    // today at the default time.
    void showDue(const Todo &todo, bool sameTodo);
    // Writes what the fields say into todo.dueAt and todo.dueHasTime.
    void writeDue(Todo &todo) const;

Q_SIGNALS:
    // A field changed, by the person or by showDue().
    void changed();

private:
    void updateEnabled();

    QCheckBox *m_hasDue;
    QDateEdit *m_date;
    QCheckBox *m_hasTime;
    QTimeEdit *m_time;
};
