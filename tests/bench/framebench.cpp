#include "framebench.h"

#include "busymeter.h"
#include "frameactions.h"
#include "pulledbatch.h"

#include "cloud/profile.h"
#include "itemmodels/sidebarcounts.h"
#include "itemmodels/sidebarmodel.h"
#include "itemmodels/todomodel.h"
#include "operations/todooperations.h"
#include "store/localdatabase.h"
#include "store/todostore.h"
#include "sync/synccontroller.h"
#include "widgets/mainwindow.h"
#include "widgets/sidebarview.h"
#include "widgets/todolistview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QScopeGuard>
#include <QStyleHints>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kFrameTargetNs = 16'000'000;
// The rows acted on: the first ones of All, on screen. Each action is
// undone, so the same rows serve again.
constexpr int kRows = 8;
constexpr int kScaleRepetitions = 5;

struct Row
{
    explicit Row(const QString &name)
        : action(name)
    {
    }

    QString action;
    Samples busy, longest, painted, settled;
    int sidebarRepaints = 0;
    int turns = 0;

    void add(const BusyMeter::Frame &frame)
    {
        busy.add(frame.busyNs);
        longest.add(frame.longestNs);
        painted.add(frame.paintedNs);
        settled.add(frame.settledNs);
        turns += frame.busyTurns;
        if (frame.sidebarPainted)
            ++sidebarRepaints;
    }

    Measurement measurement() const
    {
        Measurement m = Measurement::fromSamples(u"Frame: %1 → settled (All)"_s.arg(action), busy,
                                                 Target{Target::Stat::P95, kFrameTargetNs});
        m.result = u"busy median %1 · p95 %2 · max %3; longest stall p95 %4 (n=%5)"_s
                       .arg(formatDuration(busy.median()), formatDuration(busy.percentile(95)),
                            formatDuration(busy.max()), formatDuration(longest.percentile(95)))
                       .arg(busy.count());
        return m;
    }

    QString detail() const
    {
        return u"Frame, %1: busy median %2 in %3 turns of the loop on average; longest stall median %4, max %5;"
               " list repainted after %6, last follow-up done after %7 (wall clock, medians); the sidebar repainted in %8 of %9."_s
            .arg(action, formatDuration(busy.median()))
            .arg(double(turns) / double(qMax<qsizetype>(1, busy.count())), 0, 'f', 1)
            .arg(formatDuration(longest.median()), formatDuration(longest.max()), formatDuration(painted.median()),
                 formatDuration(settled.median()))
            .arg(sidebarRepaints)
            .arg(busy.count());
    }
};

// The window reads and writes through one connection. The todo list keeps
// a statement open while more rows can be fetched, and SQLite reads every
// statement of a connection in one snapshot until all of them are done. A
// pull written through another connection then stays unseen by the window,
// and its next write fails (SQLITE_BUSY_SNAPSHOT, "database is locked").
// Says whether that happens, by reading the last pulled todo and completing
// a todo (undone again when it works).
QString staleAfterPull(TodoStore *store, PulledBatch *pull, FrameActions *actions)
{
    const auto seen = pull->lastChangedIds().isEmpty() ? std::nullopt : store->todo(pull->lastChangedIds().constFirst());
    const bool read = seen && seen->title == pull->lastFirstTitle();
    QString writeError;
    const bool wrote = actions->complete(0, &writeError).has_value() && actions->undo(&writeError).has_value();
    return u"Frame, after the pulled batches: the window's connection %1 the pulled titles; a todo completed in the"
           " window afterwards %2."_s
        .arg(read ? u"reads"_s : u"does NOT read"_s,
             wrote ? u"was saved"_s : u"was NOT saved (%1)"_s.arg(writeError));
}

} // namespace

FrameBench::FrameBench(const QString &databasePath, int samples)
    : m_databasePath(databasePath)
    , m_samples(samples)
{
}

