#include "repeat/repeatrule.h"

#include <QTest>

using namespace Qt::StringLiterals;

// What a repeat rule accepts, how it writes itself, and what it refuses with
// a message that names the part.
class RepeatParseTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldWriteCanonicalText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("canonical");
        QTest::newRow("as written") << u"FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"_s << u"FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"_s;
        QTest::newRow("prefix, lower case, any order") << u"rrule:freq=weekly;byday=fr;interval=2"_s << u"FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"_s;
        QTest::newRow("white space around") << u"  RRULE:FREQ=DAILY \n"_s << u"FREQ=DAILY"_s;
        QTest::newRow("INTERVAL=1 is the default") << u"FREQ=DAILY;INTERVAL=1"_s << u"FREQ=DAILY"_s;
        QTest::newRow("trailing semicolon") << u"FREQ=DAILY;"_s << u"FREQ=DAILY"_s;
        QTest::newRow("nth weekday") << u"FREQ=MONTHLY;BYDAY=3FR"_s << u"FREQ=MONTHLY;BYDAY=3FR"_s;
        QTest::newRow("last weekday") << u"FREQ=MONTHLY;BYDAY=-1MO"_s << u"FREQ=MONTHLY;BYDAY=-1MO"_s;
        QTest::newRow("last day") << u"FREQ=MONTHLY;BYMONTHDAY=-1"_s << u"FREQ=MONTHLY;BYMONTHDAY=-1"_s;
        QTest::newRow("BYMONTHDAY before BYMONTH") << u"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29"_s << u"FREQ=YEARLY;BYMONTHDAY=29;BYMONTH=2"_s;
        QTest::newRow("COUNT") << u"FREQ=DAILY;COUNT=5"_s << u"FREQ=DAILY;COUNT=5"_s;
        QTest::newRow("UNTIL in UTC") << u"FREQ=DAILY;UNTIL=20261231T235959Z"_s << u"FREQ=DAILY;UNTIL=20261231T235959Z"_s;
        QTest::newRow("UNTIL a date") << u"FREQ=DAILY;UNTIL=20261231"_s << u"FREQ=DAILY;UNTIL=20261231"_s;
        QTest::newRow("WKST other than Monday") << u"FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;WKST=SU"_s << u"FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;WKST=SU"_s;
        QTest::newRow("WKST=MO is the default") << u"FREQ=WEEKLY;WKST=MO"_s << u"FREQ=WEEKLY"_s;
        QTest::newRow("last workday") << u"FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1"_s << u"FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1"_s;
    }

    void shouldWriteCanonicalText()
    {
        QFETCH(QString, text);
        QFETCH(QString, canonical);
        QString error;
        const std::optional<RepeatRule> rule = RepeatRule::parse(text, &error);
        QVERIFY2(rule, qPrintable(error));
        QCOMPARE(rule->text(), canonical);
        const std::optional<RepeatRule> again = RepeatRule::parse(rule->text());
        QVERIFY(again);
        QCOMPARE(again->text(), canonical);
    }

    void shouldReadTheParts()
    {
        const std::optional<RepeatRule> weekly = RepeatRule::parse(u"FREQ=WEEKLY;INTERVAL=2;BYDAY=FR;COUNT=7"_s);
        QVERIFY(weekly);
        QCOMPARE(weekly->frequency(), RepeatRule::Frequency::Weekly);
        QCOMPARE(weekly->interval(), 2);
        QCOMPARE(weekly->count(), 7);
        QVERIFY(!weekly->until());

        const std::optional<RepeatRule> daily = RepeatRule::parse(u"FREQ=DAILY;UNTIL=20261231T235959Z"_s);
        QVERIFY(daily);
        QCOMPARE(daily->frequency(), RepeatRule::Frequency::Daily);
        QCOMPARE(daily->interval(), 1);
        QCOMPARE(daily->count(), 0);
        QCOMPARE(daily->until(), (RepeatUntil{QDate(2026, 12, 31), QTime(23, 59, 59), true}));

        const std::optional<RepeatRule> yearly = RepeatRule::parse(u"FREQ=YEARLY;UNTIL=20301231"_s);
        QVERIFY(yearly);
        QCOMPARE(yearly->frequency(), RepeatRule::Frequency::Yearly);
        QCOMPARE(yearly->until(), (RepeatUntil{QDate(2030, 12, 31), std::nullopt, false}));
        QCOMPARE(RepeatRule::parse(u"FREQ=MONTHLY"_s)->frequency(), RepeatRule::Frequency::Monthly);
    }

    void shouldRefuse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("named"); // what the message must name
        QTest::newRow("empty") << u""_s << QStringList{};
        QTest::newRow("only the prefix") << u"RRULE:"_s << QStringList{};
        QTest::newRow("garbage") << u"every day"_s << QStringList{u"EVERY DAY"_s};
        QTest::newRow("garbage with an equals sign") << u"FREQ=DAILY;x=y"_s << QStringList{u"X"_s};
        QTest::newRow("hourly") << u"FREQ=HOURLY"_s << QStringList{u"HOURLY"_s};
        QTest::newRow("minutely") << u"FREQ=MINUTELY;INTERVAL=30"_s << QStringList{u"MINUTELY"_s};
        QTest::newRow("secondly") << u"FREQ=SECONDLY"_s << QStringList{u"SECONDLY"_s};
        QTest::newRow("unknown frequency") << u"FREQ=FORTNIGHTLY"_s << QStringList{u"FORTNIGHTLY"_s};
        QTest::newRow("no frequency") << u"INTERVAL=2;BYDAY=MO"_s << QStringList{u"FREQ"_s};
        QTest::newRow("BYHOUR") << u"FREQ=DAILY;BYHOUR=9"_s << QStringList{u"BYHOUR"_s};
        QTest::newRow("BYMINUTE") << u"FREQ=DAILY;BYMINUTE=15"_s << QStringList{u"BYMINUTE"_s};
        QTest::newRow("BYYEARDAY") << u"FREQ=YEARLY;BYYEARDAY=100"_s << QStringList{u"BYYEARDAY"_s};
        QTest::newRow("RSCALE") << u"RSCALE=GREGORIAN;FREQ=YEARLY"_s << QStringList{u"RSCALE"_s};
        QTest::newRow("COUNT with UNTIL") << u"FREQ=DAILY;COUNT=3;UNTIL=20261231"_s << QStringList{u"COUNT"_s, u"UNTIL"_s};
        QTest::newRow("bad weekday") << u"FREQ=WEEKLY;BYDAY=XX"_s << QStringList{u"BYDAY=XX"_s};
        QTest::newRow("INTERVAL=0") << u"FREQ=DAILY;INTERVAL=0"_s << QStringList{u"INTERVAL=0"_s};
        QTest::newRow("COUNT=0") << u"FREQ=DAILY;COUNT=0"_s << QStringList{u"COUNT=0"_s};
        QTest::newRow("bad UNTIL") << u"FREQ=DAILY;UNTIL=tomorrow"_s << QStringList{u"UNTIL=TOMORROW"_s};
        QTest::newRow("day 32") << u"FREQ=MONTHLY;BYMONTHDAY=32"_s << QStringList{u"BYMONTHDAY=32"_s};
        QTest::newRow("month 13") << u"FREQ=YEARLY;BYMONTH=13"_s << QStringList{u"BYMONTH=13"_s};
        QTest::newRow("leap month") << u"FREQ=YEARLY;BYMONTH=5L"_s << QStringList{u"BYMONTH=5L"_s};
        QTest::newRow("two frequencies") << u"FREQ=DAILY;FREQ=WEEKLY"_s << QStringList{};
        QTest::newRow("BYMONTHDAY in a weekly rule") << u"FREQ=WEEKLY;BYMONTHDAY=3"_s << QStringList{u"BYMONTHDAY=3"_s, u"FREQ=WEEKLY"_s};
        QTest::newRow("never repeats") << u"FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=31"_s << QStringList{u"FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=31"_s};
    }

    void shouldRefuse()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, named);
        QString error;
        QVERIFY(!RepeatRule::parse(text, &error));
        QVERIFY(!error.isEmpty());
        for (const QString &name : named)
            QVERIFY2(error.contains(name), qPrintable(u"“%1” does not name %2"_s.arg(error, name)));
    }
};

QTEST_GUILESS_MAIN(RepeatParseTest)
#include "repeatparsetest.moc"
