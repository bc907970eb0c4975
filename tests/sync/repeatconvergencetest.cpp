#include "convergencedesk.h"
#include "operations/todooperations.h"
#include "repeatsnapshot.h"
#include "scratchdatabase.h"
#include "syncsnapshot.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTest>
#include <QTimeZone>

#include <algorithm>
#include <numeric>
#include <vector>

using namespace Qt::StringLiterals;
using SyncSnapshot::CloudConnection;

namespace {

struct SeriesKind
{
    const char *title;
    const char *rule;
    const char *zone;
    bool fromCompletion;
    QTime time; // invalid: a date-only due
};

// The shared series, and what a new one is made from.
const SeriesKind kKinds[] = {
    {"Water the plants", "FREQ=DAILY", "Europe/Berlin", false, QTime(9, 0)},
    {"Gym", "FREQ=WEEKLY;BYDAY=MO,TH", "America/New_York", false, QTime()},
    {"Pay the bills", "FREQ=MONTHLY;BYMONTHDAY=-1", "America/New_York", false, QTime(18, 0)},
    {"Take the pills", "FREQ=DAILY;COUNT=4", "Europe/Berlin", false, QTime()},
    {"Clean the fridge", "FREQ=DAILY;INTERVAL=3", "Europe/Berlin", true, QTime()},
    {"Team call", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", "America/New_York", false, QTime(7, 30)},
};

// What a rule edit picks from.
const QStringList kRules = {u"FREQ=DAILY"_s, u"FREQ=DAILY;INTERVAL=2"_s, u"FREQ=WEEKLY;BYDAY=MO,TH"_s,
                            u"FREQ=MONTHLY;BYMONTHDAY=-1"_s, u"FREQ=DAILY;COUNT=4"_s, u"FREQ=WEEKLY;BYDAY=SU"_s};

} // namespace

// Several desktops complete, undo, reschedule and edit a few shared
// repeating todos offline at random (from fixed seeds), then sync. After
// every check, each cache must equal the server for the series and their
// records, no occurrence may have two live records, and no open series
// counted from its due date may be due on or before an occurrence that has a
// record (docs/repeats.md, "What sync guarantees").
class RepeatConvergenceTest : public QObject
{
    Q_OBJECT

private:
    struct Model
    {
        quint32 seed = 0;
        int counter = 0;
        QHash<QString, int> creationOrder; // so that a seed picks the same series every run
        std::vector<QList<Edit>> undoStacks; // per desk: its completions, as the window's undo stack keeps them
        // Series whose due date a person set since the last check, to a day on
        // or before one of its records that the desk knew of.
        QSet<QString> rescheduledBack;
        int completions = 0, undos = 0, ruleEdits = 0, titleEdits = 0, reschedules = 0, added = 0;
        int reschedulesBack = 0, excused = 0;
    };

    static Todo newSeries(const TodoStore &store, const SeriesKind &kind, QDate day)
    {
        Todo todo = store.newTodo({}, QString::fromLatin1(kind.title));
        todo.repeatRule = QString::fromLatin1(kind.rule);
        todo.timeZone = QString::fromLatin1(kind.zone);
        todo.repeatFromCompletion = kind.fromCompletion;
        todo.dueHasTime = kind.time.isValid();
        todo.dueAt = todo.dueHasTime
            ? Timestamp::fromDateTime(QDateTime(day, kind.time, QTimeZone(QByteArray(kind.zone))))
            : Timestamp::fromDate(day);
        return todo;
    }

    static void add(ConvergenceDesk &desk, Model &model, const Todo &todo)
    {
        QVERIFY2(TodoOperations::apply(*desk.store(), TodoOperations::addTodo(todo)),
                 qPrintable(desk.store()->lastError()));
        model.creationOrder.insert(todo.id, int(model.creationOrder.size()));
    }

    // The desk's live series, in the order they were made.
    static QStringList seriesIds(const ConvergenceDesk &desk, const Model &model)
    {
        QStringList ids;
        auto query = Sql::select(desk.db(),
                                 u"SELECT id FROM todos WHERE deleted_at IS NULL AND repeat_rule <> ''"
                                 " AND series_id IS NULL"_s,
                                 {});
        while (query && query->next())
            ids << query->value(0).toString();
        std::sort(ids.begin(), ids.end(), [&model](const QString &x, const QString &y) {
            return model.creationOrder.value(x) < model.creationOrder.value(y);
        });
        return ids;
    }

    static std::optional<qint64> lastRecord(const ConvergenceDesk &desk, const QString &seriesId)
    {
        auto query = Sql::select(desk.db(),
                                 u"SELECT max(occurrence) FROM todos WHERE series_id = ? AND deleted_at IS NULL"_s,
                                 {seriesId});
        if (!query || !query->next() || query->value(0).isNull())
            return std::nullopt;
        return query->value(0).toLongLong();
    }

