#pragma once

#include <QCoreApplication>
#include <QDate>
#include <QString>
#include <QTime>

#include <memory>
#include <optional>

struct icalrecurrencetype;

// The end a repeat rule's UNTIL names, as written: a date, or a date and time
// in UTC ("…Z") or without a zone (the series' own wall-clock time).
struct RepeatUntil
{
    QDate date;
    std::optional<QTime> time;
    bool utc = false;

    friend bool operator==(const RepeatUntil &, const RepeatUntil &) = default;
};

// How a repeating todo repeats: an RFC 5545 RRULE, read and expanded by
// libical (see repeatexpansion.h), never by rules of Tandem's own.
//
// parse() takes "FREQ=…;…" with or without the "RRULE:" prefix, in any case,
// and accepts the parts a todo needs: FREQ (DAILY, WEEKLY, MONTHLY, YEARLY),
// INTERVAL, BYDAY (also the nth weekday: 3FR, -1MO), BYMONTHDAY (also -1, the
// last day), BYMONTH (1 to 12), BYSETPOS, COUNT, UNTIL and WKST. Anything
// else, such as FREQ=HOURLY, BYHOUR, BYMINUTE or RSCALE, is refused with a
// message naming the part, as is COUNT together with UNTIL (RFC 5545 allows
// only one), a part libical cannot read, a combination it does not expand
// (BYMONTHDAY in a weekly rule) and a rule that never repeats (BYMONTH=2 with
// BYMONTHDAY=30). The messages are translated, for the editor to show.
//
// A rule is immutable and cheap to copy; copies share the parsed rule, so
// reading one from several threads is safe.
class RepeatRule
{
    Q_DECLARE_TR_FUNCTIONS(RepeatRule)

public:
    enum class Frequency { Daily, Weekly, Monthly, Yearly };

    static std::optional<RepeatRule> parse(const QString &text, QString *error = nullptr);

    // The canonical text, as libical writes it and without the prefix:
    // "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR". Parsing it gives the same rule.
    QString text() const;

    Frequency frequency() const;
    int interval() const;
    int count() const; // 0: no COUNT
    std::optional<RepeatUntil> until() const;

    friend bool operator==(const RepeatRule &a, const RepeatRule &b) { return a.text() == b.text(); }

    // For the expansion: the rule as libical holds it.
    const icalrecurrencetype &ical() const;

private:
    struct Data;
    explicit RepeatRule(std::shared_ptr<const Data> data);
    std::shared_ptr<const Data> d;
};
