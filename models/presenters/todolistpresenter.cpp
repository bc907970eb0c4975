#include "todolistpresenter.h"

#include "operations/reminderoperations.h"
#include "operations/todooperations.h"
#include "quickadd/quickaddparser.h"
#include "store/todostore.h"

#include <QCoreApplication>

namespace {

// As long as the titles in TodoOperations' undo texts.
constexpr qsizetype kUndoTitleLength = 40;

} // namespace

TodoListPresenter::TodoListPresenter(const TodoStore *store)
    : m_store(store)
{
}

void TodoListPresenter::setShown(const TodoFilter &filter, const QString &tagName)
{
    m_shown = filter;
    m_tagName = filter.kind == TodoFilter::Kind::Tag ? tagName : QString();
}

Edit TodoListPresenter::quickAdd(const QuickAddResult &result, QDate today) const
{
    QString listId = m_shown.kind == TodoFilter::Kind::List ? m_shown.id : QString();
    Edit newList;
    if (!result.listName.isEmpty()) {
        // Looked up again rather than trusting the parse: the lists may have
        // changed since the preview was drawn.
        if (const auto named = m_store->listByName(result.listName))
            listId = named->id;
        else
            newList = TodoOperations::createList(*m_store, result.listName, &listId);
    }
    const Todo todo = quickAddTodo(result, listId, today);
    Edit edit = TodoOperations::addTodo(todo);
    ReminderOperations::addTo(edit, quickAddReminders(result, todo.id));
    if (newList.isEmpty())
        return edit;
    edit.before.lists = newList.before.lists;
    edit.after.lists = newList.after.lists;
    edit.text = QCoreApplication::translate("TodoListPresenter", "Add “%1” to the new list “%2”")
                    .arg(edit.after.todos.constFirst().title.left(kUndoTitleLength),
                         newList.after.lists.constFirst().name);
    return edit;
}

Todo TodoListPresenter::quickAddTodo(const QuickAddResult &result, const QString &listId, QDate today) const
{
    Todo todo = m_store->newTodo(listId, result.title);
    if (result.dueDate) {
        if (result.dueTime) {
            todo.dueAt = Timestamp::fromDateTime(QDateTime(*result.dueDate, *result.dueTime));
            todo.dueHasTime = true;
        } else {
            todo.dueAt = Timestamp::fromDate(*result.dueDate);
        }
    } else if (m_shown.kind == TodoFilter::Kind::Today) {
        todo.dueAt = Timestamp::fromDate(today);
    }
    todo.priority = result.priority;
    todo.tags = result.tags;
    // The first occurrence is worked out when the todo is added (RepeatOperations::prepare).
    todo.repeatRule = result.repeatRule;
    todo.repeatFromCompletion = result.repeatFromCompletion;
    if (!m_tagName.isEmpty() && !todo.tags.contains(m_tagName, Qt::CaseInsensitive))
        todo.tags << m_tagName;
    return todo;
}

QList<Reminder> TodoListPresenter::quickAddReminders(const QuickAddResult &result, const QString &todoId)
{
    QList<Reminder> reminders;
    for (const QuickAddReminder &typed : result.reminders) {
        if (typed.beforeMinutes) {
            const std::optional<int> dayTime
                = typed.time ? std::optional(typed.time->msecsSinceStartOfDay() / 60000) : std::nullopt;
            reminders << Reminder::beforeDue(todoId, *typed.beforeMinutes, dayTime);
        } else {
            // A wall-clock time here, as the due time of the line is read.
            reminders << Reminder::atInstant(todoId, Timestamp::fromDateTime(QDateTime(typed.date, *typed.time)));
        }
    }
    return reminders;
}

Edit TodoListPresenter::drop(const QStringList &ids, const QString &afterId, const QString &beforeId) const
{
    if (m_shown.kind != TodoFilter::Kind::List)
        return {};
    return TodoOperations::reorderBetween(*m_store, ids, m_shown.id, afterId, beforeId);
}
