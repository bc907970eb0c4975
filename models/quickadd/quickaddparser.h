#pragma once

#include "domain/priority.h"

#include <QDate>
#include <QString>
#include <QStringList>
#include <QTime>

#include <optional>

// A reminder from the quick-add line: "remind 15m before" (beforeMinutes),
// "remind 1 day before at 9:00" (beforeMinutes and time), "remind at 9:00"
// (time on date: the due date, or today when there is none).
struct QuickAddReminder
{
    std::optional<int> beforeMinutes;
    std::optional<QTime> time;
    QDate date;

    bool operator==(const QuickAddReminder &) const = default;
};

// What the quick-add line understood from one line of text.
struct QuickAddResult
{
    QString title; // the text without the recognised tokens, whitespace collapsed, trimmed
    std::optional<QDate> dueDate;
    std::optional<QTime> dueTime; // only ever set together with dueDate
    // From "every 2 weeks on friday", "daily": RFC 5545 RRULE text without
    // "RRULE:", empty when none was given. The due date stays as typed, or
    // empty: the first occurrence is the caller's to work out.
    QString repeatRule;
    bool repeatFromCompletion = false; // "every!": counted from when it is done
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
    QList<QuickAddReminder> reminders; // in the order typed

    // No title: the line held nothing but tokens, or nothing at all.
    bool isEmpty() const;
};

// Turns the line a person types at the top of the main window into a todo.
//
// The line is split into words at whitespace. A word (or a run of words) that
// is recognised is taken out of the title; every other word stays. Keywords
// are case-insensitive and only whole words count. English always works; so
// do the words of the default QLocale's language when quickaddkeywords.cpp
// has a table for it (German).
//
// docs/quick-add.md lists every token. In short:
//   dates     today, tomorrow, friday, next week, tonight, in 3 days, Dec 15,
//             15.12., 2026-11-24 (only the first counts)
//   times     15:30, at 3pm, noon, 15 Uhr (only the first; alone: today)
//   repeats   every day, every weekday, every mon and thu, every 2 weeks on
//             friday, every month on the 1st, every last day of the month,
//             yearly; every! 3 days counts from completion (only the first)
//   unclear   2026-02-30, 25:00: kept in the title and reported
//   priority  !low !medium !high, !1 !2 !3, !! !!! (the last wins)
//   tags      #word; list @name (an existing list's name, else a new one)
//   reminders remind 15m before, remind 1 day before at 9:00, remind at
//             9:00 (on the due date, else today); erinnern 15m vorher
//   quotes    "meet today" is kept literally
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
    // in this order: due date (and time), repeat ("Repeats every week", see
    // repeat/repeatwords.h), reminders ("Remind 15 min before"), priority, "List: name" (or "New list: name"),
    // tags, and what was not understood as a date or a time. A due date of
    // today or tomorrow reads "Due today" / "Due tomorrow". Day and month
    // names and the time format (without seconds) come from the default
    // QLocale.
    static QString describe(const QuickAddResult &result, QDate today);
};
