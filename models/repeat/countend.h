#pragma once

#include <QString>

#include <libical/ical.h>

#include <optional>

// The end of a series with COUNT, so that it can be expanded as the same rule
// with that UNTIL: libical skips ahead in a rule without COUNT, and must
// count from DTSTART in one with it (a few µs per occurrence in libical 3.0).
// The end depends only on the rule and the local start, so it is counted once
// and kept, per thread: no lock, nothing shared.
namespace RepeatCountEnd {

// The last occurrence (the COUNT-th, DTSTART counted as the first, as RFC
// 5545 says) of `rule` from the local `dtstart`; nullopt when the rule gives
// fewer. `ruleText` is the rule's canonical text, for the memory.
std::optional<icaltimetype> find(const icalrecurrencetype &rule, const icaltimetype &dtstart, const QString &ruleText);

} // namespace RepeatCountEnd
