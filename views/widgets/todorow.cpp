#include "todorow.h"

#include "itemmodels/todomodel.h"

TodoRow::TodoRow(const QModelIndex &index)
    : title(index.data(TodoModel::TitleRole).toString())
    , notes(index.data(TodoModel::NotesRole).toString().trimmed())
    , listName(index.data(TodoModel::ListNameRole).toString())
    , completed(index.data(TodoModel::CompletedRole).toBool())
    , hasTime(index.data(TodoModel::DueHasTimeRole).toBool())
    , pending(index.data(TodoModel::PendingRole).toBool())
    , overdue(index.data(TodoModel::OverdueRole).toBool())
    , repeats(index.data(TodoModel::RepeatsRole).toBool())
    , priority(Priorities::fromInt(index.data(TodoModel::PriorityRole).toInt()))
    , tags(index.data(TodoModel::TagsRole).toStringList())
{
    const QVariant dueValue = index.data(TodoModel::DueAtRole);
    if (!dueValue.isNull())
        due = dueValue.toLongLong();
    progress = index.data(TodoModel::SubtaskProgressRole).toString();
    parentTitle = index.data(TodoModel::ParentTitleRole).toString();
    deferred = index.data(TodoModel::DeferredRole).toBool();
    if (const QVariant startValue = index.data(TodoModel::StartAtRole); !startValue.isNull())
        start = startValue.toLongLong();
}
