#include "clichecks.h"
#include "domain/timestamp.h"
#include "store/localdatabase.h"
#include "store/todostore.h"

#include <QRegularExpression>
#include <QTest>
#include <QUuid>

using namespace Qt::StringLiterals;

// tandem-cli as a script sees it: the real binary, its stdout, stderr and
// exit code, against a local cache of its own. The cache is also opened
// directly, for what the CLI cannot do itself (make a list, hold the lock,
// count the outbox) — never while the CLI runs on it.
class CliTest : public QObject
{
    Q_OBJECT

private:
    // A timed due as the CLI reads it: a wall time in this process's zone (TZ).
    static QString localIso(QDate date, QTime time)
    {
        return Timestamp::toIsoUtc(Timestamp::fromDateTime(QDateTime(date, time)));
    }

    static QString dateIso(QDate date) { return Timestamp::toIsoUtc(Timestamp::fromDate(date)); }

    static int pendingChanges(const CliRunner &runner)
    {
        LocalDatabase database;
        if (!database.open(runner.databasePath()).ok())
            return -1;
        return TodoStore(&database).pendingChangeCount();
    }

private Q_SLOTS:
    void shouldPrintTheNewIdAndExportEveryFieldExactly_data()
    {
        QTest::addColumn<QString>("title");
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QJsonObject>("expected");

        const QJsonObject plain{{u"notes"_s, u""_s},          {u"completed"_s, false},
                                {u"due_at"_s, QJsonValue::Null}, {u"due_has_time"_s, false},
                                {u"priority"_s, 0},           {u"tags"_s, QJsonArray{}}};
        auto with = [&plain](const QJsonObject &changes) {
            QJsonObject object = plain;
            for (auto it = changes.begin(); it != changes.end(); ++it)
                object.insert(it.key(), it.value());
            return object;
        };

        QTest::newRow("title only") << u"Buy milk"_s << QStringList{} << plain;
        QTest::newRow("emoji") << u"Feed 🐈 and 👩‍👩‍👧 dinner 🍝"_s << QStringList{} << plain;
        QTest::newRow("right to left") << u"שלום עולם · مرحبا بالعالم"_s << QStringList{} << plain;
        QTest::newRow("quotes and backslashes") << u"He said \"hi\", 'bye' \\n C:\\temp"_s << QStringList{} << plain;
        QTest::newRow("sql text") << u"'); DROP TABLE todos; -- %_"_s << QStringList{} << plain;
        QTest::newRow("every option")
            << u"Pay rent"_s
            << QStringList{u"--due"_s, u"2026-03-29T09:30"_s, u"--priority"_s, u"3"_s, u"--tag"_s, u"home"_s,
                           u"--tag"_s, u"Money"_s, u"--notes"_s, u"Line one\nLine \"two\" ✓"_s}
            << with({{u"due_at"_s, localIso(QDate(2026, 3, 29), QTime(9, 30))},
                     {u"due_has_time"_s, true},
                     {u"priority"_s, 3},
                     {u"tags"_s, QJsonArray{u"home"_s, u"Money"_s}},
                     {u"notes"_s, u"Line one\nLine \"two\" ✓"_s}});
        QTest::newRow("date-only due") << u"Dentist"_s << QStringList{u"--due"_s, u"2026-12-31"_s}
                                       << with({{u"due_at"_s, dateIso(QDate(2026, 12, 31))}});
        QTest::newRow("timed due at local midnight") << u"New year"_s << QStringList{u"--due"_s, u"2027-01-01T00:00"_s}
                                                     << with({{u"due_at"_s, localIso(QDate(2027, 1, 1), QTime(0, 0))},
                                                              {u"due_has_time"_s, true}});
        QTest::newRow("priority by name") << u"Low one"_s << QStringList{u"--priority"_s, u"low"_s}
                                          << with({{u"priority"_s, 1}});
        QTest::newRow("tag with a hash, and a repeat") << u"Tagged"_s
                                                       << QStringList{u"--tag"_s, u"#work"_s, u"--tag"_s, u"WORK"_s}
                                                       << with({{u"tags"_s, QJsonArray{u"work"_s}}});
    }

