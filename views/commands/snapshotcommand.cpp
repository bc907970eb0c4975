#include "snapshotcommand.h"

#include "operations/reminderoperations.h"

#include <utility>

using namespace Qt::StringLiterals;

SnapshotCommand::SnapshotCommand(TodoStore *store, Changeset before, Changeset after,
                                 const QString &text, const QString &mergeKey)
    : QUndoCommand(text)
    , m_store(store)
    , m_before(std::move(before))
    , m_after(std::move(after))
    , m_mergeKey(mergeKey)
{
}

Changeset SnapshotCommand::overlay(const Changeset &from, const Changeset &to) const
{
    // By id, and the current rows read a few thousand at a time: a bulk edit
    // of 100,000 todos must not scan every source per target, nor read the
    // rows one query each.
    QHash<QString, const Todo *> sources;
    sources.reserve(from.todos.size());
    for (const Todo &candidate : from.todos)
        sources.insert(candidate.id, &candidate); // the last of the same id, as before
    QStringList ids;
    ids.reserve(to.todos.size());
    for (const Todo &target : to.todos)
        ids << target.id;
    const QHash<QString, Todo> stored = m_store->todosById(ids);

    Changeset result;
    result.todos.reserve(to.todos.size());
    for (const Todo &target : to.todos) {
        const Todo *source = sources.value(target.id);
        const auto current = stored.constFind(target.id);
        if (current == stored.cend() || !source) {
            result.todos << target; // new row: write it whole
            continue;
        }
        Todo merged = *current;
        TodoField::copy(target, merged, TodoField::changed(*source, target));
        result.todos << merged;
    }
    for (const TodoList &target : to.lists) {
        auto current = m_store->list(target.id);
        if (!current) {
            result.lists << target;
            continue;
        }
        const TodoList *source = nullptr;
        for (const TodoList &candidate : from.lists) {
            if (candidate.id == target.id)
                source = &candidate;
        }
        if (!source || source->name != target.name)
            current->name = target.name;
        if (!source || source->position != target.position)
            current->position = target.position;
        if (!source || source->deletedAt != target.deletedAt)
            current->deletedAt = target.deletedAt;
        result.lists << *current;
    }
    result.reminders = ReminderOperations::overlay(*m_store, from.reminders, to.reminders);
    return result;
}

void SnapshotCommand::redo()
{
    if (std::exchange(m_written, Written::Nothing) == Written::Redo)
        return;
    // The first redo is the edit itself (QUndoStack::push); later ones are the
    // undo stack stepping forth again.
    const auto origin = std::exchange(m_pushed, true) ? CacheChange::Origin::Undo : CacheChange::Origin::LocalEdit;
    // A write the store refuses (a full disk, say) must not sit on the stack.
    if (!m_store->apply(overlay(m_before, m_after), origin))
        setObsolete(true);
}

void SnapshotCommand::undo()
{
    if (std::exchange(m_written, Written::Nothing) == Written::Undo)
        return;
    m_store->apply(overlay(m_after, m_before), CacheChange::Origin::Undo);
}

bool SnapshotCommand::writeUndo()
{
    m_written = m_store->apply(overlay(m_after, m_before), CacheChange::Origin::Undo) ? Written::Undo : Written::Nothing;
    return m_written == Written::Undo;
}

bool SnapshotCommand::writeRedo()
{
    m_written = m_store->apply(overlay(m_before, m_after), CacheChange::Origin::Undo) ? Written::Redo : Written::Nothing;
    return m_written == Written::Redo;
}

int SnapshotCommand::id() const
{
    return m_mergeKey.isEmpty() ? -1 : kMergeableId;
}

bool SnapshotCommand::mergeWith(const QUndoCommand *other)
{
    const auto *next = static_cast<const SnapshotCommand *>(other);
    // QUndoStack offers a command for merging before it drops it as obsolete:
    // a write the store refused must not become this step's "after".
    if (next->isObsolete() || next->m_mergeKey != m_mergeKey)
        return false;
    m_after = next->m_after;
    return true;
}
