#include "addbench.h"

#include "paintprobe.h"

#include "commands/todocommands.h"
#include "itemmodels/sidebarmodel.h"
#include "itemmodels/todomodel.h"
#include "store/localdatabase.h"
#include "store/todostore.h"
#include "widgets/mainwindow.h"
#include "widgets/quickaddbar.h"
#include "widgets/todolistview.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QLineEdit>
#include <QTest>
#include <QUndoStack>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kAddTargetNs = 5'000'000;

QString titleFor(int n)
{
    return u"Bench todo %1: water the plants before the weekend"_s.arg(n);
}

} // namespace

AddBench::AddBench(const QString &databasePath, int adds, int quickAdds)
    : m_databasePath(databasePath)
    , m_adds(adds)
    , m_quickAdds(quickAdds)
{
}

bool AddBench::run(QList<Measurement> *measurements, QStringList *details, QString *error)
{
    // The store alone first: the window's model would refresh on its writes.
    QList<Measurement> storeOnly, window;
    if (!runStoreOnly(&storeOnly, error) || !runWindow(&window, details, error))
        return false;
    // The row with the target first, the store's share of it next.
    *measurements << window.takeFirst() << storeOnly << window;
    return true;
}

bool AddBench::runStoreOnly(QList<Measurement> *measurements, QString *error)
{
    LocalDatabase database;
    const auto opened = database.open(m_databasePath);
    if (!opened.ok()) {
        *error = u"cannot open %1: %2"_s.arg(m_databasePath, opened.detail);
        return false;
    }
    TodoStore store(&database);
    const QString inbox = store.inboxId();
    Samples newTodo, apply;
    QElapsedTimer timer;
    for (int n = 0; n < m_adds; ++n) {
        timer.start();
        const Todo todo = store.newTodo(inbox, titleFor(n));
        const qint64 made = timer.nsecsElapsed();
        const bool ok = store.apply({{}, {todo}});
        const qint64 applied = timer.nsecsElapsed();
        if (!ok) {
            *error = u"TodoStore::apply failed: %1"_s.arg(store.lastError());
            return false;
        }
        newTodo.add(made);
        apply.add(applied - made);
    }
    measurements->append(Measurement::fromSamples(u"3. Add, store only: TodoStore::apply"_s, apply));
    measurements->append(Measurement::fromSamples(u"3. Add, store only: TodoStore::newTodo"_s, newTodo));
    return true;
}

bool AddBench::runWindow(QList<Measurement> *measurements, QStringList *details, QString *error)
{
    LocalDatabase database;
    const auto opened = database.open(m_databasePath);
    if (!opened.ok()) {
        *error = u"cannot open %1: %2"_s.arg(m_databasePath, opened.detail);
        return false;
    }
    TodoStore store(&database);
    const QString inbox = store.inboxId();
    MainWindow window(&database, &store);
    window.selectFilter(TodoFilter::list(inbox));
    TodoModel *model = window.todoModel();
    QElapsedTimer timer;
    timer.start();
    PaintProbe probe(window.todoList()->viewport(), &timer, model);
    window.show();
    if (!probe.waitForPaint()) {
        *error = u"the todo list was never painted"_s;
        return false;
    }
    const int before = model->matchingCount();

    // The sidebar recounts on its own thread and connection after each
    // change. The bench waits for the new counts after each sample, so that
    // their arrival cannot land in the next one, and notes how long after
    // the add they were shown.
    Samples add, addReturned, recount, quickAdd;
    int recountsLate = 0;
    QSignalSpy updated(window.sidebarModel(), &SidebarModel::countsUpdated);
    auto recountSidebar = [&] {
        if (updated.isEmpty() && !updated.wait(5000))
            ++recountsLate;
        recount.add(timer.nsecsElapsed());
    };

    for (int n = 0; n < m_adds; ++n) {
        probe.reset();
        updated.clear();
        timer.start();
        const bool added = TodoCommands::addTodo(window.undoStack(), &store,
                                                 store.newTodo(inbox, titleFor(m_adds + n)));
        addReturned.add(timer.nsecsElapsed());
        const bool painted = added && probe.waitForPaint();
        if (!added || !painted) {
            *error = added ? u"the list did not repaint after an add"_s
                           : u"TodoCommands::addTodo failed: %1"_s.arg(store.lastError());
            return false;
        }
        add.add(probe.lastPaintEndNs());
        recountSidebar();
    }

    QLineEdit *input = window.quickAddBar()->input();
    input->setFocus();
    for (int n = 0; n < m_quickAdds; ++n) {
        input->setText(titleFor(2 * m_adds + n) + u" !high #bench"_s);
        QCoreApplication::processEvents();
        probe.reset();
        updated.clear();
        timer.start();
        QTest::keyClick(input, Qt::Key_Return);
        if (!probe.waitForPaint() || !input->text().isEmpty()) {
            *error = u"the quick-add bar did not add a todo and repaint the list"_s;
            return false;
        }
        quickAdd.add(probe.lastPaintEndNs());
        recountSidebar();
    }

    const int after = model->matchingCount();
    if (after != before + m_adds + m_quickAdds) {
        *error = u"the Inbox has %1 todos after %2 adds, expected %3"_s.arg(after).arg(m_adds + m_quickAdds).arg(before + m_adds + m_quickAdds);
        return false;
    }
    measurements->append(Measurement::fromSamples(u"3. Add: TodoCommands::addTodo → list repainted (Inbox)"_s,
                                                  add, Target{Target::Stat::Median, kAddTargetNs}));
    measurements->append(Measurement::fromSamples(u"3. Add: quick-add bar Return → list repainted (Inbox)"_s,
                                                  quickAdd, Target{Target::Stat::Median, kAddTargetNs}));
    measurements->append(Measurement::fromSamples(u"3. After an add: sidebar counts shown (worker thread)"_s, recount));
    details->append(u"Adds: TodoCommands::addTodo returned after %1 (median; newTodo, apply, the model's refresh and the"
                    " window's header counts all run inside it); the list had repainted after %2."_s
                        .arg(formatDuration(addReturned.median()), formatDuration(add.median())));
    details->append(u"Adds: the Inbox showed %1 todos before, %2 after; the model had fetched %3 rows at the end;"
                    " the sidebar's new counts did not come within 5 s in %4 of %5 adds."_s
                        .arg(before)
                        .arg(after)
                        .arg(model->rowCount())
                        .arg(recountsLate)
                        .arg(m_adds + m_quickAdds));
    return true;
}
