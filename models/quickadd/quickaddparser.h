#pragma once

#include "domain/priority.h"

#include <QDate>
#include <QString>
#include <QStringList>
#include <QTime>

#include <optional>

// What the quick-add line understood from one line of text.
struct QuickAddResult
{
    QString title; // the text without the recognised tokens, whitespace collapsed, trimmed
    std::optional<QDate> dueDate;
    std::optional<QTime> dueTime; // only ever set together with dueDate
    Priority priority = Priority::None;
    QStringList tags; // without '#', in order of appearance, case-insensitive duplicates dropped
    QString listName; // from "@ListName", empty when none was given

    // No title: the line held nothing but tokens, or nothing at all.
    bool isEmpty() const;
};

// Turns the line a person types at the top of the main window into a todo.
//
// The line is split into words at whitespace. A word (or a run of words) that
// is recognised below is taken out of the title; every other word stays. The
// keywords are English and case-insensitive, and only whole words count, so
// "tomorrow," or "C#" stay in the title.
//
// Dates (only the first date in the line is used; later ones stay in the title):
//   today, tod                today
//   tomorrow, tmr, tmrw       today + 1 ("yesterday" is not special)
//   monday/mon .. sunday/sun  the next such day strictly after today, so on a
//                             Monday "monday" is in 7 days
//   next monday               the same as "monday"
//   in N days, in N weeks     today + N days or weeks ("day"/"week" work too)
//   2026-11-24                an ISO date; an impossible date stays in the title
// Times (only the first one is used):
//   15:30, at 15:30           24-hour clock, hours 0-23, minutes 00-59
//   3pm, 3:30pm, at 3pm       12-hour clock, hours 1-12
//   A time without a date is today at that time. An invalid time, and "at"
//   without a time after it, stay in the title.
// Priority (the last one wins):
//   !low, !medium, !med, !high
//   !1 low, !2 medium, !3 high: the numbers are the stored priority values,
//   so a bigger number is more important (unlike Todoist's p1)
//   !! medium, !!! high
// Tags: #word, where the word is letters, digits, '_' and '-' in any script
//   and holds at least one letter or digit. A '#' inside a word is not a tag.
// List: @word, with the same characters as a tag (the last one wins).
// Quotes: text between a pair of double quotes is kept in the title as it is,
//   without the quotes, so "meet today" can be written literally. A lone
//   double quote (say 5" screen) is an ordinary character.
class QuickAddParser
{
public:
    // today is passed in so that the result does not depend on the clock.
    static QuickAddResult parse(const QString &text, QDate today);

    // A short summary of what was understood beyond the title, for the label
    // under the line, e.g. "Due Tue 24 Nov 2026 · High priority · #work #home".
    // Empty when only a title was understood. The parts are joined with " · "
    // in this order: due date (and time), priority, "List: name", tags. A due
    // date of today or tomorrow reads "Due today" / "Due tomorrow". Day and
    // month names and the time format come from the default QLocale.
    static QString describe(const QuickAddResult &result, QDate today);
};
