#pragma once

#include "timestamp.h"

#include <QString>
#include <QStringList>
#include <QTimeZone>

#include <optional>

struct Todo;

// One reminder of a todo (docs/reminders.md). It is either an instant of
// its own ("at 14 March, 09:00") or relative to the todo's due time ("15
// minutes before", "1 day before at 09:00"). A relative reminder follows the
// todo's current due date: when a repeating todo moves on to its next
// occurrence, the reminder moves with it and fires again.
//
// The instant a reminder is for (instantFor) is also the key of what has
// been done with it: acknowledgedFor (synced) and firedFor (this desktop
// only) name the instant they covered, so the same reminder fires again for
// a later instant and never twice for one.
struct Reminder
{
    enum class Kind {
        At,        // `at` is the instant
        BeforeDue, // offsetMinutes before the todo's due (negative: after it)
    };

    // For a due date without a time, a relative reminder counts from 09:00
    // of that day, in the todo's zone (or the local one).
    static constexpr int kDateOnlyDueMinutes = 9 * 60;
    static constexpr int kMinutesPerDay = 24 * 60;

    QString id; // a UUID made on the client, without braces
    QString todoId;
    Kind kind = Kind::At;
    std::optional<Timestamp::Micros> at; // Kind::At
    // Kind::BeforeDue: minutes before the due (positive) or after it (negative).
    int offsetMinutes = 0;
    // Kind::BeforeDue, "N days before at HH:MM": minutes after local midnight.
    // Then offsetMinutes counts whole days (offsetMinutes / kMinutesPerDay).
    std::optional<int> dayTime;

    // Synced: the instant that was dismissed, or done; the reminder never
    // fires again for it, nor for an earlier one, on any desktop.
    std::optional<Timestamp::Micros> acknowledgedFor;
    // Synced: fire at this time instead, while it is later than the instant.
    std::optional<Timestamp::Micros> snoozedUntil;
    Timestamp::Micros createdAt = 0;
    Timestamp::Micros updatedAt = 0;
    std::optional<Timestamp::Micros> deletedAt;

    // This desktop only, never synced: the fire time it already showed (the
    // instant, or the snooze that moved it), so a restart does not show it again.
    std::optional<Timestamp::Micros> firedFor;

    bool isDeleted() const { return deletedAt.has_value(); }
    bool isRelative() const { return kind == Kind::BeforeDue; }

    // The instant the reminder is for, with its todo as it is now; nullopt for
    // a relative reminder of a todo without a due date. localZone stands in
    // for a todo without a zone of its own.
    std::optional<Timestamp::Micros> instantFor(const Todo &todo, const QTimeZone &localZone) const;
    // When it fires for that instant: the snooze, when later.
    Timestamp::Micros firesAt(Timestamp::Micros instant) const;
    // Compares what is synced and shown, not the bookkeeping times.
    bool sameContent(const Reminder &other) const;

    static Reminder atInstant(const QString &todoId, Timestamp::Micros instant);
    static Reminder beforeDue(const QString &todoId, int offsetMinutes, std::optional<int> dayTime = std::nullopt);
    static QString newId();
};

// Field names as they appear in the outbox and in the cloud schema.
namespace ReminderField {
inline constexpr auto TodoId = "todo_id";
inline constexpr auto Kind = "kind";
inline constexpr auto At = "at";
inline constexpr auto OffsetMinutes = "offset_minutes";
inline constexpr auto DayTime = "day_time";
inline constexpr auto AcknowledgedFor = "acknowledged_for";
inline constexpr auto SnoozedUntil = "snoozed_until";
inline constexpr auto DeletedAt = "deleted_at";
inline constexpr auto CreatedAt = "created_at";

// kind as it is stored and travels: "at" or "before_due".
QString kindName(::Reminder::Kind kind);
::Reminder::Kind kindFromName(const QString &name);

QStringList all();
// The synced fields that differ between two snapshots of one reminder.
QStringList changed(const ::Reminder &before, const ::Reminder &after);
// Copies the named fields from one snapshot onto another.
void copy(const ::Reminder &from, ::Reminder &to, const QStringList &fields);
} // namespace ReminderField
