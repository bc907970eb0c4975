#include "repeat/repeatexpansion.h"

#include <QTest>

#include <algorithm>

#include <thread>

using namespace Qt::StringLiterals;

namespace {

using Timestamp::Micros;

// Instants are written in UTC, as worked out by hand from the zone's
// offsets; a date-only occurrence is its date at midnight UTC.
Micros at(const QString &isoUtc)
{
    const std::optional<Micros> micros = Timestamp::fromIsoUtc(isoUtc);
    if (!micros)
        qFatal("bad time in the test: %s", qPrintable(isoUtc));
    return *micros;
}

QString iso(Micros micros)
{
    return Timestamp::toIsoUtc(micros).replace(u".000000Z"_s, u"Z"_s);
}

RepeatSeries series(const QString &rule, const QByteArray &zone, bool hasTime, const QString &start)
{
    QString error;
    const std::optional<RepeatRule> parsed = RepeatRule::parse(rule, &error);
    if (!parsed)
        qFatal("rule refused: %s: %s", qPrintable(rule), qPrintable(error));
    return RepeatSeries{*parsed, at(start), hasTime, zone};
}

QStringList isoList(const QList<Micros> &list)
{
    QStringList result;
    for (const Micros micros : list)
        result.append(iso(micros));
    return result;
}

} // namespace

class RepeatRuleTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The next three occurrences after `after`; fewer when the series ends.
    void shouldExpand_data()
    {
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QByteArray>("zone");
        QTest::addColumn<bool>("hasTime");
        QTest::addColumn<QString>("start");
        QTest::addColumn<QString>("after");
        QTest::addColumn<QStringList>("expected");

        const QByteArray utc = "UTC";
        // 2026-01-01 is a Thursday.
        QTest::newRow("daily") << u"FREQ=DAILY"_s << utc << true << u"2026-01-30T09:00:00Z"_s << u"2026-01-30T09:00:00Z"_s
                               << QStringList{u"2026-01-31T09:00:00Z"_s, u"2026-02-01T09:00:00Z"_s, u"2026-02-02T09:00:00Z"_s};
        QTest::newRow("every third day") << u"FREQ=DAILY;INTERVAL=3"_s << utc << true << u"2026-01-30T09:00:00Z"_s << u"2026-01-30T09:00:00Z"_s
                                         << QStringList{u"2026-02-02T09:00:00Z"_s, u"2026-02-05T09:00:00Z"_s, u"2026-02-08T09:00:00Z"_s};
        QTest::newRow("after a time between occurrences") << u"FREQ=DAILY"_s << utc << true << u"2026-01-30T09:00:00Z"_s << u"2026-02-03T12:00:00Z"_s
                                                         << QStringList{u"2026-02-04T09:00:00Z"_s, u"2026-02-05T09:00:00Z"_s, u"2026-02-06T09:00:00Z"_s};
        QTest::newRow("before the start") << u"FREQ=DAILY"_s << utc << true << u"2026-01-30T09:00:00Z"_s << u"2026-01-01T00:00:00Z"_s
                                          << QStringList{u"2026-01-30T09:00:00Z"_s, u"2026-01-31T09:00:00Z"_s, u"2026-02-01T09:00:00Z"_s};
        QTest::newRow("weekly") << u"FREQ=WEEKLY"_s << utc << true << u"2026-01-02T09:00:00Z"_s << u"2026-01-02T09:00:00Z"_s
                                << QStringList{u"2026-01-09T09:00:00Z"_s, u"2026-01-16T09:00:00Z"_s, u"2026-01-23T09:00:00Z"_s};
        QTest::newRow("every other Friday") << u"FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"_s << utc << true << u"2026-01-02T09:00:00Z"_s << u"2026-01-02T09:00:00Z"_s
                                            << QStringList{u"2026-01-16T09:00:00Z"_s, u"2026-01-30T09:00:00Z"_s, u"2026-02-13T09:00:00Z"_s};
        QTest::newRow("Monday, Wednesday, Friday") << u"FREQ=WEEKLY;BYDAY=MO,WE,FR"_s << utc << true << u"2026-01-05T09:00:00Z"_s << u"2026-01-05T09:00:00Z"_s
                                                   << QStringList{u"2026-01-07T09:00:00Z"_s, u"2026-01-09T09:00:00Z"_s, u"2026-01-12T09:00:00Z"_s};
        // Started on 2021-06-01, a Tuesday; 2026-12-08 is 288 weeks later.
        QTest::newRow("every other Tuesday, five years on") << u"FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"_s << utc << true << u"2021-06-01T09:00:00Z"_s << u"2026-12-07T12:00:00Z"_s
                                                            << QStringList{u"2026-12-08T09:00:00Z"_s, u"2026-12-22T09:00:00Z"_s, u"2027-01-05T09:00:00Z"_s};
        QTest::newRow("every other Tuesday, off week") << u"FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"_s << utc << true << u"2021-06-01T09:00:00Z"_s << u"2026-12-08T10:00:00Z"_s
                                                       << QStringList{u"2026-12-22T09:00:00Z"_s, u"2027-01-05T09:00:00Z"_s, u"2027-01-19T09:00:00Z"_s};
        QTest::newRow("monthly") << u"FREQ=MONTHLY"_s << utc << true << u"2026-01-15T09:00:00Z"_s << u"2026-01-15T09:00:00Z"_s
                                 << QStringList{u"2026-02-15T09:00:00Z"_s, u"2026-03-15T09:00:00Z"_s, u"2026-04-15T09:00:00Z"_s};
        QTest::newRow("third Friday") << u"FREQ=MONTHLY;BYDAY=3FR"_s << utc << true << u"2026-01-16T09:00:00Z"_s << u"2026-01-16T09:00:00Z"_s
                                      << QStringList{u"2026-02-20T09:00:00Z"_s, u"2026-03-20T09:00:00Z"_s, u"2026-04-17T09:00:00Z"_s};
        QTest::newRow("last Monday") << u"FREQ=MONTHLY;BYDAY=-1MO"_s << utc << true << u"2026-01-26T09:00:00Z"_s << u"2026-01-26T09:00:00Z"_s
                                     << QStringList{u"2026-02-23T09:00:00Z"_s, u"2026-03-30T09:00:00Z"_s, u"2026-04-27T09:00:00Z"_s};
        QTest::newRow("the 31st skips short months") << u"FREQ=MONTHLY;BYMONTHDAY=31"_s << utc << true << u"2026-01-31T09:00:00Z"_s << u"2026-01-31T09:00:00Z"_s
                                                     << QStringList{u"2026-03-31T09:00:00Z"_s, u"2026-05-31T09:00:00Z"_s, u"2026-07-31T09:00:00Z"_s};
        QTest::newRow("last day of the month") << u"FREQ=MONTHLY;BYMONTHDAY=-1"_s << utc << true << u"2026-01-31T09:00:00Z"_s << u"2026-01-31T09:00:00Z"_s
                                               << QStringList{u"2026-02-28T09:00:00Z"_s, u"2026-03-31T09:00:00Z"_s, u"2026-04-30T09:00:00Z"_s};
        QTest::newRow("last day, leap February") << u"FREQ=MONTHLY;BYMONTHDAY=-1"_s << utc << true << u"2028-01-31T09:00:00Z"_s << u"2028-01-31T09:00:00Z"_s
                                                 << QStringList{u"2028-02-29T09:00:00Z"_s, u"2028-03-31T09:00:00Z"_s, u"2028-04-30T09:00:00Z"_s};
        QTest::newRow("29 February, leap years only") << u"FREQ=YEARLY"_s << utc << true << u"2024-02-29T09:00:00Z"_s << u"2024-02-29T09:00:00Z"_s
                                                      << QStringList{u"2028-02-29T09:00:00Z"_s, u"2032-02-29T09:00:00Z"_s, u"2036-02-29T09:00:00Z"_s};
        QTest::newRow("March and September") << u"FREQ=YEARLY;BYMONTH=3,9"_s << utc << true << u"2026-03-10T09:00:00Z"_s << u"2026-03-10T09:00:00Z"_s
                                             << QStringList{u"2026-09-10T09:00:00Z"_s, u"2027-03-10T09:00:00Z"_s, u"2027-09-10T09:00:00Z"_s};
        QTest::newRow("first of January and July") << u"FREQ=MONTHLY;BYMONTH=1,7;BYMONTHDAY=1"_s << utc << true << u"2026-01-01T09:00:00Z"_s << u"2026-01-01T09:00:00Z"_s
                                                   << QStringList{u"2026-07-01T09:00:00Z"_s, u"2027-01-01T09:00:00Z"_s, u"2027-07-01T09:00:00Z"_s};
        QTest::newRow("COUNT ends the series") << u"FREQ=DAILY;COUNT=3"_s << utc << true << u"2026-01-30T09:00:00Z"_s << u"2026-01-30T09:00:00Z"_s
                                               << QStringList{u"2026-01-31T09:00:00Z"_s, u"2026-02-01T09:00:00Z"_s};
        QTest::newRow("COUNT, after the last") << u"FREQ=DAILY;COUNT=3"_s << utc << true << u"2026-01-30T09:00:00Z"_s << u"2026-02-01T09:00:00Z"_s
                                               << QStringList{};
        // RFC 5545: the start is the first occurrence and counts, even when
        // the rule would not give it (a Wednesday for Mondays).
        QTest::newRow("COUNT counts the start") << u"FREQ=WEEKLY;BYDAY=MO;COUNT=2"_s << utc << true << u"2026-01-07T09:00:00Z"_s << u"2026-01-01T00:00:00Z"_s
                                                << QStringList{u"2026-01-07T09:00:00Z"_s, u"2026-01-12T09:00:00Z"_s};
        QTest::newRow("COUNT, the last ones") << u"FREQ=WEEKLY;BYDAY=TU;COUNT=5"_s << utc << true << u"2026-01-06T09:00:00Z"_s << u"2026-01-25T00:00:00Z"_s
                                              << QStringList{u"2026-01-27T09:00:00Z"_s, u"2026-02-03T09:00:00Z"_s};
        QTest::newRow("COUNT, start not in the rule") << u"FREQ=WEEKLY;BYDAY=TU;COUNT=3"_s << utc << true << u"2026-01-07T09:00:00Z"_s << u"2026-01-14T00:00:00Z"_s
                                                      << QStringList{u"2026-01-20T09:00:00Z"_s};
        QTest::newRow("UNTIL is inclusive") << u"FREQ=DAILY;UNTIL=20260202T090000Z"_s << utc << true << u"2026-01-30T09:00:00Z"_s << u"2026-01-31T00:00:00Z"_s
                                            << QStringList{u"2026-01-31T09:00:00Z"_s, u"2026-02-01T09:00:00Z"_s, u"2026-02-02T09:00:00Z"_s};
        QTest::newRow("UNTIL ends the series") << u"FREQ=DAILY;UNTIL=20260202T090000Z"_s << utc << true << u"2026-01-30T09:00:00Z"_s << u"2026-02-01T00:00:00Z"_s
                                               << QStringList{u"2026-02-01T09:00:00Z"_s, u"2026-02-02T09:00:00Z"_s};
        QTest::newRow("UNTIL a date, timed series") << u"FREQ=DAILY;UNTIL=20260201"_s << utc << true << u"2026-01-30T09:00:00Z"_s << u"2026-01-30T09:00:00Z"_s
                                                    << QStringList{u"2026-01-31T09:00:00Z"_s, u"2026-02-01T09:00:00Z"_s};
        // 10:00 UTC on 1 February is 05:00 in New York, before that day's 09:00.
        QTest::newRow("UNTIL in UTC, New York series") << u"FREQ=DAILY;UNTIL=20260201T100000Z"_s << QByteArray("America/New_York") << true
                                                       << u"2026-01-30T14:00:00Z"_s << u"2026-01-30T14:00:00Z"_s << QStringList{u"2026-01-31T14:00:00Z"_s};
        QTest::newRow("UNTIL long past, five years on") << u"FREQ=DAILY;UNTIL=20220101"_s << utc << true << u"2021-06-01T09:00:00Z"_s << u"2026-12-07T12:00:00Z"_s
                                                        << QStringList{};

        // 09:00 local every day across the daylight-saving changes: the UTC
        // instants move by an hour, the wall-clock time does not.
        const QByteArray newYork = "America/New_York";
        const QByteArray berlin = "Europe/Berlin";
        QTest::newRow("New York, spring forward 2026-03-08") << u"FREQ=DAILY"_s << newYork << true << u"2026-03-06T14:00:00Z"_s << u"2026-03-06T14:00:00Z"_s
                                                            << QStringList{u"2026-03-07T14:00:00Z"_s, u"2026-03-08T13:00:00Z"_s, u"2026-03-09T13:00:00Z"_s};
        QTest::newRow("New York, fall back 2026-11-01") << u"FREQ=DAILY"_s << newYork << true << u"2026-10-30T13:00:00Z"_s << u"2026-10-30T13:00:00Z"_s
                                                       << QStringList{u"2026-10-31T13:00:00Z"_s, u"2026-11-01T14:00:00Z"_s, u"2026-11-02T14:00:00Z"_s};
        QTest::newRow("Berlin, spring forward 2026-03-29") << u"FREQ=DAILY"_s << berlin << true << u"2026-03-27T08:00:00Z"_s << u"2026-03-27T08:00:00Z"_s
                                                          << QStringList{u"2026-03-28T08:00:00Z"_s, u"2026-03-29T07:00:00Z"_s, u"2026-03-30T07:00:00Z"_s};
        QTest::newRow("Berlin, fall back 2026-10-25") << u"FREQ=DAILY"_s << berlin << true << u"2026-10-23T07:00:00Z"_s << u"2026-10-23T07:00:00Z"_s
                                                     << QStringList{u"2026-10-24T07:00:00Z"_s, u"2026-10-25T08:00:00Z"_s, u"2026-10-26T08:00:00Z"_s};
        QTest::newRow("Berlin weekly, across the spring change") << u"FREQ=WEEKLY"_s << berlin << true << u"2026-03-22T08:00:00Z"_s << u"2026-03-22T08:00:00Z"_s
                                                           << QStringList{u"2026-03-29T07:00:00Z"_s, u"2026-04-05T07:00:00Z"_s, u"2026-04-12T07:00:00Z"_s};
        // 02:30 does not exist in New York on 2026-03-08: the offset before
        // the gap (EST) makes it 07:30 UTC, 03:30 EDT.
        QTest::newRow("New York, 02:30 in the gap") << u"FREQ=DAILY"_s << newYork << true << u"2026-03-07T07:30:00Z"_s << u"2026-03-07T07:30:00Z"_s
                                                   << QStringList{u"2026-03-08T07:30:00Z"_s, u"2026-03-09T06:30:00Z"_s, u"2026-03-10T06:30:00Z"_s};
        // 01:30 happens twice on 2026-11-01: the first, in EDT.
        QTest::newRow("New York, 01:30 twice") << u"FREQ=DAILY"_s << newYork << true << u"2026-10-31T05:30:00Z"_s << u"2026-10-31T05:30:00Z"_s
                                              << QStringList{u"2026-11-01T05:30:00Z"_s, u"2026-11-02T06:30:00Z"_s, u"2026-11-03T06:30:00Z"_s};
        QTest::newRow("Berlin, daily from five years ago") << u"FREQ=DAILY"_s << berlin << true << u"2021-06-01T07:00:00Z"_s << u"2026-12-07T12:00:00Z"_s
                                                          << QStringList{u"2026-12-08T08:00:00Z"_s, u"2026-12-09T08:00:00Z"_s, u"2026-12-10T08:00:00Z"_s};
        QTest::newRow("unknown zone is UTC") << u"FREQ=DAILY"_s << QByteArray("Mars/Olympus_Mons") << true << u"2026-03-06T09:00:00Z"_s << u"2026-03-06T09:00:00Z"_s
                                             << QStringList{u"2026-03-07T09:00:00Z"_s, u"2026-03-08T09:00:00Z"_s, u"2026-03-09T09:00:00Z"_s};

        // Dates: the same in every zone, compared as dates.
        QTest::newRow("date-only daily in New York") << u"FREQ=DAILY"_s << newYork << false << u"2026-03-07T00:00:00Z"_s << u"2026-03-07T00:00:00Z"_s
                                                     << QStringList{u"2026-03-08T00:00:00Z"_s, u"2026-03-09T00:00:00Z"_s, u"2026-03-10T00:00:00Z"_s};
        QTest::newRow("date-only, after within a day") << u"FREQ=DAILY"_s << QByteArray("Asia/Kolkata") << false << u"2026-03-07T00:00:00Z"_s << u"2026-03-08T23:00:00Z"_s
                                                       << QStringList{u"2026-03-09T00:00:00Z"_s, u"2026-03-10T00:00:00Z"_s, u"2026-03-11T00:00:00Z"_s};
        QTest::newRow("date-only last day of the month") << u"FREQ=MONTHLY;BYMONTHDAY=-1"_s << berlin << false << u"2026-01-31T00:00:00Z"_s << u"2026-01-31T00:00:00Z"_s
                                                         << QStringList{u"2026-02-28T00:00:00Z"_s, u"2026-03-31T00:00:00Z"_s, u"2026-04-30T00:00:00Z"_s};
        QTest::newRow("date-only UNTIL") << u"FREQ=WEEKLY;UNTIL=20260115"_s << utc << false << u"2026-01-01T00:00:00Z"_s << u"2026-01-01T00:00:00Z"_s
                                         << QStringList{u"2026-01-08T00:00:00Z"_s, u"2026-01-15T00:00:00Z"_s};
        QTest::newRow("date-only 29 February") << u"FREQ=YEARLY"_s << newYork << false << u"2024-02-29T00:00:00Z"_s << u"2026-12-07T00:00:00Z"_s
                                               << QStringList{u"2028-02-29T00:00:00Z"_s, u"2032-02-29T00:00:00Z"_s, u"2036-02-29T00:00:00Z"_s};
    }

    void shouldExpand()
    {
        QFETCH(QString, rule);
        QFETCH(QByteArray, zone);
        QFETCH(bool, hasTime);
        QFETCH(QString, start);
        QFETCH(QString, after);
        QFETCH(QStringList, expected);
        const RepeatSeries repeating = series(rule, zone, hasTime, start);
        QCOMPARE(isoList(RepeatExpansion::nextN(repeating, at(after), 3)), expected);
        const std::optional<Micros> next = RepeatExpansion::nextAfter(repeating, at(after));
        QCOMPARE(next ? iso(*next) : QString(), expected.value(0));
    }

    void shouldFindFirstOnOrAfter_data()
    {
        QTest::addColumn<QString>("rule");
        QTest::addColumn<bool>("hasTime");
        QTest::addColumn<QString>("start");
        QTest::addColumn<QString>("at");
        QTest::addColumn<QString>("expected");
        QTest::newRow("on an occurrence") << u"FREQ=DAILY"_s << true << u"2026-01-01T09:00:00Z"_s << u"2026-02-10T09:00:00Z"_s << u"2026-02-10T09:00:00Z"_s;
        QTest::newRow("just after one") << u"FREQ=DAILY"_s << true << u"2026-01-01T09:00:00Z"_s << u"2026-02-10T09:00:00.000001Z"_s << u"2026-02-11T09:00:00Z"_s;
        QTest::newRow("before the start") << u"FREQ=DAILY"_s << true << u"2026-01-01T09:00:00Z"_s << u"2025-12-01T00:00:00Z"_s << u"2026-01-01T09:00:00Z"_s;
        // Mondays: 9 and 16 February 2026.
        QTest::newRow("date-only, on the day") << u"FREQ=WEEKLY;BYDAY=MO"_s << false << u"2026-01-05T00:00:00Z"_s << u"2026-02-09T15:00:00Z"_s << u"2026-02-09T00:00:00Z"_s;
        QTest::newRow("date-only, the day after") << u"FREQ=WEEKLY;BYDAY=MO"_s << false << u"2026-01-05T00:00:00Z"_s << u"2026-02-10T00:00:00Z"_s << u"2026-02-16T00:00:00Z"_s;
        QTest::newRow("ended") << u"FREQ=DAILY;COUNT=2"_s << true << u"2026-01-01T09:00:00Z"_s << u"2026-01-02T09:00:01Z"_s << QString();
    }

    void shouldFindFirstOnOrAfter()
    {
        QFETCH(QString, rule);
        QFETCH(bool, hasTime);
        QFETCH(QString, start);
        QFETCH(QString, at);
        QFETCH(QString, expected);
        const std::optional<Micros> first = RepeatExpansion::firstOnOrAfter(series(rule, "UTC", hasTime, start), ::at(at));
        QCOMPARE(first ? iso(*first) : QString(), expected);
    }

    void shouldRepeatFromCompletion_data()
    {
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QByteArray>("zone");
        QTest::addColumn<bool>("hasTime");
        QTest::addColumn<QString>("start");
        QTest::addColumn<QString>("completedAt");
        QTest::addColumn<int>("completedSoFar");
        QTest::addColumn<QString>("expected");
        const QByteArray berlin = "Europe/Berlin";
        // A 09:00 Berlin todo (08:00 UTC in winter), done on Tuesday 2026-12-08 at 18:00.
        QTest::newRow("every third day, done Tuesday evening") << u"FREQ=DAILY;INTERVAL=3"_s << berlin << true << u"2026-12-01T08:00:00Z"_s
                                                               << u"2026-12-08T17:00:00Z"_s << 0 << u"2026-12-11T08:00:00Z"_s;
        QTest::newRow("done before its time of day") << u"FREQ=DAILY"_s << berlin << true << u"2026-12-01T08:00:00Z"_s
                                                     << u"2026-12-08T06:00:00Z"_s << 0 << u"2026-12-09T08:00:00Z"_s;
        // 23:30 in New York on 8 December is already the 9th in UTC.
        QTest::newRow("the local day, not the UTC day") << u"FREQ=DAILY"_s << QByteArray("America/New_York") << true << u"2026-12-01T14:00:00Z"_s
                                                        << u"2026-12-09T04:30:00Z"_s << 0 << u"2026-12-09T14:00:00Z"_s;
        QTest::newRow("Mondays, done Wednesday") << u"FREQ=WEEKLY;BYDAY=MO"_s << berlin << true << u"2026-11-30T08:00:00Z"_s
                                                 << u"2026-12-09T10:00:00Z"_s << 0 << u"2026-12-14T08:00:00Z"_s;
        QTest::newRow("monthly from the day done") << u"FREQ=MONTHLY"_s << berlin << true << u"2026-11-02T08:00:00Z"_s
                                                   << u"2026-12-09T10:00:00Z"_s << 0 << u"2027-01-09T08:00:00Z"_s;
        // Done in winter, due in summer time: 09:00 CEST is 07:00 UTC.
        QTest::newRow("keeps the wall-clock time") << u"FREQ=DAILY"_s << berlin << true << u"2026-01-05T08:00:00Z"_s
                                                   << u"2026-03-28T20:00:00Z"_s << 0 << u"2026-03-29T07:00:00Z"_s;
        QTest::newRow("COUNT=3, second done") << u"FREQ=DAILY;COUNT=3"_s << berlin << true << u"2026-12-01T08:00:00Z"_s
                                              << u"2026-12-05T10:00:00Z"_s << 1 << u"2026-12-06T08:00:00Z"_s;
        QTest::newRow("COUNT=3, third done") << u"FREQ=DAILY;COUNT=3"_s << berlin << true << u"2026-12-01T08:00:00Z"_s
                                             << u"2026-12-05T10:00:00Z"_s << 2 << QString();
        QTest::newRow("UNTIL, one left") << u"FREQ=DAILY;UNTIL=20261210T235959Z"_s << QByteArray("UTC") << true << u"2026-12-01T09:00:00Z"_s
                                         << u"2026-12-09T10:00:00Z"_s << 0 << u"2026-12-10T09:00:00Z"_s;
        QTest::newRow("UNTIL, ended") << u"FREQ=DAILY;UNTIL=20261210T235959Z"_s << QByteArray("UTC") << true << u"2026-12-01T09:00:00Z"_s
                                      << u"2026-12-10T10:00:00Z"_s << 0 << QString();
        // 20:00 UTC on 8 December is 05:00 on the 9th in Tokyo.
        QTest::newRow("date-only, the zone's day") << u"FREQ=DAILY;INTERVAL=2"_s << QByteArray("Asia/Tokyo") << false << u"2026-12-01T00:00:00Z"_s
                                                   << u"2026-12-08T20:00:00Z"_s << 0 << u"2026-12-11T00:00:00Z"_s;
    }

    void shouldRepeatFromCompletion()
    {
        QFETCH(QString, rule);
        QFETCH(QByteArray, zone);
        QFETCH(bool, hasTime);
        QFETCH(QString, start);
        QFETCH(QString, completedAt);
        QFETCH(int, completedSoFar);
        QFETCH(QString, expected);
        RepeatSeries repeating = series(rule, zone, hasTime, start);
        repeating.fromCompletion = true;
        const std::optional<Micros> next = RepeatExpansion::nextFromCompletion(repeating, at(completedAt), completedSoFar);
        QCOMPARE(next ? iso(*next) : QString(), expected);
    }

    // Skipping ahead (libical's set_start) finds what going through every
    // occurrence from the start finds; COUNT ends the series in both.
    void shouldSkipAheadAsGoingThroughDoes_data()
    {
        QTest::addColumn<QString>("rule");
        for (const QString &rule : {u"FREQ=DAILY;INTERVAL=3"_s, u"FREQ=WEEKLY;INTERVAL=3;BYDAY=MO,TH"_s, u"FREQ=WEEKLY;INTERVAL=2;BYDAY=SU,WE;WKST=SU"_s,
                                    u"FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR"_s, u"FREQ=MONTHLY;BYMONTHDAY=31"_s, u"FREQ=YEARLY;INTERVAL=2;BYMONTH=2,8"_s,
                                    u"FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1"_s, u"FREQ=WEEKLY;BYDAY=TU;COUNT=260"_s, u"FREQ=DAILY;COUNT=2000"_s})
            QTest::newRow(qPrintable(rule)) << rule;
    }

    void shouldSkipAheadAsGoingThroughDoes()
    {
        QFETCH(QString, rule);
        const RepeatSeries repeating = series(rule, "Europe/Berlin", true, u"2021-06-03T07:00:00Z"_s);
        // From before the start nothing is skipped.
        const QList<Micros> all = RepeatExpansion::nextN(repeating, at(u"2021-06-01T00:00:00Z"_s), 3000);
        QVERIFY(!all.isEmpty());
        for (Micros after = at(u"2026-01-01T00:00:00Z"_s); after < at(u"2028-01-01T00:00:00Z"_s); after += 13 * Timestamp::kMicrosPerDay) {
            const auto first = std::upper_bound(all.cbegin(), all.cend(), after);
            const QList<Micros> expected(first, std::min(first + 3, all.cend()));
            QCOMPARE(isoList(RepeatExpansion::nextN(repeating, after, 3)), isoList(expected));
        }
    }

    void shouldExpandOnManyThreadsAtOnce()
    {
        const RepeatSeries repeating = series(u"FREQ=DAILY"_s, "Europe/Berlin", true, u"2021-06-01T07:00:00Z"_s);
        std::atomic<int> wrong = 0;
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&] {
                for (int i = 0; i < 500; ++i) {
                    if (RepeatExpansion::nextAfter(repeating, at(u"2026-03-28T12:00:00Z"_s)) != at(u"2026-03-29T07:00:00Z"_s))
                        ++wrong;
                }
            });
        }
        for (std::thread &thread : threads)
            thread.join();
        QCOMPARE(wrong.load(), 0);
    }
};

QTEST_GUILESS_MAIN(RepeatRuleTest)
#include "repeatruletest.moc"