    static void apply(ConvergenceDesk &desk, const Edit &edit)
    {
        QVERIFY2(TodoOperations::apply(*desk.store(), edit), qPrintable(desk.store()->lastError()));
    }

    // One random offline change on one desk, through the edit layer.
    static void randomEdit(ConvergenceDesk &desk, int r, QRandomGenerator &rng, Model &model)
    {
        TodoStore &store = *desk.store();
        const QStringList ids = seriesIds(desk, model);
        const int roll = rng.bounded(100);
        if (ids.isEmpty() || roll < 5) {
            const SeriesKind &kind = kKinds[rng.bounded(int(std::size(kKinds)))];
            add(desk, model, newSeries(store, kind, QDate(2026, 12, 1).addDays(rng.bounded(40))));
            ++model.added;
            return;
        }
        const QString id = ids.at(rng.bounded(int(ids.size())));
        const Todo series = *store.todo(id);
        QList<Edit> &undoStack = model.undoStacks[r];
        if (roll < 45) {
            const Edit edit = TodoOperations::setCompleted(store, {id}, true);
            if (edit.isEmpty())
                return; // a series that has ended
            apply(desk, edit);
            undoStack << edit;
            ++model.completions;
        } else if (roll < 57) {
            if (undoStack.isEmpty())
                return;
            // As the window's undo does: the snapshots from before, written back.
            QVERIFY(store.apply(undoStack.takeLast().before, CacheChange::Origin::Undo));
            ++model.undos;
        } else if (roll < 70) {
            Todo edited = series;
            edited.repeatRule = kRules.at(rng.bounded(int(kRules.size())));
            apply(desk, TodoOperations::editTodo(store, edited));
            ++model.ruleEdits;
        } else if (roll < 85) {
            Todo edited = series;
            edited.title = u"title s%1 r%2 #%3"_s.arg(model.seed).arg(r).arg(++model.counter);
            apply(desk, TodoOperations::editTodo(store, edited, u"title"_s));
            ++model.titleEdits;
        } else {
            const QDate day = QDate(2026, 11, 25).addDays(rng.bounded(80));
            apply(desk, TodoOperations::setDueDate(store, {id}, day));
            ++model.reschedules;
            const auto done = lastRecord(desk, id);
            const auto due = store.todo(id)->dueAt;
            if (done && due && *due <= *done) {
                model.rescheduledBack.insert(id);
                ++model.reschedulesBack;
            }
        }
    }

    // Each desk edits offline; then, in a random order, each syncs or stays offline.
    static void playRound(std::vector<std::unique_ptr<ConvergenceDesk>> &desks, QRandomGenerator &rng, Model &model,
                          const QString &when)
    {
        for (size_t r = 0; r < desks.size(); ++r) {
            for (int edits = 1 + rng.bounded(3); edits > 0 && !QTest::currentTestFailed(); --edits)
                randomEdit(*desks[r], int(r), rng, model);
        }
        if (QTest::currentTestFailed())
            QFAIL(qPrintable(when));
        std::vector<size_t> order(desks.size());
        std::iota(order.begin(), order.end(), size_t(0));
        std::shuffle(order.begin(), order.end(), rng);
        for (const size_t r : order) {
            if (rng.bounded(3) > 0) {
                const SyncResult result = desks[r]->sync();
                QVERIFY2(result.ok(), qPrintable(when + u": "_s + result.message));
            }
        }
    }

