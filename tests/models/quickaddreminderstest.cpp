#include "operations/todooperations.h"
#include "presenters/todolistpresenter.h"
#include "quickadd/quickaddparser.h"
#include "storefixture.h"
#include "translations.h"

#include <QLocale>
#include <QStandardPaths>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace {

// A Sunday.
const QDate kToday(2026, 11, 22);

QuickAddReminder before(int minutes, QTime time = {})
{
    return {minutes, time.isValid() ? std::optional(time) : std::nullopt, {}};
}

QuickAddReminder at(QTime time, QDate date)
{
    return {std::nullopt, time, date};
}

} // namespace
Q_DECLARE_METATYPE(QList<QuickAddReminder>)

// Reminders in the quick-add line, in English and German: what is taken
// out of the title, what the preview says, and the reminders the added todo
// gets.
class QuickAddRemindersTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // The plural forms ("1 hour", "2 hours") come from the English translation.
        QVERIFY(Translations::install(QLocale(QLocale::English, QLocale::UnitedStates)));
    }
    void cleanup() { QLocale::setDefault(QLocale::c()); }

    void shouldReadReminders_data()
    {
        QTest::addColumn<bool>("german");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QList<QuickAddReminder>>("reminders");
        QTest::addColumn<QString>("preview");

        const QDate friday(2026, 11, 27);
        QTest::newRow("15m before") << false << u"Dentist friday 10:00 remind 15m before"_s << u"Dentist"_s
                                    << QList{before(15)} << u"Due Fri 27 Nov 2026 at 10:00 · Remind 15 min before"_s;
        QTest::newRow("1h before") << false << u"Call Anna remind 1h before tomorrow 3pm"_s << u"Call Anna"_s
                                   << QList{before(60)} << u"Due tomorrow at 15:00 · Remind 1 hour before"_s;
        QTest::newRow("2 hours before") << false << u"Flight friday remind 2 hours before"_s << u"Flight"_s
                                        << QList{before(120)} << u"Due Fri 27 Nov 2026 · Remind 2 hours before"_s;
        QTest::newRow("1 day before at 9:00")
            << false << u"Pay rent friday remind 1 day before at 9:00"_s << u"Pay rent"_s
            << QList{before(1440, QTime(9, 0))} << u"Due Fri 27 Nov 2026 · Remind 1 day before at 09:00"_s;
        QTest::newRow("at 9:00, with a due date")
            << false << u"Pay rent friday remind at 9:00"_s << u"Pay rent"_s << QList{at(QTime(9, 0), friday)}
            << u"Due Fri 27 Nov 2026 · Remind at 09:00"_s;
        QTest::newRow("at 9am, without one: today")
            << false << u"Water plants remind at 9am"_s << u"Water plants"_s << QList{at(QTime(9, 0), kToday)}
            << u"Remind at 09:00"_s;
        QTest::newRow("two reminders")
            << false << u"Exam friday 8:00 remind 1 day before at 20:00 remind 30 min before"_s << u"Exam"_s
            << QList{before(1440, QTime(20, 0)), before(30)}
            << u"Due Fri 27 Nov 2026 at 08:00 · Remind 1 day before at 20:00 · Remind 30 min before"_s;
        QTest::newRow("remind without a time stays in the title")
            << false << u"remind Bob about lunch"_s << u"remind Bob about lunch"_s << QList<QuickAddReminder>() << QString();
        QTest::newRow("a duration without before stays")
            << false << u"remind 5m tea"_s << u"remind 5m tea"_s << QList<QuickAddReminder>() << QString();

        QTest::newRow("erinnern 15m vorher") << true << u"Zahnarzt Freitag 10 Uhr erinnern 15m vorher"_s << u"Zahnarzt"_s
                                             << QList{before(15)} << QString();
        QTest::newRow("an hour before") << false << u"Call remind an hour before"_s << u"Call"_s << QList{before(60)}
                                        << u"Remind 1 hour before"_s;
        QTest::newRow("1d before") << false << u"Visa remind 2d before"_s << u"Visa"_s << QList{before(2 * 1440)}
                                   << u"Remind 2 days before"_s;
        QTest::newRow("1w before") << false << u"Passport remind 1w before"_s << u"Passport"_s
                                   << QList{before(7 * 1440)} << u"Remind 7 days before"_s;
        QTest::newRow("erinnern eine Stunde vorher") << true << u"Anrufen erinnern eine Stunde vorher"_s << u"Anrufen"_s
                                                     << QList{before(60)} << QString();
        QTest::newRow("erinnern 2 Stunden vorher") << true << u"Zug Freitag erinnern 2 Stunden vorher"_s << u"Zug"_s
                                                   << QList{before(120)} << QString();
        QTest::newRow("erinnern 1 Tag vorher um 9:00")
            << true << u"Miete Freitag erinnern 1 Tag vorher um 9:00"_s << u"Miete"_s << QList{before(1440, QTime(9, 0))}
            << QString();
        QTest::newRow("erinnern um 9:00") << true << u"Miete Freitag erinnern um 9:00"_s << u"Miete"_s
                                          << QList{at(QTime(9, 0), friday)} << QString();
        QTest::newRow("English in German too") << true << u"Miete remind at 9:00"_s << u"Miete"_s
                                               << QList{at(QTime(9, 0), kToday)} << QString();
    }

    void shouldReadReminders()
    {
        QFETCH(bool, german);
        QFETCH(QString, text);
        QFETCH(QString, title);
        QFETCH(QList<QuickAddReminder>, reminders);
        QFETCH(QString, preview);
        if (german)
            QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        const QuickAddResult result = QuickAddParser::parse(text, kToday);
        QCOMPARE(result.title, title);
        QCOMPARE(result.reminders.size(), reminders.size());
        for (qsizetype i = 0; i < reminders.size(); ++i) {
            QCOMPARE(result.reminders.at(i).beforeMinutes, reminders.at(i).beforeMinutes);
            QCOMPARE(result.reminders.at(i).time, reminders.at(i).time);
            QCOMPARE(result.reminders.at(i).date, reminders.at(i).date);
        }
        if (!german)
            QCOMPARE(QuickAddParser::describe(result, kToday), preview);
    }

    void shouldAddTheTodoWithItsReminders()
    {
        StoreFixture fixture;
        const TodoListPresenter presenter(fixture.store.get());
        const QuickAddResult result
            = QuickAddParser::parse(u"Dentist friday 10:00 remind 15m before remind at 8:30"_s, kToday);
        const Edit edit = presenter.quickAdd(result, kToday);
        QVERIFY(TodoOperations::apply(*fixture.store, edit));
        const Todo todo = edit.after.todos.constFirst();
        const QList<Reminder> reminders = fixture.store->reminders({todo.id});
        QCOMPARE(reminders.size(), 2);
        const auto relative = std::find_if(reminders.cbegin(), reminders.cend(), [](const Reminder &r) { return r.isRelative(); });
        const auto absolute = std::find_if(reminders.cbegin(), reminders.cend(), [](const Reminder &r) { return !r.isRelative(); });
        QVERIFY(relative != reminders.cend() && absolute != reminders.cend());
        QCOMPARE(relative->offsetMinutes, 15);
        QCOMPARE(relative->dayTime, std::nullopt);
        QCOMPARE(absolute->at, std::optional(Timestamp::fromDateTime(QDateTime(QDate(2026, 11, 27), QTime(8, 30)))));
        // One step: undoing the add takes the reminders too.
        QVERIFY(fixture.store->apply(edit.before, CacheChange::Origin::Undo));
        QVERIFY(fixture.store->reminders({todo.id}).isEmpty());
    }
};

QTEST_GUILESS_MAIN(QuickAddRemindersTest)
#include "quickaddreminderstest.moc"
