#pragma once

#include "priority.h"
#include "timestamp.h"

#include <QString>
#include <QStringList>

#include <optional>

// One todo as the store keeps it. Commands keep whole snapshots of these, so
// undoing is writing the earlier snapshot back through the same data path.
struct Todo
{
    QString id; // a UUID made on the client, without braces
    QString listId;
    QString title;
    QString notes;
    bool completed = false;
    std::optional<Timestamp::Micros> completedAt;
    std::optional<Timestamp::Micros> dueAt;
    bool dueHasTime = false; // false: dueAt is a calendar date (see Timestamp::fromDate)
    Priority priority = Priority::None;
    double position = 0;
    Timestamp::Micros createdAt = 0;
    Timestamp::Micros updatedAt = 0;
    std::optional<Timestamp::Micros> deletedAt;
    QStringList tags; // names, as the user typed them

    // Repeats (docs/repeats.md). A repeating todo is a series: its dueAt is
    // the occurrence that is due now, and repeatRule (an RFC 5545 RRULE
    // without the "RRULE:" prefix) gives the ones after it, in the wall-clock
    // time of timeZone (an IANA id). Completing it records the occurrence as
    // a todo of its own (seriesId, occurrence) and moves dueAt on.
    QString repeatRule; // empty: does not repeat
    bool repeatFromCompletion = false; // "every!": counted from the completion, not the due date
    QString timeZone;
    QString seriesId; // a completed occurrence: the repeating todo it came from
    std::optional<Timestamp::Micros> occurrence; // and the due date-time it had
    // Subtasks are one level deep: a subtask's parent is a top-level todo.
    QString parentId;
    // Defer until (Things' "When"): a calendar date, kept as Timestamp::fromDate keeps one.
    std::optional<Timestamp::Micros> startAt;

    bool isDeleted() const { return deletedAt.has_value(); }
    bool repeats() const { return !repeatRule.isEmpty(); }
    // Sets completed and keeps completedAt in step with it.
    void setCompleted(bool done, Timestamp::Micros when);
    // Overdue: not done, and the due time (or, for a date, the whole day) has passed.
    bool isOverdue(Timestamp::Micros now) const;
    // Compares what a person can see and edit, not the bookkeeping times.
    bool sameContent(const Todo &other) const;

    static QString newId();
};

// Field names as they appear in the outbox and in the cloud schema.
namespace TodoField {
inline constexpr auto ListId = "list_id";
inline constexpr auto Title = "title";
inline constexpr auto Notes = "notes";
inline constexpr auto Completed = "completed";
inline constexpr auto CompletedAt = "completed_at";
inline constexpr auto DueAt = "due_at";
inline constexpr auto DueHasTime = "due_has_time";
inline constexpr auto Priority = "priority";
inline constexpr auto Position = "position";
inline constexpr auto DeletedAt = "deleted_at";
inline constexpr auto Tags = "tags";
inline constexpr auto RepeatRule = "repeat_rule";
inline constexpr auto RepeatFrom = "repeat_from";
inline constexpr auto TimeZone = "time_zone";
inline constexpr auto SeriesId = "series_id";
inline constexpr auto Occurrence = "occurrence";
inline constexpr auto ParentId = "parent_id";
inline constexpr auto StartAt = "start_at";
// The fields that differ between two snapshots of one todo.
QStringList changed(const ::Todo &before, const ::Todo &after);
// Copies the named fields from one snapshot onto another.
void copy(const ::Todo &from, ::Todo &to, const QStringList &fields);
} // namespace TodoField
