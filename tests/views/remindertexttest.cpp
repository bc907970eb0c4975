// How the detail pane words a reminder, and where it says it stands: the
// next time it fires, snoozed, done, passed, or waiting for a due date.

#include "translations.h"
#include "widgets/remindertext.h"

#include <QLocale>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

Reminder relative(int offsetMinutes, int dayTime = -1)
{
    return Reminder::beforeDue(u"todo"_s, offsetMinutes, dayTime < 0 ? std::nullopt : std::optional(dayTime));
}

Timestamp::Micros localTime(QDate date, QTime time)
{
    return Timestamp::fromDateTime(QDateTime(date, time));
}

} // namespace

class ReminderTextTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QLocale::setDefault(QLocale::c());
        // The plural forms ("1 hour", "2 hours") come from the English translation.
        QVERIFY(Translations::install(QLocale(QLocale::English, QLocale::UnitedStates)));
    }

    void shouldDescribeWhatWasSet_data()
    {
        QTest::addColumn<Reminder>("reminder");
        QTest::addColumn<QString>("words");
        QTest::newRow("at the due") << relative(0) << u"At the due time"_s;
        QTest::newRow("minutes") << relative(15) << u"15 minutes before"_s;
        QTest::newRow("one minute") << relative(1) << u"1 minute before"_s;
        QTest::newRow("hours") << relative(120) << u"2 hours before"_s;
        QTest::newRow("days") << relative(2 * Reminder::kMinutesPerDay) << u"2 days before"_s;
        QTest::newRow("after") << relative(-30) << u"30 minutes after"_s;
        QTest::newRow("day before at") << relative(Reminder::kMinutesPerDay, 9 * 60) << u"1 day before at 09:00"_s;
        QTest::newRow("due day at") << relative(0, 8 * 60 + 30) << u"On the due day at 08:30"_s;
        const QDate day(QDate::currentDate().year(), 12, 8);
        QTest::newRow("at") << Reminder::atInstant(u"todo"_s, localTime(day, QTime(9, 0)))
                            << QLocale().toString(day, u"ddd d MMM"_s) + u" at 09:00"_s;
        QTest::newRow("another year") << Reminder::atInstant(u"todo"_s, localTime(day.addYears(1), QTime(9, 0)))
                                      << QLocale().toString(day.addYears(1), u"ddd d MMM yyyy"_s) + u" at 09:00"_s;
    }

    void shouldDescribeWhatWasSet()
    {
        QFETCH(Reminder, reminder);
        QFETCH(QString, words);
        QCOMPARE(ReminderText::describe(reminder), words);
    }

    void shouldSayWhereItStands()
    {
        const QTimeZone zone = QTimeZone::systemTimeZone();
        Todo todo;
        todo.id = u"todo"_s;
        Reminder reminder = relative(15);
        reminder.createdAt = Timestamp::now();
        QCOMPARE(ReminderText::state(reminder, todo, zone), u"Needs a due date"_s);

        const Timestamp::Micros due = localTime(QDate::currentDate().addDays(2), QTime(15, 0));
        todo.dueAt = due;
        todo.dueHasTime = true;
        const Timestamp::Micros instant = due - 15 * 60 * Timestamp::kMicrosPerSecond;
        QCOMPARE(ReminderText::state(reminder, todo, zone), u"Next: "_s + ReminderText::dateTime(instant));

        reminder.snoozedUntil = instant + 10 * 60 * Timestamp::kMicrosPerSecond;
        QCOMPARE(ReminderText::state(reminder, todo, zone),
                 u"Snoozed until "_s + ReminderText::dateTime(*reminder.snoozedUntil));

        reminder.acknowledgedFor = instant;
        QCOMPARE(ReminderText::state(reminder, todo, zone), u"Done"_s);

        // A date and time still to come: its words say when.
        Reminder ahead = Reminder::atInstant(todo.id, due);
        QCOMPARE(ReminderText::state(ahead, todo, zone), QString());

        // Made after its time: it never fires.
        Reminder late = Reminder::atInstant(todo.id, Timestamp::now() - Timestamp::kMicrosPerSecond * 3600);
        late.createdAt = Timestamp::now();
        QCOMPARE(ReminderText::state(late, todo, zone), u"Passed"_s);
        todo.completed = true;
        QCOMPARE(ReminderText::state(late, todo, zone), QString());
    }
};

QTEST_GUILESS_MAIN(ReminderTextTest)
#include "remindertexttest.moc"
