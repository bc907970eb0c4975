#include "repeat/repeatparts.h"

#include <QTest>

using namespace Qt::StringLiterals;

// The repeat editor's fields and the rule they stand for, both ways; rules
// the editor has no fields for are left alone.
class RepeatPartsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldReadAndWriteTheSameRule_data()
    {
        QTest::addColumn<QString>("rule");
        for (const char *rule : {"FREQ=DAILY", "FREQ=DAILY;INTERVAL=3", "FREQ=WEEKLY;BYDAY=MO,WE,FR",
                                 "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=6", "FREQ=MONTHLY;BYMONTHDAY=15",
                                 "FREQ=MONTHLY;BYMONTHDAY=-1", "FREQ=MONTHLY;BYDAY=3FR", "FREQ=MONTHLY;BYDAY=-1MO",
                                 "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "FREQ=YEARLY;UNTIL=20301231",
                                 "FREQ=WEEKLY"})
            QTest::newRow(rule) << QString::fromLatin1(rule);
    }

    void shouldReadAndWriteTheSameRule()
    {
        QFETCH(QString, rule);
        const auto parsed = RepeatRule::parse(rule);
        QVERIFY(parsed);
        const auto parts = RepeatParts::from(*parsed);
        QVERIFY(parts);
        const auto again = RepeatRule::parse(parts->text());
        QVERIFY2(again, qPrintable(parts->text()));
        QCOMPARE(again->text(), parsed->text());
    }

    void shouldReadTheFields()
    {
        const auto parts = RepeatParts::from(*RepeatRule::parse(u"FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR;COUNT=4"_s));
        QVERIFY(parts);
        QCOMPARE(parts->frequency, RepeatRule::Frequency::Monthly);
        QCOMPARE(parts->interval, 2);
        QCOMPARE(parts->monthMode, RepeatParts::MonthMode::NthWeekday);
        QCOMPARE(parts->nth, -1);
        QCOMPARE(parts->nthWeekday, 5);
        QCOMPARE(parts->count, 4);
        const auto weekly = RepeatParts::from(*RepeatRule::parse(u"FREQ=WEEKLY;BYDAY=SU,MO"_s));
        QCOMPARE(weekly->weekdays, (QList<int>{1, 7}));
    }

    void shouldLeaveAloneWhatTheEditorCannotShow_data()
    {
        QTest::addColumn<QString>("rule");
        QTest::newRow("BYSETPOS") << u"FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1"_s;
        QTest::newRow("two nth weekdays") << u"FREQ=MONTHLY;BYDAY=1MO,3MO"_s;
        QTest::newRow("months of a monthly rule") << u"FREQ=MONTHLY;BYMONTH=1,7;BYMONTHDAY=1"_s;
        QTest::newRow("days of a daily rule") << u"FREQ=DAILY;BYDAY=MO"_s;
    }

    void shouldLeaveAloneWhatTheEditorCannotShow()
    {
        QFETCH(QString, rule);
        const auto parsed = RepeatRule::parse(rule);
        QVERIFY2(parsed, qPrintable(rule));
        QVERIFY(!RepeatParts::from(*parsed));
    }
};

QTEST_GUILESS_MAIN(RepeatPartsTest)
#include "repeatpartstest.moc"
