#pragma once

#include "itemmodels/todofilter.h"
#include "operations/edit.h"

#include <QDate>

class TodoStore;
struct QuickAddResult;

// The rules of the todo list the window shows, kept out of the widgets so
// they can be tested without them: what a line typed into quick add becomes
// in the view shown, and where dragged todos land. It reads; the window
// pushes what it returns on its undo stack.
class TodoListPresenter
{
public:
    explicit TodoListPresenter(const TodoStore *store);

    // The view shown, and for a tag view the tag's name.
    void setShown(const TodoFilter &filter, const QString &tagName = {});
    const TodoFilter &shown() const { return m_shown; }

    // What a quick-add line does here, as one Edit (one undo step): it adds
    // a todo, and when its @name names no list yet, it makes that list too,
    // as the preview said ("New list: Work"). Without an @name the todo goes
    // to the list shown, else to the Inbox. Added in Today without a date
    // it is due today; added in a tag view it carries the tag. today: the
    // person's calendar day. The new todo is the Edit's last todo.
    Edit quickAdd(const QuickAddResult &result, QDate today) const;

    // Todos dropped between two rows of the list shown (an empty id: the
    // start or the end). Only a list has an order to drop into: elsewhere
    // the Edit is empty.
    Edit drop(const QStringList &ids, const QString &afterId, const QString &beforeId) const;

private:
    Todo quickAddTodo(const QuickAddResult &result, const QString &listId, QDate today) const;
    // The reminders the line asked for ("remind 15m before"), of that todo.
    static QList<Reminder> quickAddReminders(const QuickAddResult &result, const QString &todoId);

    const TodoStore *m_store;
    TodoFilter m_shown;
    QString m_tagName;
};
