#include "quickadd/quickaddparser.h"

#include <QLocale>
#include <QObject>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// A Sunday.
const QDate kToday(2026, 11, 22);

const QString kWorkdays = u"FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"_s;

} // namespace

// Repeats typed in the quick-add line ("every 2 weeks on friday", "every! 3
// days") become RRULE text, taken out of the title like a date; the first
// day is left to whoever adds the todo, a typed date or time is kept.
class QuickAddRepeatTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { QLocale::setDefault(QLocale::c()); }

    void shouldReadTheRepeat_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("rule");
        QTest::addColumn<bool>("fromCompletion");

        QTest::newRow("every day") << u"Water plants every day"_s << u"Water plants"_s << u"FREQ=DAILY"_s << false;
        QTest::newRow("daily") << u"Stretch daily"_s << u"Stretch"_s << u"FREQ=DAILY"_s << false;
        QTest::newRow("any case") << u"Stretch EVERY Day"_s << u"Stretch"_s << u"FREQ=DAILY"_s << false;
        QTest::newRow("every weekday") << u"Standup every weekday"_s << u"Standup"_s << kWorkdays << false;
        QTest::newRow("every monday") << u"Gym every monday"_s << u"Gym"_s << u"FREQ=WEEKLY;BYDAY=MO"_s << false;
        QTest::newRow("every Sun") << u"Call mum every Sun"_s << u"Call mum"_s << u"FREQ=WEEKLY;BYDAY=SU"_s << false;
        QTest::newRow("every tue") << u"Bins every tue"_s << u"Bins"_s << u"FREQ=WEEKLY;BYDAY=TU"_s << false;
        QTest::newRow("monday and thursday") << u"Gym every monday and thursday"_s << u"Gym"_s
                                             << u"FREQ=WEEKLY;BYDAY=MO,TH"_s << false;
        QTest::newRow("mon, thu") << u"Gym every mon, thu"_s << u"Gym"_s << u"FREQ=WEEKLY;BYDAY=MO,TH"_s << false;
        QTest::newRow("mon, wed and fri") << u"Gym every mon, wed and fri"_s << u"Gym"_s
                                          << u"FREQ=WEEKLY;BYDAY=MO,WE,FR"_s << false;
        // Whole words: a comma after a day only joins two days.
        QTest::newRow("mon, then stays") << u"Gym every mon, then rest"_s << u"Gym every mon, then rest"_s
                                         << QString() << false;
        QTest::newRow("every week") << u"Review every week"_s << u"Review"_s << u"FREQ=WEEKLY"_s << false;
        QTest::newRow("weekly") << u"Review weekly"_s << u"Review"_s << u"FREQ=WEEKLY"_s << false;
        QTest::newRow("every 2 weeks") << u"Review every 2 weeks"_s << u"Review"_s
                                       << u"FREQ=WEEKLY;INTERVAL=2"_s << false;
        QTest::newRow("every 2 weeks on friday") << u"Payday every 2 weeks on friday"_s << u"Payday"_s
                                                 << u"FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"_s << false;
        QTest::newRow("every week on mon and thu") << u"Gym every week on mon and thu"_s << u"Gym"_s
                                                   << u"FREQ=WEEKLY;BYDAY=MO,TH"_s << false;
        QTest::newRow("every month") << u"Rent every month"_s << u"Rent"_s << u"FREQ=MONTHLY"_s << false;
        QTest::newRow("monthly") << u"Rent monthly"_s << u"Rent"_s << u"FREQ=MONTHLY"_s << false;
        QTest::newRow("on the 1st") << u"Rent every month on the 1st"_s << u"Rent"_s
                                    << u"FREQ=MONTHLY;BYMONTHDAY=1"_s << false;
        QTest::newRow("on the 22nd") << u"Rent every month on the 22nd"_s << u"Rent"_s
                                     << u"FREQ=MONTHLY;BYMONTHDAY=22"_s << false;
        QTest::newRow("on the 31st") << u"Rent every month on the 31st"_s << u"Rent"_s
                                     << u"FREQ=MONTHLY;BYMONTHDAY=31"_s << false;
        QTest::newRow("last day of the month") << u"Invoice every last day of the month"_s << u"Invoice"_s
                                               << u"FREQ=MONTHLY;BYMONTHDAY=-1"_s << false;
        QTest::newRow("month on the last day") << u"Invoice every month on the last day"_s << u"Invoice"_s
                                               << u"FREQ=MONTHLY;BYMONTHDAY=-1"_s << false;
        QTest::newRow("every year") << u"Taxes every year"_s << u"Taxes"_s << u"FREQ=YEARLY"_s << false;
        QTest::newRow("yearly") << u"Taxes yearly"_s << u"Taxes"_s << u"FREQ=YEARLY"_s << false;
        QTest::newRow("annually") << u"Taxes annually"_s << u"Taxes"_s << u"FREQ=YEARLY"_s << false;
        QTest::newRow("every 3 days") << u"Water every 3 days"_s << u"Water"_s << u"FREQ=DAILY;INTERVAL=3"_s
                                      << false;
        QTest::newRow("every 6 months") << u"Dentist every 6 months"_s << u"Dentist"_s
                                        << u"FREQ=MONTHLY;INTERVAL=6"_s << false;
        QTest::newRow("every 2 years") << u"Passport every 2 years"_s << u"Passport"_s
                                       << u"FREQ=YEARLY;INTERVAL=2"_s << false;
        QTest::newRow("every 1 day") << u"Water every 1 day"_s << u"Water"_s << u"FREQ=DAILY"_s << false;
        QTest::newRow("every! 3 days") << u"Water every! 3 days"_s << u"Water"_s << u"FREQ=DAILY;INTERVAL=3"_s
                                       << true;
        QTest::newRow("every! week") << u"Haircut every! week"_s << u"Haircut"_s << u"FREQ=WEEKLY"_s << true;
        QTest::newRow("in the middle") << u"Feed every day the cat"_s << u"Feed the cat"_s << u"FREQ=DAILY"_s
                                       << false;
        QTest::newRow("with a tag and priority") << u"Pills daily #health !high"_s << u"Pills"_s
                                                 << u"FREQ=DAILY"_s << false;

        QTest::newRow("only the first") << u"Walk every day and every week"_s << u"Walk and every week"_s
                                        << u"FREQ=DAILY"_s << false;
        QTest::newRow("a later one stays whole") << u"Walk daily every monday"_s << u"Walk every monday"_s
                                                 << u"FREQ=DAILY"_s << false;
        QTest::newRow("every alone stays") << u"Read every book"_s << u"Read every book"_s << QString() << false;
        QTest::newRow("every at the end stays") << u"Read every"_s << u"Read every"_s << QString() << false;
        QTest::newRow("every and a number stays") << u"Pages every 2"_s << u"Pages every 2"_s << QString()
                                                  << false;
        QTest::newRow("every 0 days stays") << u"Water every 0 days"_s << u"Water every 0 days"_s << QString()
                                            << false;
        QTest::newRow("everyday stays") << u"Everyday things"_s << u"Everyday things"_s << QString() << false;
        QTest::newRow("quoted stays") << u"\"every day\" song"_s << u"every day song"_s << QString() << false;
        QTest::newRow("day, with a comma, stays") << u"Walk every day, then"_s << u"Walk every day, then"_s
                                                  << QString() << false;
    }

    void shouldReadTheRepeat()
    {
        QFETCH(QString, text);
        QFETCH(QString, title);
        QFETCH(QString, rule);
        QFETCH(bool, fromCompletion);
        const QuickAddResult result = QuickAddParser::parse(text, kToday);
        QCOMPARE(result.title, title);
        QCOMPARE(result.repeatRule, rule);
        QCOMPARE(result.repeatFromCompletion, fromCompletion);
    }

    void shouldLeaveTheFirstDayOpen()
    {
        // The first occurrence comes from the repeat engine, not from here.
        const QuickAddResult result = QuickAddParser::parse(u"Gym every monday"_s, kToday);
        QCOMPARE(result.dueDate, std::nullopt);
        QCOMPARE(result.dueTime, std::nullopt);
    }

    void shouldKeepATypedDateAndTime_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QDate>("dueDate");
        QTest::addColumn<QTime>("dueTime");

        QTest::newRow("every monday at 9am") << u"Gym every monday at 9am"_s << u"FREQ=WEEKLY;BYDAY=MO"_s
                                             << kToday << QTime(9, 0);
        QTest::newRow("time first") << u"Gym 18:30 every 2 weeks on friday"_s
                                    << u"FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"_s << kToday << QTime(18, 30);
        QTest::newRow("a date too") << u"Rent monthly 2026-12-01"_s << u"FREQ=MONTHLY"_s << QDate(2026, 12, 1)
                                    << QTime();
        QTest::newRow("date before the repeat") << u"Call tomorrow every week"_s << u"FREQ=WEEKLY"_s
                                                << kToday.addDays(1) << QTime();
    }

    void shouldKeepATypedDateAndTime()
    {
        QFETCH(QString, text);
        QFETCH(QString, rule);
        QFETCH(QDate, dueDate);
        QFETCH(QTime, dueTime);
        const QuickAddResult result = QuickAddParser::parse(text, kToday);
        QCOMPARE(result.repeatRule, rule);
        QCOMPARE(result.dueDate.value_or(QDate()), dueDate);
        QCOMPARE(result.dueTime.value_or(QTime()), dueTime);
    }

    void shouldNotTakeARepeatAsADueAlone()
    {
        QCOMPARE(QuickAddParser::parseDue(u"every day"_s, kToday), std::nullopt);
        QCOMPARE(QuickAddParser::parseDue(u"tomorrow daily"_s, kToday), std::nullopt);
    }

    void shouldPreviewTheRepeat_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("description");

        QTest::newRow("every 2 weeks on friday") << u"Payday every 2 weeks on fri"_s
                                                 << u"Repeats every 2 weeks on Friday"_s;
        QTest::newRow("from completion") << u"Water every! 3 days"_s << u"Repeats 3 days after completion"_s;
        QTest::newRow("after the due") << u"Rent tomorrow monthly !high"_s
                                       << u"Due tomorrow · Repeats every month · High priority"_s;
    }

    void shouldPreviewTheRepeat()
    {
        QFETCH(QString, text);
        QFETCH(QString, description);
        QCOMPARE(QuickAddParser::describe(QuickAddParser::parse(text, kToday), kToday), description);
    }
};

QTEST_GUILESS_MAIN(QuickAddRepeatTest)

#include "quickaddrepeattest.moc"