    void shouldPrintTheNewIdAndExportEveryFieldExactly()
    {
        QFETCH(QString, title);
        QFETCH(QStringList, options);
        QFETCH(QJsonObject, expected);
        CliRunner runner;

        const Timestamp::Micros before = Timestamp::now();
        const CliRunner::Result added = runner.cli(QStringList{u"add"_s, title} + options);
        QCOMPARE(added.exitCode, 0);
        QCOMPARE(added.errText(), QString());
        const QString id = added.outText().trimmed();
        QCOMPARE(added.outText(), id + u'\n');
        QVERIFY2(QRegularExpression(u"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"_s).match(id).hasMatch(),
                 qPrintable(id));

        const QJsonObject exported = runner.exported();
        const QJsonArray lists = exported.value(u"lists"_s).toArray();
        QCOMPARE(lists.size(), 1);
        const QJsonObject inbox = lists.first().toObject();
        QCOMPARE(inbox.value(u"is_inbox"_s), QJsonValue(true));
        QCOMPARE(inbox.keys(), (QStringList{u"id"_s, u"is_inbox"_s, u"name"_s, u"position"_s}));

        const QJsonArray todos = exported.value(u"todos"_s).toArray();
        QCOMPARE(todos.size(), 1);
        QJsonObject todo = todos.first().toObject();
        QCOMPARE(todo.value(u"id"_s).toString(), id);
        QCOMPARE(todo.value(u"list_id"_s), inbox.value(u"id"_s));
        QCOMPARE(todo.value(u"title"_s).toString(), title);
        for (const QString &time : {u"created_at"_s, u"updated_at"_s}) {
            const QString text = todo.value(time).toString();
            const auto micros = Timestamp::fromIsoUtc(text);
            QVERIFY2(micros && Timestamp::toIsoUtc(*micros) == text, qPrintable(text));
            QVERIFY(*micros >= before - Timestamp::kMicrosPerSecond && *micros <= Timestamp::now());
        }
        for (const QString &key : {u"id"_s, u"list_id"_s, u"title"_s, u"created_at"_s, u"updated_at"_s})
            todo.remove(key);
        // What a todo that does not repeat, start later, belong to another or
        // remind holds (clirepeattest and clireminderstest cover the rest).
        const QJsonObject plain{{u"repeat"_s, QJsonValue::Null}, {u"repeat_from"_s, u"due"_s},
                                {u"time_zone"_s, QJsonValue::Null}, {u"start_at"_s, QJsonValue::Null},
                                {u"parent_id"_s, QJsonValue::Null}, {u"reminders"_s, QJsonArray()}};
        for (auto it = plain.begin(); it != plain.end(); ++it) {
            QCOMPARE(todo.value(it.key()), it.value());
            todo.remove(it.key());
        }
        QCOMPARE(todo, expected);
    }

    void shouldReadATimedDueInTheComputersZone_data()
    {
        QTest::addColumn<QString>("zone");
        QTest::addColumn<QString>("due");
        QTest::addColumn<QString>("expected"); // due_at; empty: refused
        QTest::newRow("Kolkata") << u"Asia/Kolkata"_s << u"2026-03-29T09:30"_s << u"2026-03-29T04:00:00.000000Z"_s;
        QTest::newRow("New York, summer time") << u"America/New_York"_s << u"2026-03-29T09:30"_s
                                               << u"2026-03-29T13:30:00.000000Z"_s;
        QTest::newRow("a date is the same everywhere") << u"Pacific/Kiritimati"_s << u"2026-03-29"_s
                                                       << u"2026-03-29T00:00:00.000000Z"_s;
        QTest::newRow("in the spring-forward gap") << u"America/New_York"_s << u"2026-03-08T02:30"_s << QString();
    }

    void shouldReadATimedDueInTheComputersZone()
    {
        QFETCH(QString, zone);
        QFETCH(QString, due);
        QFETCH(QString, expected);
        CliRunner runner;
        runner.environment.insert(u"TZ"_s, zone);
        const CliRunner::Result added = runner.cli({u"add"_s, u"Timed"_s, u"--due"_s, due});
        if (expected.isEmpty()) {
            verifyOneLineError(added, 2, due + u" does not exist"_s);
            return;
        }
        QCOMPARE(added.exitCode, 0);
        QCOMPARE(runner.exportedTodo(added.outText().trimmed()).value(u"due_at"_s).toString(), expected);
        // And `list` shows it back as it was typed, in the same zone.
        QVERIFY2(runner.cli({u"list"_s}).outText().contains(u"due "_s + QString(due).replace(u'T', u' ')),
                 runner.cli({u"list"_s}).out.constData());
    }

    void shouldAddToAnExistingListByNameInAnyCase_data()
    {
        QTest::addColumn<QString>("given");
        QTest::addColumn<bool>("inbox");
        QTest::newRow("exact") << u"Errands"_s << false;
        QTest::newRow("other case") << u"eRRANDS"_s << false;
        QTest::newRow("inbox") << u"Inbox"_s << true;
        QTest::newRow("inbox, any case") << u"INBOX"_s << true;
    }

