// What a firing reminder says on the desktop: title, due and list, critical
// when overdue; the missed ones as one group.

#include "reminderalerts.h"
#include "storefixture.h"
#include "translations.h"

#include <QStandardPaths>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace {
const QDate kToday(2026, 3, 10);
Timestamp::Micros at(QDate day, QTime time)
{
    return Timestamp::fromDateTime(QDateTime(day, time, QTimeZone::utc()));
}
} // namespace

class ReminderAlertsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QLocale::setDefault(QLocale::c());
        // The English plural forms ("3 missed reminders").
        QVERIFY(Translations::install(QLocale(QLocale::English, QLocale::UnitedStates)));
    }

    void shouldTitleWithTheTodoAndSayDueAndList_data()
    {
        QTest::addColumn<Timestamp::Micros>("due");
        QTest::addColumn<Timestamp::Micros>("now");
        QTest::addColumn<int>("urgency");
        QTest::newRow("due later") << at(kToday, QTime(14, 0)) << at(kToday, QTime(13, 45))
                                   << int(Notification::Urgency::Normal);
        QTest::newRow("overdue") << at(kToday, QTime(9, 0)) << at(kToday, QTime(13, 45))
                                 << int(Notification::Urgency::Critical);
    }

    void shouldTitleWithTheTodoAndSayDueAndList()
    {
        QFETCH(Timestamp::Micros, due);
        QFETCH(Timestamp::Micros, now);
        QFETCH(int, urgency);
        StoreFixture fixture;
        Todo todo = fixture.addTodo(u"Call the dentist"_s);
        todo.dueAt = due;
        todo.dueHasTime = true;
        QVERIFY(fixture.store->apply({{}, {todo}}));
        const FiringReminder firing{u"r1"_s, todo.id, todo.title, due, due, false};

        const Notification notification = ReminderAlerts::onTime(*fixture.store, firing, now, kToday);
        QCOMPARE(notification.key, u"r1"_s);
        QCOMPARE(notification.summary, u"Call the dentist"_s);
        QVERIFY2(notification.body.startsWith(u"Due Today"_s), qPrintable(notification.body));
        QVERIFY2(notification.body.endsWith(fixture.store->list(todo.listId)->name), qPrintable(notification.body));
        QCOMPARE(int(notification.urgency), urgency);
        QCOMPARE(notification.actions.size(), 3);
    }

    void shouldGroupMissedRemindersInOne()
    {
        QList<FiringReminder> missed;
        for (const QString &title : {u"Water plants"_s, u"Pay rent"_s, u"Call mum"_s})
            missed << FiringReminder{title, u"t"_s, title, 0, 0, true};
        const Notification notification = ReminderAlerts::missed(missed);
        QCOMPARE(notification.key, ReminderAlerts::missedKey());
        QCOMPARE(notification.summary, u"3 missed reminders"_s);
        QCOMPARE(notification.body, u"Water plants\nPay rent\nCall mum"_s);
    }

    void shouldShortenALongGroup()
    {
        QList<FiringReminder> missed;
        for (int i = 0; i < 8; ++i)
            missed << FiringReminder{QString::number(i), u"t"_s, u"Todo %1"_s.arg(i), 0, 0, true};
        const Notification notification = ReminderAlerts::missed(missed);
        QCOMPARE(notification.summary, u"8 missed reminders"_s);
        QCOMPARE(notification.body.count(u'\n'), 5);
        QVERIFY(notification.body.endsWith(u"and 3 more"_s));
    }
};

QTEST_GUILESS_MAIN(ReminderAlertsTest)
#include "reminderalertstest.moc"
