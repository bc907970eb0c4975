#include "repeat/repeatwords.h"

#include "translations.h"

#include <QLocale>
#include <QObject>
#include <QTest>

using namespace Qt::StringLiterals;

// A repeat rule in words, as the quick-add preview and the detail pane show
// it: every rule shape Tandem stores, in English and in German.
class RepeatWordsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QLocale::setDefault(QLocale::c());
        Translations::install(QLocale(QLocale::English, QLocale::UnitedStates));
    }
    void cleanupTestCase() { init(); }

    void shouldSayTheRuleInWords_data()
    {
        QTest::addColumn<QString>("rule");
        QTest::addColumn<bool>("fromCompletion");
        QTest::addColumn<QString>("words");

        QTest::newRow("daily") << u"FREQ=DAILY"_s << false << u"Repeats every day"_s;
        QTest::newRow("every 3 days") << u"FREQ=DAILY;INTERVAL=3"_s << false << u"Repeats every 3 days"_s;
        QTest::newRow("weekly") << u"FREQ=WEEKLY"_s << false << u"Repeats every week"_s;
        QTest::newRow("on Monday") << u"FREQ=WEEKLY;BYDAY=MO"_s << false << u"Repeats every week on Monday"_s;
        QTest::newRow("two days") << u"FREQ=WEEKLY;BYDAY=MO,TH"_s << false
                                  << u"Repeats every week on Monday and Thursday"_s;
        QTest::newRow("three days") << u"FREQ=WEEKLY;BYDAY=MO,WE,FR"_s << false
                                    << u"Repeats every week on Monday, Wednesday and Friday"_s;
        QTest::newRow("week order") << u"FREQ=WEEKLY;BYDAY=SU,MO"_s << false
                                    << u"Repeats every week on Monday and Sunday"_s;
        QTest::newRow("weekdays") << u"FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"_s << false << u"Repeats every weekday"_s;
        QTest::newRow("every 2 weeks on Friday") << u"FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"_s << false
                                                 << u"Repeats every 2 weeks on Friday"_s;
        QTest::newRow("monthly") << u"FREQ=MONTHLY"_s << false << u"Repeats every month"_s;
        QTest::newRow("1st") << u"FREQ=MONTHLY;BYMONTHDAY=1"_s << false << u"Repeats every month on the 1st"_s;
        QTest::newRow("2nd") << u"FREQ=MONTHLY;BYMONTHDAY=2"_s << false << u"Repeats every month on the 2nd"_s;
        QTest::newRow("3rd") << u"FREQ=MONTHLY;BYMONTHDAY=3"_s << false << u"Repeats every month on the 3rd"_s;
        QTest::newRow("11th") << u"FREQ=MONTHLY;BYMONTHDAY=11"_s << false << u"Repeats every month on the 11th"_s;
        QTest::newRow("12th") << u"FREQ=MONTHLY;BYMONTHDAY=12"_s << false << u"Repeats every month on the 12th"_s;
        QTest::newRow("13th") << u"FREQ=MONTHLY;BYMONTHDAY=13"_s << false << u"Repeats every month on the 13th"_s;
        QTest::newRow("22nd") << u"FREQ=MONTHLY;BYMONTHDAY=22"_s << false << u"Repeats every month on the 22nd"_s;
        QTest::newRow("31st") << u"FREQ=MONTHLY;BYMONTHDAY=31"_s << false << u"Repeats every month on the 31st"_s;
        QTest::newRow("1st and 15th") << u"FREQ=MONTHLY;BYMONTHDAY=1,15"_s << false
                                      << u"Repeats every month on the 1st and the 15th"_s;
        QTest::newRow("last day") << u"FREQ=MONTHLY;BYMONTHDAY=-1"_s << false
                                  << u"Repeats every month on the last day"_s;
        QTest::newRow("third Friday") << u"FREQ=MONTHLY;BYDAY=3FR"_s << false
                                      << u"Repeats every month on the third Friday"_s;
        QTest::newRow("last Monday") << u"FREQ=MONTHLY;BYDAY=-1MO"_s << false
                                     << u"Repeats every month on the last Monday"_s;
        QTest::newRow("first Monday, every 2 months") << u"FREQ=MONTHLY;INTERVAL=2;BYDAY=1MO"_s << false
                                                      << u"Repeats every 2 months on the first Monday"_s;
        QTest::newRow("yearly") << u"FREQ=YEARLY"_s << false << u"Repeats every year"_s;
        QTest::newRow("in March") << u"FREQ=YEARLY;BYMONTH=3"_s << false << u"Repeats every year in March"_s;
        QTest::newRow("Thanksgiving") << u"FREQ=YEARLY;BYMONTH=11;BYDAY=4TH"_s << false
                                      << u"Repeats every year in November on the fourth Thursday"_s;
        QTest::newRow("a birthday") << u"FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=15"_s << false
                                    << u"Repeats every year in June on the 15th"_s;
        QTest::newRow("5 times") << u"FREQ=DAILY;COUNT=5"_s << false << u"Repeats every day, 5 times"_s;
        QTest::newRow("once") << u"FREQ=DAILY;COUNT=1"_s << false << u"Repeats every day, once"_s;
        QTest::newRow("until a date") << u"FREQ=WEEKLY;UNTIL=20271231"_s << false
                                      << u"Repeats every week until 31 Dec 2027"_s;
        QTest::newRow("until a time") << u"FREQ=WEEKLY;BYDAY=FR;UNTIL=20271231T120000Z"_s << false
                                      << u"Repeats every week on Friday until 31 Dec 2027"_s;

        QTest::newRow("3 days after completion") << u"FREQ=DAILY;INTERVAL=3"_s << true
                                                 << u"Repeats 3 days after completion"_s;
        QTest::newRow("a day after completion") << u"FREQ=DAILY"_s << true << u"Repeats a day after completion"_s;
        QTest::newRow("a week after completion") << u"FREQ=WEEKLY"_s << true
                                                 << u"Repeats a week after completion"_s;
        QTest::newRow("2 months after completion") << u"FREQ=MONTHLY;INTERVAL=2"_s << true
                                                   << u"Repeats 2 months after completion"_s;
        QTest::newRow("a year after completion") << u"FREQ=YEARLY"_s << true
                                                 << u"Repeats a year after completion"_s;

        QTest::newRow("nothing") << QString() << false << QString();
        QTest::newRow("not a rule") << u"every day"_s << false << QString();
        QTest::newRow("hourly is not Tandem's") << u"FREQ=HOURLY"_s << false << QString();
    }

    void shouldSayTheRuleInWords()
    {
        QFETCH(QString, rule);
        QFETCH(bool, fromCompletion);
        QFETCH(QString, words);
        QCOMPARE(RepeatWords::describe(rule, fromCompletion), words);
    }

    void shouldSayItInGerman_data()
    {
        QTest::addColumn<QString>("rule");
        QTest::addColumn<bool>("fromCompletion");
        QTest::addColumn<QString>("words");

        QTest::newRow("alle 2 Wochen am Freitag") << u"FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"_s << false
                                                  << u"Wiederholt sich alle 2 Wochen am Freitag"_s;
        QTest::newRow("jeden Tag") << u"FREQ=DAILY"_s << false << u"Wiederholt sich jeden Tag"_s;
        QTest::newRow("jeden Werktag") << u"FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"_s << false
                                       << u"Wiederholt sich jeden Werktag"_s;
        QTest::newRow("am 1.") << u"FREQ=MONTHLY;BYMONTHDAY=1"_s << false << u"Wiederholt sich jeden Monat am 1."_s;
        QTest::newRow("am letzten Tag") << u"FREQ=MONTHLY;BYMONTHDAY=-1"_s << false
                                        << u"Wiederholt sich jeden Monat am letzten Tag"_s;
        QTest::newRow("am dritten Freitag") << u"FREQ=MONTHLY;BYDAY=3FR"_s << false
                                            << u"Wiederholt sich jeden Monat am dritten Freitag"_s;
        QTest::newRow("Montag und Donnerstag") << u"FREQ=WEEKLY;BYDAY=MO,TH"_s << false
                                               << u"Wiederholt sich jede Woche am Montag und Donnerstag"_s;
        QTest::newRow("im März, 5-mal") << u"FREQ=YEARLY;BYMONTH=3;COUNT=5"_s << false
                                        << u"Wiederholt sich jedes Jahr im März, 5-mal"_s;
        QTest::newRow("3 Tage nach dem Erledigen") << u"FREQ=DAILY;INTERVAL=3"_s << true
                                                   << u"Wiederholt sich 3 Tage nach dem Erledigen"_s;
    }

    void shouldSayItInGerman()
    {
        QFETCH(QString, rule);
        QFETCH(bool, fromCompletion);
        QFETCH(QString, words);
        const QLocale german(QLocale::German, QLocale::Germany);
        QLocale::setDefault(german);
        QVERIFY(Translations::install(german));
        QCOMPARE(RepeatWords::describe(rule, fromCompletion), words);
    }
};

QTEST_GUILESS_MAIN(RepeatWordsTest)

#include "repeatwordstest.moc"
