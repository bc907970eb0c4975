#include "reminder.h"

#include "repeat/wallclock.h"
#include "todo.h"

#include <QUuid>

using namespace Qt::StringLiterals;

namespace {
constexpr Timestamp::Micros kMicrosPerMinute = 60 * Timestamp::kMicrosPerSecond;
} // namespace

std::optional<Timestamp::Micros> Reminder::instantFor(const Todo &todo, const QTimeZone &localZone) const
{
    if (kind == Kind::At)
        return at;
    if (!todo.dueAt)
        return std::nullopt;
    // The wall clock of the todo's zone (a repeat keeps one), else this
    // computer's: "1 day before at 09:00" is 09:00 there, on either side of
    // a daylight-saving change.
    const QTimeZone zone = todo.timeZone.isEmpty() ? localZone : WallClock::zone(todo.timeZone.toUtf8());
    const WallClock::LocalTime due = todo.dueHasTime
        ? WallClock::fromUtc(zone, *todo.dueAt)
        : WallClock::LocalTime{Timestamp::toDate(*todo.dueAt), kDateOnlyDueMinutes * kMicrosPerMinute};
    if (dayTime) {
        const int days = offsetMinutes / kMinutesPerDay;
        return WallClock::toUtc(zone, {due.date.addDays(-days), Timestamp::Micros(*dayTime) * kMicrosPerMinute});
    }
    const Timestamp::Micros dueInstant = todo.dueHasTime ? *todo.dueAt : WallClock::toUtc(zone, due);
    return dueInstant - Timestamp::Micros(offsetMinutes) * kMicrosPerMinute;
}

Timestamp::Micros Reminder::firesAt(Timestamp::Micros instant) const
{
    return snoozedUntil && *snoozedUntil > instant ? *snoozedUntil : instant;
}

bool Reminder::sameContent(const Reminder &other) const
{
    return ReminderField::changed(*this, other).isEmpty();
}

Reminder Reminder::atInstant(const QString &todoId, Timestamp::Micros instant)
{
    Reminder reminder;
    reminder.id = newId();
    reminder.todoId = todoId;
    reminder.kind = Kind::At;
    reminder.at = instant;
    reminder.createdAt = reminder.updatedAt = Timestamp::now();
    return reminder;
}

Reminder Reminder::beforeDue(const QString &todoId, int offsetMinutes, std::optional<int> dayTime)
{
    Reminder reminder;
    reminder.id = newId();
    reminder.todoId = todoId;
    reminder.kind = Kind::BeforeDue;
    reminder.offsetMinutes = offsetMinutes;
    reminder.dayTime = dayTime;
    reminder.createdAt = reminder.updatedAt = Timestamp::now();
    return reminder;
}

QString Reminder::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

namespace ReminderField {

QString kindName(::Reminder::Kind kind)
{
    return kind == ::Reminder::Kind::At ? u"at"_s : u"before_due"_s;
}

::Reminder::Kind kindFromName(const QString &name)
{
    return name == u"before_due"_s ? ::Reminder::Kind::BeforeDue : ::Reminder::Kind::At;
}

QStringList all()
{
    return {QString::fromLatin1(TodoId),          QString::fromLatin1(Kind),
            QString::fromLatin1(At),              QString::fromLatin1(OffsetMinutes),
            QString::fromLatin1(DayTime),         QString::fromLatin1(AcknowledgedFor),
            QString::fromLatin1(SnoozedUntil),    QString::fromLatin1(DeletedAt),
            QString::fromLatin1(CreatedAt)};
}

QStringList changed(const ::Reminder &before, const ::Reminder &after)
{
    QStringList fields;
    auto check = [&fields](bool differs, const char *name) {
        if (differs)
            fields << QString::fromLatin1(name);
    };
    check(before.todoId != after.todoId, TodoId);
    check(before.kind != after.kind, Kind);
    check(before.at != after.at, At);
    check(before.offsetMinutes != after.offsetMinutes, OffsetMinutes);
    check(before.dayTime != after.dayTime, DayTime);
    check(before.acknowledgedFor != after.acknowledgedFor, AcknowledgedFor);
    check(before.snoozedUntil != after.snoozedUntil, SnoozedUntil);
    check(before.deletedAt != after.deletedAt, DeletedAt);
    return fields;
}

void copy(const ::Reminder &from, ::Reminder &to, const QStringList &fields)
{
    for (const QString &field : fields) {
        if (field == QLatin1String(TodoId))
            to.todoId = from.todoId;
        else if (field == QLatin1String(Kind))
            to.kind = from.kind;
        else if (field == QLatin1String(At))
            to.at = from.at;
        else if (field == QLatin1String(OffsetMinutes))
            to.offsetMinutes = from.offsetMinutes;
        else if (field == QLatin1String(DayTime))
            to.dayTime = from.dayTime;
        else if (field == QLatin1String(AcknowledgedFor))
            to.acknowledgedFor = from.acknowledgedFor;
        else if (field == QLatin1String(SnoozedUntil))
            to.snoozedUntil = from.snoozedUntil;
        else if (field == QLatin1String(DeletedAt))
            to.deletedAt = from.deletedAt;
    }
}

} // namespace ReminderField
