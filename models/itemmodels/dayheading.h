#pragma once

#include "domain/timestamp.h"

#include <QDate>
#include <QString>

#include <optional>

// The date order and date headings of Today, Upcoming and Overdue, as
// planners (Things, Todoist) show them: the todos by the person's local
// calendar day, and within a day the ones without a time first (due any time
// that day), then the timed ones by time, then by priority.
namespace DayHeading {

// The ORDER BY of a view grouped by day, over the todo_rows columns. The day
// of a timed due is its local calendar day: the instant plus the zone's
// offset at that instant, with the offsets and daylight-saving changes of ten
// years around now written into the clause (SQLite's 'localtime' gives the
// same days, but costs three times as much over 100,000 todos). A date-only
// due is its calendar date, kept as UTC midnight.
// startDays (Upcoming): a todo that starts after today is shown on its
// start day, unless it is due after today and before that (shownDay()).
QString orderByClause(Timestamp::Micros now, bool startDays = false);

// The day a todo is listed under in Upcoming: its due day, or its start day
// when it starts after today and is not due sooner (after today) than that.
QDate shownDay(std::optional<Timestamp::Micros> dueAt, bool hasTime, std::optional<Timestamp::Micros> startAt,
               QDate today);

// The day a due falls on, as the person sees it; the same rule as the SQL.
QDate localDay(Timestamp::Micros dueAt, bool hasTime);

// How the heading of a day reads: "Today", "Tomorrow", "Yesterday", else the
// weekday and date ("Wednesday 9 Dec"), with the year when it is not this
// year's. With pastIsOverdue (the Today view), every day before today reads
// "Overdue" and they form one group.
QString text(QDate day, QDate today, bool pastIsOverdue);

// The group a day belongs to: the day itself, or one date for all of the past
// when pastIsOverdue. Two rows start a new heading when their groups differ.
QDate group(QDate day, QDate today, bool pastIsOverdue);

} // namespace DayHeading
