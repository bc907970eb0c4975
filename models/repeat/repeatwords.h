#pragma once

#include <QString>

// A repeat rule in words, for the quick-add preview and the detail pane:
// "Repeats every 2 weeks on Friday", "Repeats every month on the last day",
// "Repeats 3 days after completion", "Repeats every day, 5 times".
namespace RepeatWords {

// rrule is RFC 5545 RRULE text without "RRULE:", read by libical. The words
// come from the installed translation, day and month names and the date
// of UNTIL from the default QLocale. Empty when rrule is not a rule Tandem
// keeps (FREQ other than DAILY, WEEKLY, MONTHLY or YEARLY, or no rule).
QString describe(const QString &rrule, bool fromCompletion);

} // namespace RepeatWords