    void shouldAddToAnExistingListByNameInAnyCase()
    {
        QFETCH(QString, given);
        QFETCH(bool, inbox);
        CliRunner runner;
        const QString errands = makeList(runner, u"Errands"_s);
        QVERIFY(!errands.isEmpty());

        const QString id = runner.add({u"Stamps"_s, u"--list"_s, given});
        const QJsonObject exported = runner.exported();
        QString inboxId;
        for (const QJsonValue &list : exported.value(u"lists"_s).toArray()) {
            if (list.toObject().value(u"is_inbox"_s).toBool())
                inboxId = list.toObject().value(u"id"_s).toString();
        }
        QCOMPARE(exported.value(u"lists"_s).toArray().size(), 2);
        QCOMPARE(runner.exportedTodo(id).value(u"list_id"_s).toString(), inbox ? inboxId : errands);
    }

    void shouldListOpenTodosAndWithAllTheDoneOnesToo()
    {
        CliRunner runner;
        const QString open = runner.add({u"Water plants"_s, u"--due"_s, u"2026-05-01"_s, u"--priority"_s, u"2"_s,
                                         u"--tag"_s, u"home"_s, u"--tag"_s, u"weekly"_s});
        const QString done = runner.add({u"Call Bob"_s, u"--due"_s, u"2026-05-02T09:30"_s});
        QCOMPARE(runner.cli({u"done"_s, done}).exitCode, 0);

        const CliRunner::Result list = runner.cli({u"list"_s});
        QCOMPARE(list.exitCode, 0);
        QCOMPARE(list.errText(), QString());
        QCOMPARE(list.outLines(), QStringList{open.left(8) + u"     Water plants  @Inbox  due 2026-05-01  !medium  #home #weekly"_s});

        const CliRunner::Result all = runner.cli({u"--all"_s, u"list"_s});
        QCOMPARE(all.exitCode, 0);
        QCOMPARE(all.outLines(), (QStringList{open.left(8) + u"     Water plants  @Inbox  due 2026-05-01  !medium  #home #weekly"_s,
                                              done.left(8) + u"  ✓  Call Bob  @Inbox  due 2026-05-02 09:30"_s}));

        const CliRunner::Result json = runner.cli({u"list"_s, u"--json"_s});
        QCOMPARE(json.exitCode, 0);
        QCOMPARE(json.json().array(), QJsonArray{runner.exportedTodo(open)});

        const CliRunner::Result jsonAll = runner.cli({u"list"_s, u"--json"_s, u"--all"_s});
        QCOMPARE(jsonAll.json().array(), (QJsonArray{runner.exportedTodo(open), runner.exportedTodo(done)}));
    }

    void shouldEditOnlyTheFieldsGiven_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QJsonObject>("changes");

