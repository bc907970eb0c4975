#pragma once

#include "domain/timestamp.h"
#include "operations/edit.h"

#include <QDate>
#include <QStringList>

#include <optional>

class TodoStore;

// What every edit means, once, for every writer: each function reads what
// it needs from the store and returns the Edit that carries the intent out.
// It writes nothing. An empty Edit means there is nothing to do (the todos
// are gone, the list is the Inbox, nothing would change).
//
// The window wraps them in undo commands (views/commands/todocommands.h);
// tandem-cli applies them directly with apply().
namespace TodoOperations {

// A new todo (TodoStore::newTodo and the caller's fields). Undoing it
// deletes it the way every delete works: a tombstone, which syncs.
Edit addTodo(const Todo &todo);
// One edited snapshot of one todo; mergeField names the field being typed
// in, so a run of edits of it is one undo step. A todo that changes list
// goes to the end of its new list, as moveToList does.
Edit editTodo(const TodoStore &store, const Todo &edited, const QString &mergeField = {});
Edit setCompleted(const TodoStore &store, const QStringList &ids, bool completed,
                  Timestamp::Micros now = Timestamp::now());
// Completes them unless all are complete already, then reopens them.
Edit toggleCompleted(const TodoStore &store, const QStringList &ids);
Edit deleteTodos(const TodoStore &store, const QStringList &ids, Timestamp::Micros now = Timestamp::now());
Edit setPriority(const TodoStore &store, const QStringList &ids, Priority priority);
// Reschedules them to a day, as Todoist does: a due with a time keeps its
// time of day on the new date; a date, or no due, becomes that date.
// nullopt takes the due away (Someday).
Edit setDueDate(const TodoStore &store, const QStringList &ids, std::optional<QDate> date);
// Adds a tag to each that lacks it (by TagKey), or removes it from each that has it.
Edit addTag(const TodoStore &store, const QStringList &ids, const QString &tag);
Edit removeTag(const TodoStore &store, const QStringList &ids, const QString &tag);
// To the end of another list, in the order given.
Edit moveToList(const TodoStore &store, const QStringList &ids, const QString &listId);
// Into a list, in the order given, between two positions (nullopt: the
// start or the end). Positions are fractional: the moved todos share the
// gap evenly, so no other row is rewritten.
Edit reorder(const TodoStore &store, const QStringList &ids, const QString &listId,
             std::optional<double> afterPosition, std::optional<double> beforePosition);
// The same between two todos, by id (empty: the start or the end).
Edit reorderBetween(const TodoStore &store, const QStringList &ids, const QString &listId,
                    const QString &afterId, const QString &beforeId);

// *newId: the id of the list the Edit makes.
Edit createList(const TodoStore &store, const QString &name, QString *newId = nullptr);
Edit renameList(const TodoStore &store, const QString &listId, const QString &name);
// A list with all its todos; never the Inbox.
Edit deleteList(const TodoStore &store, const QString &listId, Timestamp::Micros now = Timestamp::now());
// A list, its todos kept: they go to the end of the Inbox, in their order.
Edit deleteListKeepingTodos(const TodoStore &store, const QString &listId, Timestamp::Micros now = Timestamp::now());
// To a new index among the lists after the Inbox.
Edit moveList(const TodoStore &store, const QString &listId, int newIndex);

// Writes the Edit's "after" rows as one local edit. False (the store's
// lastError() says why) when the store refused it; true for an empty Edit.
bool apply(TodoStore &store, const Edit &edit);

} // namespace TodoOperations
