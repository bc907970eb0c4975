#include "quickadd/quickaddparser.h"

#include <QLocale>
#include <QObject>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// A Sunday.
const QDate kToday(2026, 11, 22);

} // namespace

// The quick-add line in German: the date, time, priority and repeat words
// of the person's language, besides the English ones, which always work.
class QuickAddGermanTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany)); }
    void cleanupTestCase() { QLocale::setDefault(QLocale::c()); }

    void shouldReadGermanDatesAndTimes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QDate>("dueDate");
        QTest::addColumn<QTime>("dueTime"); // invalid: none

        QTest::newRow("heute") << u"Einkaufen heute"_s << u"Einkaufen"_s << kToday << QTime();
        QTest::newRow("morgen") << u"Einkaufen morgen"_s << u"Einkaufen"_s << kToday.addDays(1) << QTime();
        QTest::newRow("Morgen, capital") << u"Einkaufen Morgen"_s << u"Einkaufen"_s << kToday.addDays(1) << QTime();
        QTest::newRow("übermorgen") << u"Einkaufen übermorgen"_s << u"Einkaufen"_s << kToday.addDays(2) << QTime();
        QTest::newRow("Übermorgen") << u"Einkaufen Übermorgen"_s << u"Einkaufen"_s << kToday.addDays(2) << QTime();
        QTest::newRow("uebermorgen") << u"Einkaufen uebermorgen"_s << u"Einkaufen"_s << kToday.addDays(2) << QTime();
        QTest::newRow("nächste Woche") << u"Planen nächste Woche"_s << u"Planen"_s << QDate(2026, 11, 23) << QTime();
        QTest::newRow("heute Abend") << u"Anrufen heute Abend"_s << u"Anrufen"_s << kToday << QTime(19, 0);
        QTest::newRow("heute Abend um 21 Uhr") << u"Anrufen heute Abend um 21 Uhr"_s << u"Anrufen"_s << kToday
                                              << QTime(21, 0);
        QTest::newRow("in 3 Tagen") << u"Prüfen in 3 Tagen"_s << u"Prüfen"_s << QDate(2026, 11, 25) << QTime();
        QTest::newRow("in 2 Wochen") << u"Prüfen in 2 Wochen"_s << u"Prüfen"_s << QDate(2026, 12, 6) << QTime();
        QTest::newRow("in 3 Monaten") << u"Prüfen in 3 Monaten"_s << u"Prüfen"_s << QDate(2027, 2, 22) << QTime();
        QTest::newRow("in 2 Jahren") << u"Prüfen in 2 Jahren"_s << u"Prüfen"_s << QDate(2028, 11, 22) << QTime();
        QTest::newRow("in einer Woche") << u"Prüfen in einer Woche"_s << u"Prüfen"_s << QDate(2026, 11, 29)
                                        << QTime();
        QTest::newRow("nächsten Montag") << u"Zahnarzt nächsten Montag"_s << u"Zahnarzt"_s << QDate(2026, 11, 23)
                                         << QTime();
        QTest::newRow("Freitag") << u"Zahnarzt Freitag"_s << u"Zahnarzt"_s << QDate(2026, 11, 27) << QTime();

        QTest::newRow("um 15:30") << u"Anrufen um 15:30"_s << u"Anrufen"_s << kToday << QTime(15, 30);
        QTest::newRow("15 Uhr") << u"Anrufen 15 Uhr"_s << u"Anrufen"_s << kToday << QTime(15, 0);
        QTest::newRow("15:30 Uhr") << u"Anrufen 15:30 Uhr"_s << u"Anrufen"_s << kToday << QTime(15, 30);
        QTest::newRow("morgen um 9 Uhr") << u"Anrufen morgen um 9 Uhr"_s << u"Anrufen"_s << kToday.addDays(1)
                                         << QTime(9, 0);
        QTest::newRow("mittags") << u"Essen mittags"_s << u"Essen"_s << kToday << QTime(12, 0);
        QTest::newRow("a number without Uhr stays") << u"Kaufe 15 Eier"_s << u"Kaufe 15 Eier"_s << QDate()
                                                    << QTime();
        QTest::newRow("25 Uhr is no time") << u"Anrufen 25 Uhr"_s << u"Anrufen 25 Uhr"_s << QDate() << QTime();
        QTest::newRow("um alone stays") << u"Rund um das Haus"_s << u"Rund um das Haus"_s << QDate() << QTime();

        QTest::newRow("English: tomorrow at 3pm") << u"Call tomorrow at 3pm"_s << u"Call"_s << kToday.addDays(1)
                                                  << QTime(15, 0);
        QTest::newRow("English: in 2 weeks") << u"Review in 2 weeks"_s << u"Review"_s << QDate(2026, 12, 6)
                                             << QTime();
        QTest::newRow("English: tonight") << u"Call tonight"_s << u"Call"_s << kToday << QTime(19, 0);
    }

    void shouldReadGermanDatesAndTimes()
    {
        QFETCH(QString, text);
        QFETCH(QString, title);
        QFETCH(QDate, dueDate);
        QFETCH(QTime, dueTime);
        const QuickAddResult result = QuickAddParser::parse(text, kToday);
        QCOMPARE(result.title, title);
        QCOMPARE(result.dueDate.value_or(QDate()), dueDate);
        QCOMPARE(result.dueTime.value_or(QTime()), dueTime);
    }

    void shouldReadGermanPriorities_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<Priority>("priority");
        QTest::newRow("!hoch") << u"Steuer !hoch"_s << Priority::High;
        QTest::newRow("!HOCH") << u"Steuer !HOCH"_s << Priority::High;
        QTest::newRow("!mittel") << u"Steuer !mittel"_s << Priority::Medium;
        QTest::newRow("!niedrig") << u"Steuer !niedrig"_s << Priority::Low;
        QTest::newRow("English: !high") << u"Steuer !high"_s << Priority::High;
    }

    void shouldReadGermanPriorities()
    {
        QFETCH(QString, text);
        QFETCH(Priority, priority);
        const QuickAddResult result = QuickAddParser::parse(text, kToday);
        QCOMPARE(result.title, u"Steuer"_s);
        QCOMPARE(result.priority, priority);
    }

    void shouldReadGermanRepeats_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("rule");
        QTest::addColumn<bool>("fromCompletion");

        QTest::newRow("täglich") << u"Gießen täglich"_s << u"Gießen"_s << u"FREQ=DAILY"_s << false;
        QTest::newRow("jeden Tag") << u"Gießen jeden Tag"_s << u"Gießen"_s << u"FREQ=DAILY"_s << false;
        QTest::newRow("jeden Werktag") << u"Standup jeden Werktag"_s << u"Standup"_s
                                       << u"FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"_s << false;
        QTest::newRow("jeden Montag") << u"Sport jeden Montag"_s << u"Sport"_s << u"FREQ=WEEKLY;BYDAY=MO"_s
                                      << false;
        QTest::newRow("jeden Mo.") << u"Sport jeden Mo."_s << u"Sport"_s << u"FREQ=WEEKLY;BYDAY=MO"_s << false;
        QTest::newRow("jeden Montag und Donnerstag") << u"Sport jeden Montag und Donnerstag"_s << u"Sport"_s
                                                     << u"FREQ=WEEKLY;BYDAY=MO,TH"_s << false;
        QTest::newRow("alle 2 Wochen am Freitag") << u"Zahltag alle 2 Wochen am Freitag"_s << u"Zahltag"_s
                                                  << u"FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"_s << false;
        QTest::newRow("wöchentlich") << u"Putzen wöchentlich"_s << u"Putzen"_s << u"FREQ=WEEKLY"_s << false;
        QTest::newRow("jede Woche") << u"Putzen jede Woche"_s << u"Putzen"_s << u"FREQ=WEEKLY"_s << false;
        QTest::newRow("jeden Monat am 1.") << u"Miete jeden Monat am 1."_s << u"Miete"_s
                                           << u"FREQ=MONTHLY;BYMONTHDAY=1"_s << false;
        QTest::newRow("monatlich") << u"Miete monatlich"_s << u"Miete"_s << u"FREQ=MONTHLY"_s << false;
        QTest::newRow("jeden letzten Tag des Monats") << u"Rechnung jeden letzten Tag des Monats"_s
                                                      << u"Rechnung"_s << u"FREQ=MONTHLY;BYMONTHDAY=-1"_s
                                                      << false;
        QTest::newRow("jeden Monat am letzten Tag") << u"Rechnung jeden Monat am letzten Tag"_s << u"Rechnung"_s
                                                    << u"FREQ=MONTHLY;BYMONTHDAY=-1"_s << false;
        QTest::newRow("jährlich") << u"Steuer jährlich"_s << u"Steuer"_s << u"FREQ=YEARLY"_s << false;
        QTest::newRow("jedes Jahr") << u"Steuer jedes Jahr"_s << u"Steuer"_s << u"FREQ=YEARLY"_s << false;
        QTest::newRow("alle 3 Tage") << u"Gießen alle 3 Tage"_s << u"Gießen"_s << u"FREQ=DAILY;INTERVAL=3"_s
                                     << false;
        QTest::newRow("alle! 3 Tage") << u"Gießen alle! 3 Tage"_s << u"Gießen"_s << u"FREQ=DAILY;INTERVAL=3"_s
                                      << true;
        QTest::newRow("jede! Woche") << u"Haare jede! Woche"_s << u"Haare"_s << u"FREQ=WEEKLY"_s << true;
        QTest::newRow("alle alone stays") << u"Alle Fenster putzen"_s << u"Alle Fenster putzen"_s << QString()
                                          << false;
        QTest::newRow("English: every 2 weeks on friday") << u"Payday every 2 weeks on friday"_s << u"Payday"_s
                                                          << u"FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"_s << false;
        QTest::newRow("English: daily") << u"Pills daily"_s << u"Pills"_s << u"FREQ=DAILY"_s << false;
    }

    void shouldReadGermanRepeats()
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

    void shouldKeepGermanWordsInOtherLanguages()
    {
        // "Guten Morgen" is a greeting to an English speaker, not tomorrow.
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        const QuickAddResult result = QuickAddParser::parse(u"Guten Morgen jeden Tag !hoch"_s, kToday);
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        QCOMPARE(result.title, u"Guten Morgen jeden Tag !hoch"_s);
        QCOMPARE(result.dueDate, std::nullopt);
        QCOMPARE(result.repeatRule, QString());
        QCOMPARE(result.priority, Priority::None);
    }
};

QTEST_GUILESS_MAIN(QuickAddGermanTest)

#include "quickaddgermantest.moc"