        QTest::newRow("title") << QStringList{u"--title"_s, u"Renamed 🚀 \"x\""_s}
                               << QJsonObject{{u"title"_s, u"Renamed 🚀 \"x\""_s}};
        QTest::newRow("notes") << QStringList{u"--notes"_s, u"New\nnotes"_s} << QJsonObject{{u"notes"_s, u"New\nnotes"_s}};
        QTest::newRow("notes cleared") << QStringList{u"--notes"_s, u""_s} << QJsonObject{{u"notes"_s, u""_s}};
        QTest::newRow("due date") << QStringList{u"--due"_s, u"2026-02-28"_s}
                                  << QJsonObject{{u"due_at"_s, dateIso(QDate(2026, 2, 28))}};
        QTest::newRow("due with time") << QStringList{u"--due"_s, u"2026-07-04T18:45"_s}
                                       << QJsonObject{{u"due_at"_s, localIso(QDate(2026, 7, 4), QTime(18, 45))},
                                                      {u"due_has_time"_s, true}};
        QTest::newRow("no due") << QStringList{u"--no-due"_s} << QJsonObject{{u"due_at"_s, QJsonValue::Null}};
        QTest::newRow("priority") << QStringList{u"--priority"_s, u"0"_s} << QJsonObject{{u"priority"_s, 0}};
        QTest::newRow("add tag") << QStringList{u"--add-tag"_s, u"new"_s}
                                 << QJsonObject{{u"tags"_s, QJsonArray{u"drop"_s, u"keep"_s, u"new"_s}}};
        QTest::newRow("remove tag, any case") << QStringList{u"--remove-tag"_s, u"DROP"_s}
                                              << QJsonObject{{u"tags"_s, QJsonArray{u"keep"_s}}};
        QTest::newRow("add and remove tags") << QStringList{u"--remove-tag"_s, u"keep"_s, u"--add-tag"_s, u"a"_s,
                                                            u"--remove-tag"_s, u"drop"_s, u"--add-tag"_s, u"KEEP"_s}
                                             << QJsonObject{{u"tags"_s, QJsonArray{u"a"_s, u"keep"_s}}}; // the tag keeps its first spelling
        QTest::newRow("list") << QStringList{u"--list"_s, u"errands"_s} << QJsonObject{{u"list_id"_s, u"ERRANDS"_s}};
        QTest::newRow("everything") << QStringList{u"--title"_s, u"All"_s, u"--priority"_s, u"high"_s, u"--no-due"_s}
                                    << QJsonObject{{u"title"_s, u"All"_s}, {u"priority"_s, 3}, {u"due_at"_s, QJsonValue::Null}};
    }

    void shouldEditOnlyTheFieldsGiven()
    {
        QFETCH(QStringList, options);
        QFETCH(QJsonObject, changes);
        CliRunner runner;
        const QString errands = makeList(runner, u"Errands"_s);
        const QString id = runner.add({u"Base"_s, u"--due"_s, u"2026-01-02"_s, u"--priority"_s, u"1"_s, u"--tag"_s,
                                       u"keep"_s, u"--tag"_s, u"drop"_s, u"--notes"_s, u"old"_s});
        QJsonObject expected = runner.exportedTodo(id);
        QVERIFY(!expected.isEmpty());
        const int pendingBefore = pendingChanges(runner);

        const CliRunner::Result edited = runner.cli(QStringList{u"edit"_s, id} + options);
        QCOMPARE(edited.errText(), QString());
        QCOMPARE(edited.exitCode, 0);

        for (auto it = changes.begin(); it != changes.end(); ++it)
            expected.insert(it.key(), it.value() == QJsonValue(u"ERRANDS"_s) ? QJsonValue(errands) : it.value());
        QJsonObject actual = runner.exportedTodo(id);
        QVERIFY(actual.value(u"updated_at"_s).toString() > expected.value(u"updated_at"_s).toString());
        actual.remove(u"updated_at"_s);
        expected.remove(u"updated_at"_s);
        QCOMPARE(actual, expected);
        QVERIFY(pendingChanges(runner) > pendingBefore); // through the store, into the outbox
    }

    void shouldMarkDoneAndUndoneByIdOrItsShortForm()
    {
        CliRunner runner;
        const QString id = runner.add({u"Walk"_s});
        const CliRunner::Result done = runner.cli({u"done"_s, id.left(8)});
        QCOMPARE(done.exitCode, 0);
        QCOMPARE(done.err, QByteArray());
        QCOMPARE(runner.exportedTodo(id).value(u"completed"_s), QJsonValue(true));
        QCOMPARE(runner.cli({u"done"_s, id.toUpper()}).exitCode, 0); // already done: no change, no error
        QCOMPARE(runner.cli({u"undone"_s, id}).exitCode, 0);
        QCOMPARE(runner.exportedTodo(id).value(u"completed"_s), QJsonValue(false));
    }

    void shouldRefuseAnAmbiguousShortId()
    {
        CliRunner runner;
        {
            LocalDatabase database;
            QVERIFY(database.open(runner.databasePath()).ok());
            TodoStore store(&database);
            Todo first = store.newTodo({}, u"First"_s);
            first.id = u"abcdef01-1111-4000-8000-000000000001"_s;
            Todo second = store.newTodo({}, u"Second"_s);
            second.id = u"abcdef01-2222-4000-8000-000000000002"_s;
            QVERIFY(store.apply({{}, {first, second}}));
        }
        verifyOneLineError(runner.cli({u"done"_s, u"abcdef01"_s}), 1, u"more than one"_s);
        QCOMPARE(runner.cli({u"done"_s, u"abcdef01-2222-4000-8000-000000000002"_s}).exitCode, 0);
        QCOMPARE(runner.cli({u"done"_s, u"ABCDEF01-1"_s}).exitCode, 0); // a unique prefix, any case
        QCOMPARE(runner.exportedTodo(u"abcdef01-1111-4000-8000-000000000001"_s).value(u"completed"_s), QJsonValue(true));
    }

    void shouldLeaveDeletedTodosOut()
    {
        CliRunner runner;
        const QString kept = runner.add({u"Keep"_s});
        const QString gone = runner.add({u"Gone"_s, u"--tag"_s, u"old"_s});
        const CliRunner::Result deleted = runner.cli({u"delete"_s, gone});
        QCOMPARE(deleted.exitCode, 0);
        QCOMPARE(deleted.err, QByteArray());

        const QJsonArray todos = runner.exported().value(u"todos"_s).toArray();
        QCOMPARE(todos.size(), 1);
        QCOMPARE(todos.first().toObject().value(u"id"_s).toString(), kept);
        QCOMPARE(runner.cli({u"list"_s, u"--all"_s}).outLines().size(), 1);
        verifyOneLineError(runner.cli({u"undone"_s, gone}), 1, gone);
        verifyOneLineError(runner.cli({u"delete"_s, gone}), 1, gone);

        LocalDatabase database; // a tombstone, so the deletion reaches the other desktops
        QVERIFY(database.open(runner.databasePath()).ok());
        const auto tombstone = TodoStore(&database).todo(gone);
        QVERIFY(tombstone && tombstone->isDeleted());
    }
};

QTEST_GUILESS_MAIN(CliTest)
#include "clitest.moc"
