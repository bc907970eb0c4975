#include "bulkbench.h"

#include "itemmodels/todomodel.h"
#include "store/localdatabase.h"
#include "store/todostore.h"
#include "widgets/mainwindow.h"
#include "widgets/todolistview.h"

#include <QElapsedTimer>
#include <QLocale>
#include <QSqlQuery>
#include <QTest>
#include <QUndoStack>

#include <functional>

using namespace Qt::StringLiterals;

namespace {

// The live todos, and the open ones among them.
std::pair<int, int> liveAndOpen(const QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (!query.exec(u"SELECT COUNT(*), COALESCE(SUM(completed = 0), 0) FROM todos WHERE deleted_at IS NULL"_s)
        || !query.next())
        return {-1, -1};
    return {query.value(0).toInt(), query.value(1).toInt()};
}

// How long from the keys until the event loop has nothing left of them to do.
qint64 timed(const std::function<void()> &keys)
{
    QElapsedTimer timer;
    timer.start();
    keys();
    QCoreApplication::processEvents();
    return timer.nsecsElapsed();
}

} // namespace

BulkBench::BulkBench(const QString &databasePath)
    : m_databasePath(databasePath)
{
}

bool BulkBench::run(QList<Measurement> *measurements, QStringList *details, QString *error)
{
    LocalDatabase database;
    if (const auto opened = database.open(m_databasePath); !opened.ok()) {
        *error = u"cannot open %1: %2"_s.arg(m_databasePath, opened.detail);
        return false;
    }
    TodoStore store(&database);
    MainWindow window(&database, &store);
    window.show();
    window.selectFilter(TodoFilter::smart(TodoFilter::Kind::All));
    if (!QTest::qWaitForWindowExposed(&window)) {
        *error = u"the window was never shown"_s;
        return false;
    }
    TodoListView *list = window.todoList();
    list->setFocus(Qt::ShortcutFocusReason);
    list->setCurrentIndex(window.todoModel()->index(0, 0));
    QCoreApplication::processEvents();

    const auto [live, openBefore] = liveAndOpen(database.database());
    Samples complete, undo;
    complete.add(timed([list] {
        QTest::keyClick(list, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(list, Qt::Key_Space);
    }));
    const int openAfter = liveAndOpen(database.database()).second;
    if (openAfter != 0) {
        *error = u"Select All and Space left %1 of %2 todos open"_s.arg(openAfter).arg(live);
        return false;
    }
    undo.add(timed([list] { QTest::keyClick(list, Qt::Key_Z, Qt::ControlModifier); }));
    const int openUndone = liveAndOpen(database.database()).second;
    if (openUndone != openBefore) {
        *error = u"Ctrl+Z left %1 todos open, %2 were before"_s.arg(openUndone).arg(openBefore);
        return false;
    }
    const QString rows = QLocale(QLocale::English).toString(live);
    measurements->append(Measurement::fromSamples(
        u"Bulk: complete all %1 todos (All, Ctrl+A, Space) → handled"_s.arg(rows), complete));
    measurements->append(Measurement::fromSamples(u"Bulk: undo that (Ctrl+Z) → handled"_s, undo));
    details->append(u"Bulk: %1 live todos, %2 of them open; Select All and Space completed them in %3,"
                    " Ctrl+Z reopened the %2 in %4 (one sample each, the UI thread busy throughout)."_s
                        .arg(rows)
                        .arg(openBefore)
                        .arg(formatDuration(complete.median()), formatDuration(undo.median())));
    return true;
}