    // Everyone syncs until quiet; then the caches and the server must agree
    // and keep the promises of docs/repeats.md.
    static void check(std::vector<std::unique_ptr<ConvergenceDesk>> &desks, const ScratchDatabase &cloud,
                      Model &model, const QString &when)
    {
        for (int pass = 0; pass < 3; ++pass) {
            for (size_t r = 0; r < desks.size(); ++r) {
                const SyncResult result = desks[r]->sync(false);
                QVERIFY2(result.ok(), qPrintable(when + u": "_s + result.message));
                if (pass == 2)
                    QVERIFY2(result.pushedChanges == 0, qPrintable(when + u": desk %1 still pushed"_s.arg(r)));
            }
        }
        const CloudConnection admin(cloud);
        const QString owner = cloud.server().user;
        const RepeatSnapshot::Rows server = RepeatSnapshot::server(*admin, owner);
        const TodoSnapshots serverTodos = SyncSnapshot::server(*admin, owner);
        const QStringList serverDoubled = RepeatSnapshot::doubledOnServer(*admin, owner);
        QVERIFY2(serverDoubled.isEmpty(), qPrintable(when + u": on the server: "_s + serverDoubled.join(u", "_s)));
        for (size_t r = 0; r < desks.size(); ++r) {
            const QSqlDatabase db = desks[r]->db();
            const QString desk = u"desk %1"_s.arg(r);
            QCOMPARE(desks[r]->store()->pendingChangeCount(), 0);
            const QString diff = SyncSnapshot::difference(SyncSnapshot::local(db), serverTodos, desk, u"server"_s);
            QVERIFY2(diff.isEmpty(), qPrintable(when + u":\n"_s + diff));
            const RepeatSnapshot::Rows local = RepeatSnapshot::local(db);
            for (auto it = server.cbegin(); it != server.cend(); ++it)
                QVERIFY2(local.value(it.key()) == *it, qPrintable(u"%1: %2 of %3 is\n  %4\non the server:\n  %5"_s.arg(
                                                            when, it.key(), desk, local.value(it.key()), *it)));
            QCOMPARE(local.size(), server.size());
            const QStringList doubled = RepeatSnapshot::doubledInCache(db);
            QVERIFY2(doubled.isEmpty(), qPrintable(when + u": in "_s + desk + u": "_s + doubled.join(u", "_s)));
        }
        // A due date that is done stays done, unless a person set it there.
        const auto done = RepeatSnapshot::doneDueDatesOnServer(*admin, owner);
        for (auto it = done.cbegin(); it != done.cend(); ++it) {
            if (model.rescheduledBack.contains(it.key())) {
                ++model.excused;
                continue;
            }
            QFAIL(qPrintable(u"%1: series %2 (%3) is due again on an occurrence that is done: %4"_s.arg(
                when, it.key(), server.value(it.key()), *it)));
        }
        QCOMPARE(RepeatSnapshot::doneDueDates(desks[0]->db()).keys(), done.keys());
        model.rescheduledBack.clear();
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void shouldConvergeWithRepeatingTodos_data()
    {
        QTest::addColumn<QString>("kinds"); // a letter per desktop, see ConvergenceDesk::kindsFrom()
        QTest::addColumn<quint32>("seed");
        QTest::addColumn<int>("rounds");
        QTest::newRow("2 desktops, seed 5") << u"II"_s << 5u << 40;
        QTest::newRow("3 desktops, seed 77") << u"III"_s << 77u << 30;
        QTest::newRow("window and engine + 1 desktop, seed 13") << u"IT"_s << 13u << 30;
        QTest::newRow("restored folder + 1 desktop, seed 21") << u"IR"_s << 21u << 30;
    }

    void shouldConvergeWithRepeatingTodos()
    {
        QFETCH(QString, kinds);
        QFETCH(quint32, seed);
        QFETCH(int, rounds);
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server);
        QVERIFY(SyncSnapshot::migrate(cloud));
        QElapsedTimer clock;
        clock.start();
        qInfo("seed %u, %d rounds, desks %s", seed, rounds, qPrintable(kinds));
        Model model;
        model.seed = seed;
        std::vector<std::unique_ptr<ConvergenceDesk>> desks;
        for (const ConvergenceDesk::Kind kind : ConvergenceDesk::kindsFrom(kinds)) {
            desks.push_back(std::make_unique<ConvergenceDesk>(kind, cloud, false, desks.empty() ? nullptr : desks[0].get()));
            const SyncResult first = desks.back()->sync(); // one Inbox for all from the start
            QVERIFY2(first.ok(), qPrintable(first.message));
        }
        model.undoStacks.resize(desks.size());
        for (const SeriesKind &kind : kKinds)
            add(*desks[0], model, newSeries(*desks[0]->store(), kind, QDate(2026, 12, 1)));
        check(desks, cloud, model, u"seed %1, the start"_s.arg(seed));
        if (QTest::currentTestFailed())
            return;

        QRandomGenerator rng(seed);
        for (int round = 1; round <= rounds; ++round) {
            const QString when = u"seed %1, round %2"_s.arg(seed).arg(round);
            playRound(desks, rng, model, when);
            if (QTest::currentTestFailed())
                return;
            if (round % 2 == 0 || round == rounds) {
                check(desks, cloud, model, when);
                if (QTest::currentTestFailed())
                    return;
            }
        }
        const CloudConnection admin(cloud);
        const qint64 records = admin.number(
            u"SELECT count(*) FROM tandem.todos WHERE series_id IS NOT NULL AND deleted_at IS NULL"_s);
        const qint64 conflicts = admin.number(u"SELECT count(*) FROM tandem.conflicts"_s);
        int restores = 0;
        for (const auto &desk : desks)
            restores += desk->restores();
        qInfo("seed %u: %d completions, %d undone, %d rule edits, %d title edits, %d reschedules (%d back onto a"
              " done occurrence, %d excused), %d series added; %lld records and %lld conflicts on the server;"
              " %d restores; %lld ms",
              seed, model.completions, model.undos, model.ruleEdits, model.titleEdits, model.reschedules,
              model.reschedulesBack, model.excused, model.added, records, conflicts, restores, clock.elapsed());
        QVERIFY(model.completions >= rounds / 2 && model.undos > 0 && records > 0); // the checks were not empty
        for (const auto &desk : desks) {
            if (desk->kind() == ConvergenceDesk::Kind::RestoredFolder)
                QVERIFY(desk->restores() > 0);
        }
    }
};

QTEST_GUILESS_MAIN(RepeatConvergenceTest)
#include "repeatconvergencetest.moc"
