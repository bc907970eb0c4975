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
    // From "@List name": the name of the list as it exists, or the name typed
    // when no list has it (listIsNew); empty when none was given.
    QString listName;
    bool listIsNew = false; // adding the todo makes the list
    // What looks like a date or a time but was not understood ("2026-02-30",
    // "25:00"), as typed. It stays in the title; the preview says so.
    QStringList unclearDates;
    QStringList unclearTimes;

    // No title: the line held nothing but tokens, or nothing at all.
    bool isEmpty() const;
};

// Turns the line a person types at the top of the main window into a todo.
//
// The line is split into words at whitespace. A word (or a run of words) that
// is recognised below is taken out of the title; every other word stays. The
// keywords are English, and those of the default QLocale's language when
// quickaddkeywords.cpp has a table for it (German: heute, morgen, um 15 Uhr,
// !hoch); case-insensitive, and only whole words count, so "tomorrow," or
// "C#" stay in the title.
//
// Dates (only the first date in the line is used; later ones stay in the title):
//   today, tod                today
//   tomorrow, tmr, tmrw       today + 1 ("yesterday" is not special)
//   monday/mon .. sunday/sun  the next such day strictly after today, so on a
//                             Monday "monday" is in 7 days
//   next monday               the same as "monday"
//   next week                 the first day of next week (the locale's, Monday in most)
//   tonight                   today, at 19:00 unless a time is typed
//   in N days/weeks/months/years, in a week   today + N of them
//   Dec 15, 15 Dec, December 15th, 15. Dezember   the next such day on or after
//                             today; a four-digit year may follow (Dec 15 2027)
//   15.12., 15.12.2027, 15.12.27   day.month., the same
//   2026-11-24                an ISO date
//   Month and weekday names are English or the default QLocale's, any case.
// Times (only the first one is used):
//   15:30, at 15:30           24-hour clock, hours 0-23, minutes 00-59
//   3pm, 3:30pm, at 3pm       12-hour clock, hours 1-12
//   noon, midday, at noon     12:00
//   A time without a date is today at that time. "at" without a time after
//   it stays in the title.
// Not understood: what looks like a date or time but is none of the above
//   (2026-02-30, 31.02., Feb 30, 2026/12/24, 25:00, 13pm) stays in the title
//   and is listed in unclearDates / unclearTimes.
// Priority (the last one wins):
//   !low, !medium, !med, !high
//   !1 low, !2 medium, !3 high: the numbers are the stored priority values,
//   so a bigger number is more important (unlike Todoist's p1)
//   !! medium, !!! high
// Tags: #word, where the word is letters, digits, '_' and '-' in any script
//   and holds at least one letter or digit. A '#' inside a word is not a tag.
// List: @name. The longest name of an existing list that follows the '@',
//   any case, so "@side project" is the list "Side project"; else @word, with
//   the same characters as a tag, is a new list. The last one wins.
// Quotes: text between a pair of double quotes is kept in the title as it is,
//   without the quotes, so "meet today" can be written literally. A lone
//   double quote (say 5" screen) is an ordinary character.
class QuickAddParser
{
public:
    // today is passed in so that the result does not depend on the clock;
    // listNames are the names of the lists that exist.
    static QuickAddResult parse(const QString &text, QDate today, const QStringList &listNames = {});

    // A due written alone, as tandem-cli's --due takes it: "today", "fri
    // 3pm", "in 3 days", "Dec 15". nullopt unless every word is part of the
    // date or time.
    static std::optional<QuickAddResult> parseDue(const QString &text, QDate today);

    // A short summary of what was understood beyond the title, for the label
    // under the line, e.g. "Due Tue 24 Nov 2026 · High priority · #work #home".
    // Empty when only a title was understood. The parts are joined with " · "
    // in this order: due date (and time), priority, "List: name" (or "New
    // list: name"), tags, and what was not understood as a date or a time. A
    // due date of today or tomorrow reads "Due today" / "Due tomorrow". Day
    // and month names and the time format (without seconds) come from the
    // default QLocale.
    static QString describe(const QuickAddResult &result, QDate today);
};
