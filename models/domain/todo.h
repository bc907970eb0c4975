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

    bool isDeleted() const { return deletedAt.has_value(); }
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
// The fields that differ between two snapshots of one todo.
QStringList changed(const ::Todo &before, const ::Todo &after);
// Copies the named fields from one snapshot onto another.
void copy(const ::Todo &from, ::Todo &to, const QStringList &fields);
} // namespace TodoField
