#pragma once

#include "domain/todo.h"
#include "store/todostore.h"

#include <optional>

// What completing a repeating todo means (docs/repeats.md), for every writer.
//
// A repeating todo is a series whose dueAt is the occurrence due now.
// Completing it is two facts, written in this order: a record of the
// occurrence (a completed todo of its own, naming the series), then the
// series moved to its next occurrence, or completed when the rule has no
// more. Undo writes them back in the same order, so the server never sees
// the due date go back while the record still stands.
namespace RepeatOperations {

// The record's id: a name-based UUID of the series id and the occurrence's
// date in the series' zone, so every desktop that completes this occurrence
// makes the same row, and the server keeps one.
QString occurrenceId(const Todo &series);

// The IANA zone a repeating todo follows: its own, or this desktop's when a
// writer left it out.
QByteArray zoneId(const Todo &todo);

// The next n occurrences after the one due now, for the editor to show;
// empty when the todo does not repeat or has no due date.
QList<Timestamp::Micros> nextDates(const Todo &todo, int n);

// The next due date after completing the occurrence due now, at now; nullopt
// when the rule ends with it. occurrencesDone: how many occurrences of the
// series have a record already (COUNT counts them).
std::optional<Timestamp::Micros> nextDue(const Todo &series, Timestamp::Micros now, int occurrencesDone);

// Appends the record and the moved series, before and after, to the changesets.
// A series without a due date, or whose rule does not parse, is completed
// like any todo.
void complete(const TodoStore &store, const Todo &series, Timestamp::Micros now, Changeset *before,
              Changeset *after);

// A repeating todo about to be written: the zone it follows (the desktop's
// own, when it has none). ruleIsNew (a new todo, or a rule just given or
// changed): its due date moves to the rule's first occurrence on or after
// it, or on or after today when it has none, as Todoist does ("every
// monday" typed on a Wednesday is due next Monday).
void prepare(Todo &todo, Timestamp::Micros now, bool ruleIsNew);

// A series counted from its due date is never due again on an occurrence
// that is done (the server keeps the same rule): a due date on or before the
// last one recorded becomes the rule's next occurrence after it.
void keepDoneDaysDone(const TodoStore &store, Todo &todo);

} // namespace RepeatOperations