bool FrameBench::run(QList<Measurement> *measurements, QStringList *details, QString *error)
{
    // A blinking cursor in the title or quick-add field repaints it twice a
    // second: not work any action schedules, so it stays out of the samples.
    QStyleHints *hints = QGuiApplication::styleHints();
    const int flashTime = hints->cursorFlashTime();
    hints->setCursorFlashTime(0);
    const auto restoreFlash = qScopeGuard([hints, flashTime] { hints->setCursorFlashTime(flashTime); });

    LocalDatabase database;
    const auto opened = database.open(m_databasePath);
    if (!opened.ok()) {
        *error = u"cannot open %1: %2"_s.arg(m_databasePath, opened.detail);
        return false;
    }
    TodoStore store(&database);
    PulledBatch pull(&database);
    if (!pull.prepare(m_samples, kPulledBatchSize, error))
        return false;
    SyncController sync(&database, Profile{});
    MainWindow window(&database, &store);
    window.setSyncController(&sync);
    window.selectFilter(TodoFilter::smart(TodoFilter::Kind::All));
    window.show();
    window.activateWindow();
    if (!QTest::qWaitForWindowExposed(&window) || !QTest::qWaitForWindowActive(&window)) {
        *error = u"the window was never shown and active"_s;
        return false;
    }
    BusyMeter meter(window.todoList()->viewport(), window.sidebar()->viewport());
    meter.settle(1000);
    if (window.todoModel()->rowCount() < kRows) {
        *error = u"All shows %1 todos, %2 needed"_s.arg(window.todoModel()->rowCount()).arg(kRows);
        return false;
    }
    FrameActions actions(&window, &store, &meter);
    // The rows after the first kRows repeat daily, for the repeating todo's
    // row, while the frame rows are measured; the other groups find them as they were.
    QList<Todo> plainRows;
    for (int r = kRows; r < 2 * kRows; ++r)
        plainRows << *store.todo(window.todoModel()->idAt(r));
    const auto restorePlainRows = qScopeGuard([&store, &plainRows] {
        for (const Todo &plain : std::as_const(plainRows))
            TodoOperations::apply(store, TodoOperations::editTodo(store, plain));
    });
    for (Todo todo : std::as_const(plainRows)) {
        todo.repeatRule = u"FREQ=DAILY"_s;
        todo.dueAt = Timestamp::fromDate(QDate::currentDate().addDays(1));
        todo.dueHasTime = false;
        if (!TodoOperations::apply(store, TodoOperations::editTodo(store, todo))) {
            *error = u"todo %1 could not be made to repeat: %2"_s.arg(todo.id, store.lastError());
            return false;
        }
    }
    meter.settle(1000);

    Row complete(u"complete a todo (Space)"_s), completeOccurrence(u"complete a repeating todo (Space)"_s),
        edit(u"edit a title (Return after F2 and typing)"_s),
        quickAdd(u"quick add (Return)"_s), remove(u"delete (Delete)"_s),
        move(u"move to another list (Edit > Move To, click)"_s), undo(u"undo (Ctrl+Z)"_s),
        pulled(u"a pulled batch of %1 changes arrives"_s.arg(kPulledBatchSize));
    // Each action and its undo in turn, so that a slow minute of the machine
    // falls on every row alike.
    auto sample = [&](Row *row, const FrameActions::Result &frame) {
        if (frame)
            row->add(*frame);
        return frame.has_value();
    };
    auto thenUndo = [&](Row *row, const FrameActions::Result &frame) {
        return sample(row, frame) && sample(&undo, actions.undo(error));
    };
    for (int n = 0; n < m_samples; ++n) {
        const int r = n % kRows;
        if (!thenUndo(&complete, actions.complete(r, error))
            || !thenUndo(&completeOccurrence, actions.completeOccurrence(kRows + r, error))
            || !thenUndo(&edit, actions.editTitle(r, error))
            || !thenUndo(&quickAdd, actions.quickAdd(n, error)) || !thenUndo(&remove, actions.remove(r, error))
            || !thenUndo(&move, actions.moveToList(r, error)))
            return false;
    }
    // For scale, alone and untimed by the meter: the two follow-ups of every
    // change that read the most (the sidebar's now on its own thread),
    // before the pulls.
    Samples recount, headerCount;
    const int countSlot = TodoFilterSql::allocateSlot();
    for (int n = 0; n < kScaleRepetitions; ++n) {
        QElapsedTimer timer;
        timer.start();
        SidebarCounts::count(database.database(), countSlot, Timestamp::now());
        recount.add(timer.nsecsElapsed());
        timer.start();
        window.todoModel()->matchingCount();
        headerCount.add(timer.nsecsElapsed());
    }
    meter.settle();
    // The pulled batches last: after the first of them, the window's own
    // writes may fail (see staleAfterPull), which would end the bench.
    for (int n = 0; n < m_samples; ++n) {
        if (!sample(&pulled, actions.pulledBatch(&pull, n, error)))
            return false;
    }
    const QString pulledNote = staleAfterPull(&store, &pull, &actions);

    for (const Row *row : {&complete, &completeOccurrence, &edit, &quickAdd, &remove, &move, &undo, &pulled}) {
        measurements->append(row->measurement());
        details->append(row->detail());
    }
    details->append(u"Frame: All showed %1 todos; a pulled batch changed %2 todos (titles), spread over every list."_s
                        .arg(window.todoModel()->matchingCount())
                        .arg(pull.lastChangedIds().size()));
    details->append(u"Frame, for scale (median of %1, each on its own): the sidebar's recount (SidebarCounts::count, which runs on its own thread) %2,"
                    " the header's count of All (TodoModel::matchingCount) %3."_s
                        .arg(kScaleRepetitions)
                        .arg(formatDuration(recount.median()), formatDuration(headerCount.median())));
    details->append(pulledNote);
    return true;
}
