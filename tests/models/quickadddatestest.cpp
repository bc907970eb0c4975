#include "quickadd/quickaddparser.h"

#include <QLocale>
#include <QObject>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// A Sunday in November, so "Nov 1" has passed this year and "next week" starts tomorrow.
const QDate kToday(2026, 11, 22);

} // namespace

// The everyday date words of the quick-add line beyond the ISO date and the
// weekdays: month names, day.month., "next week", "tonight", "noon"; what
// looks like a date but is not understood is reported, never dropped
// silently; and the due alone, as tandem-cli's --due reads it.
class QuickAddDatesTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { QLocale::setDefault(QLocale::c()); }

    void shouldUnderstandEverydayDates_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QDate>("dueDate");
        QTest::addColumn<QTime>("dueTime"); // invalid: none

        const QDate dec15(2026, 12, 15);
        QTest::newRow("Dec 15") << u"Party Dec 15"_s << u"Party"_s << dec15 << QTime();
        QTest::newRow("15 Dec") << u"Party 15 Dec"_s << u"Party"_s << dec15 << QTime();
        QTest::newRow("December 15") << u"Party December 15"_s << u"Party"_s << dec15 << QTime();
        QTest::newRow("15 december lower case") << u"Party 15 december"_s << u"Party"_s << dec15 << QTime();
        QTest::newRow("15th Dec") << u"Party 15th Dec"_s << u"Party"_s << dec15 << QTime();
        QTest::newRow("Dec 15th") << u"Party Dec 15th"_s << u"Party"_s << dec15 << QTime();
        QTest::newRow("Sept 1") << u"School Sept 1"_s << u"School"_s << QDate(2027, 9, 1) << QTime();
        QTest::newRow("Dec 15 2027") << u"Party Dec 15 2027"_s << u"Party"_s << QDate(2027, 12, 15) << QTime();
        QTest::newRow("15 Dec 2027") << u"Party 15 Dec 2027"_s << u"Party"_s << QDate(2027, 12, 15) << QTime();
        QTest::newRow("passed this year: next year") << u"Party Nov 1"_s << u"Party"_s << QDate(2027, 11, 1) << QTime();
        QTest::newRow("today's day and month") << u"Party Nov 22"_s << u"Party"_s << kToday << QTime();
        QTest::newRow("Feb 29: the next leap year") << u"Leap Feb 29"_s << u"Leap"_s << QDate(2028, 2, 29) << QTime();
        QTest::newRow("month and time") << u"Party Dec 15 18:00"_s << u"Party"_s << dec15 << QTime(18, 0);
        QTest::newRow("May alone stays") << u"You may go"_s << u"You may go"_s << QDate() << QTime();

        QTest::newRow("15.12.") << u"Party 15.12."_s << u"Party"_s << dec15 << QTime();
        QTest::newRow("1.2.") << u"Party 1.2."_s << u"Party"_s << QDate(2027, 2, 1) << QTime();
        QTest::newRow("15.12.2027") << u"Party 15.12.2027"_s << u"Party"_s << QDate(2027, 12, 15) << QTime();
        QTest::newRow("15.12.27") << u"Party 15.12.27"_s << u"Party"_s << QDate(2027, 12, 15) << QTime();
        QTest::newRow("a decimal stays") << u"Buy 2.5 kg"_s << u"Buy 2.5 kg"_s << QDate() << QTime();

        QTest::newRow("next week: Monday") << u"Plan next week"_s << u"Plan"_s << QDate(2026, 11, 23) << QTime();
        QTest::newRow("in 2 weeks") << u"Review in 2 weeks"_s << u"Review"_s << QDate(2026, 12, 6) << QTime();
        QTest::newRow("in a week") << u"Review in a week"_s << u"Review"_s << QDate(2026, 11, 29) << QTime();
        QTest::newRow("in 3 months") << u"Review in 3 months"_s << u"Review"_s << QDate(2027, 2, 22) << QTime();
        QTest::newRow("in 1 year") << u"Review in 1 year"_s << u"Review"_s << QDate(2027, 11, 22) << QTime();
        QTest::newRow("tonight") << u"Call Sam tonight"_s << u"Call Sam"_s << kToday << QTime(19, 0);
        QTest::newRow("tonight at 9pm") << u"Call Sam tonight at 9pm"_s << u"Call Sam"_s << kToday << QTime(21, 0);
        QTest::newRow("noon") << u"Lunch noon"_s << u"Lunch"_s << kToday << QTime(12, 0);
        QTest::newRow("at noon tomorrow") << u"Lunch at noon tomorrow"_s << u"Lunch"_s << kToday.addDays(1)
                                          << QTime(12, 0);
        QTest::newRow("friday at noon") << u"Lunch friday at noon"_s << u"Lunch"_s << QDate(2026, 11, 27)
                                        << QTime(12, 0);
    }

    void shouldUnderstandEverydayDates()
    {
        QFETCH(QString, text);
        QFETCH(QString, title);
        QFETCH(QDate, dueDate);
        QFETCH(QTime, dueTime);
        const QuickAddResult result = QuickAddParser::parse(text, kToday);
        QCOMPARE(result.title, title);
        QCOMPARE(result.dueDate.value_or(QDate()), dueDate);
        QCOMPARE(result.dueTime.value_or(QTime()), dueTime);
        QCOMPARE(result.unclearDates, QStringList());
        QCOMPARE(result.unclearTimes, QStringList());
    }

    void shouldReportWhatLooksLikeADateButIsNot_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("dates");
        QTest::addColumn<QStringList>("times");

        QTest::newRow("30 February") << u"Pay 2026-02-30"_s << QStringList{u"2026-02-30"_s} << QStringList();
        QTest::newRow("month 13") << u"Pay 2026-13-01"_s << QStringList{u"2026-13-01"_s} << QStringList();
        QTest::newRow("single digits") << u"Pay 2026-1-5"_s << QStringList{u"2026-1-5"_s} << QStringList();
        QTest::newRow("slashes") << u"Pay 2026/12/24"_s << QStringList{u"2026/12/24"_s} << QStringList();
        QTest::newRow("short year") << u"Pay 26-12-24"_s << QStringList{u"26-12-24"_s} << QStringList();
        QTest::newRow("31.02.") << u"Pay 31.02."_s << QStringList{u"31.02."_s} << QStringList();
        QTest::newRow("Feb 30") << u"Pay Feb 30"_s << QStringList{u"Feb 30"_s} << QStringList();
        QTest::newRow("31 April") << u"Pay 31 April"_s << QStringList{u"31 April"_s} << QStringList();
        QTest::newRow("in too many days") << u"Pay in 99999 days"_s << QStringList{u"in 99999 days"_s}
                                          << QStringList();
        QTest::newRow("24:00") << u"Call 24:00"_s << QStringList() << QStringList{u"24:00"_s};
        QTest::newRow("at 25:00") << u"Call at 25:00"_s << QStringList() << QStringList{u"at 25:00"_s};
        QTest::newRow("13pm") << u"Call 13pm"_s << QStringList() << QStringList{u"13pm"_s};
        QTest::newRow("both, with a good date") << u"Pay tomorrow 2026-02-30 12:60"_s
                                                << QStringList{u"2026-02-30"_s} << QStringList{u"12:60"_s};
        QTest::newRow("quoted is literal") << u"Pay \"2026-02-30\""_s << QStringList() << QStringList();
        QTest::newRow("a second good date is no mistake") << u"tomorrow plan monday"_s << QStringList()
                                                         << QStringList();
        QTest::newRow("numbers are not dates") << u"Buy 3 apples 1-2 kg 2.5"_s << QStringList() << QStringList();
    }

    void shouldReportWhatLooksLikeADateButIsNot()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, dates);
        QFETCH(QStringList, times);
        const QuickAddResult result = QuickAddParser::parse(text, kToday);
        QCOMPARE(result.unclearDates, dates);
        QCOMPARE(result.unclearTimes, times);
        // It stays in the title, and the preview says so.
        for (const QString &words : dates + times)
            QVERIFY2(result.title.contains(words), qPrintable(result.title));
        const QString description = QuickAddParser::describe(result, kToday);
        for (const QString &words : dates)
            QVERIFY2(description.contains(u"Not understood as a date: “"_s + words + u"”"_s),
                     qPrintable(description));
        for (const QString &words : times)
            QVERIFY2(description.contains(u"Not understood as a time: “"_s + words + u"”"_s),
                     qPrintable(description));
    }

    void shouldUnderstandThePersonsLanguage()
    {
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        QuickAddResult result = QuickAddParser::parse(u"Feier 15. Dezember"_s, kToday);
        QCOMPARE(result.title, u"Feier"_s);
        QCOMPARE(result.dueDate, std::optional(QDate(2026, 12, 15)));
        result = QuickAddParser::parse(u"Zahnarzt Freitag"_s, kToday);
        QCOMPARE(result.title, u"Zahnarzt"_s);
        QCOMPARE(result.dueDate, std::optional(QDate(2026, 11, 27)));
        // English stays understood in any language.
        QCOMPARE(QuickAddParser::parse(u"Party Dec 15"_s, kToday).dueDate, std::optional(QDate(2026, 12, 15)));
    }

    void shouldReadADueAlone_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDate>("date"); // invalid: refused
        QTest::addColumn<QTime>("time");
        QTest::newRow("today") << u"today"_s << kToday << QTime();
        QTest::newRow("tomorrow") << u"Tomorrow"_s << kToday.addDays(1) << QTime();
        QTest::newRow("weekday") << u"fri"_s << QDate(2026, 11, 27) << QTime();
        QTest::newRow("in 3 days") << u" in 3 days "_s << QDate(2026, 11, 25) << QTime();
        QTest::newRow("month name") << u"Dec 15"_s << QDate(2026, 12, 15) << QTime();
        QTest::newRow("with a time") << u"friday 3pm"_s << QDate(2026, 11, 27) << QTime(15, 0);
        QTest::newRow("iso") << u"2026-12-24"_s << QDate(2026, 12, 24) << QTime();
        QTest::newRow("a title is no due") << u"tomorrow lunch"_s << QDate() << QTime();
        QTest::newRow("a tag is no due") << u"tomorrow #x"_s << QDate() << QTime();
        QTest::newRow("invalid") << u"2026-02-30"_s << QDate() << QTime();
        QTest::newRow("nothing") << u"  "_s << QDate() << QTime();
        QTest::newRow("quoted") << u"\"today\""_s << QDate() << QTime();
    }

    void shouldReadADueAlone()
    {
        QFETCH(QString, text);
        QFETCH(QDate, date);
        QFETCH(QTime, time);
        const auto due = QuickAddParser::parseDue(text, kToday);
        QCOMPARE(due.has_value(), date.isValid());
        if (!due)
            return;
        QCOMPARE(due->dueDate, std::optional(date));
        QCOMPARE(due->dueTime.value_or(QTime()), time);
    }
};

QTEST_GUILESS_MAIN(QuickAddDatesTest)

#include "quickadddatestest.moc"
