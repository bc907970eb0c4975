#pragma once

#include "domain/priority.h"
#include "domain/timestamp.h"

#include <QStringList>

#include <optional>

class QModelIndex;

// What one todo row shows, read from the TodoModel roles once per paint.
// Default-constructed it is an empty row that tests fill in by hand.
struct TodoRow
{
    TodoRow() = default;
    explicit TodoRow(const QModelIndex &index);

    QString title, notes;
    QString listName; // empty unless the view shows several lists
    bool completed = false, hasTime = false, pending = false, overdue = false, repeats = false;
    Priority priority = Priority::None;
    QStringList tags;
    std::optional<Timestamp::Micros> due;
    QString progress; // "2/5" of a todo with subtasks
    QString parentTitle; // a subtask's, where the view shows subtasks as rows
    bool deferred = false; // starts after today: drawn dimmed
    std::optional<Timestamp::Micros> start;
};
