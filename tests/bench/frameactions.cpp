#include "frameactions.h"

#include "pulledbatch.h"

#include "itemmodels/todomodel.h"
#include "store/todostore.h"
#include "widgets/detailpane.h"
#include "widgets/mainwindow.h"
#include "widgets/quickaddbar.h"
#include "widgets/todolistview.h"
#include "widgets/windowactions.h"

#include <QLineEdit>
#include <QMenu>
#include <QStatusBar>
#include <QTest>
#include <QUndoStack>

using namespace Qt::StringLiterals;

FrameActions::FrameActions(MainWindow *window, TodoStore *store, BusyMeter *meter)
    : m_window(window)
    , m_store(store)
    , m_meter(meter)
{
}

void FrameActions::settle()
{
    // The undo stack's message from the step before would leave the status
    // bar 4 s later, inside some later sample: it goes now, untimed.
    m_window->statusBar()->clearMessage();
    m_meter->settle(0);
}

std::optional<Todo> FrameActions::selectRow(int row, QString *error)
{
    TodoListView *list = m_window->todoList();
    const QModelIndex index = m_window->todoModel()->index(row, list->modelColumn());
    const QString id = m_window->todoModel()->idAt(row);
    // The middle of the row: the title, away from the round check box.
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(index).center());
    list->setFocus(Qt::MouseFocusReason);
    settle();
    if (list->selectedIds() != QStringList{id}) {
        *error = u"clicking row %1 did not select todo %2 alone"_s.arg(row).arg(id);
        return std::nullopt;
    }
    const auto todo = m_store->todo(id);
    if (!todo)
        *error = u"todo %1 is not in the store"_s.arg(id);
    return todo;
}

FrameActions::Result FrameActions::command(const std::function<void()> &input, int steps,
                                           const std::function<bool()> &done, const QString &failure, QString *error)
{
    const int before = m_window->undoStack()->index();
    const Result frame = m_meter->measure(input);
    const int after = m_window->undoStack()->index();
    if (!frame)
        *error = u"%1: the list did not repaint"_s.arg(failure);
    else if (!done() || after != before + steps)
        *error = u"%1 (the undo stack went from %2 to %3)"_s.arg(failure).arg(before).arg(after);
    else
        return frame;
    return std::nullopt;
}

FrameActions::Result FrameActions::complete(int row, QString *error)
{
    const auto before = selectRow(row, error);
    if (!before)
        return std::nullopt;
    TodoListView *list = m_window->todoList();
    return command([list] { QTest::keyClick(list, Qt::Key_Space); }, 1, [&] {
        const auto after = m_store->todo(before->id);
        return after && after->completed != before->completed;
    }, u"Space did not toggle todo %1"_s.arg(before->id), error);
}

FrameActions::Result FrameActions::completeOccurrence(int row, QString *error)
{
    const auto before = selectRow(row, error);
    if (!before)
        return std::nullopt;
    if (!before->repeats() || !before->dueAt) {
        *error = u"todo %1 in row %2 does not repeat"_s.arg(before->id).arg(row);
        return std::nullopt;
    }
    TodoListView *list = m_window->todoList();
    return command([list] { QTest::keyClick(list, Qt::Key_Space); }, 1, [&] {
        const auto after = m_store->todo(before->id);
        return after && !after->completed && after->dueAt > before->dueAt;
    }, u"Space did not move repeating todo %1 to its next occurrence"_s.arg(before->id), error);
}

FrameActions::Result FrameActions::editTitle(int row, QString *error)
{
    const auto before = selectRow(row, error);
    if (!before)
        return std::nullopt;
    QTest::keyClick(m_window->todoList(), Qt::Key_F2);
    auto *title = m_window->detailPane()->findChild<QLineEdit *>(u"detailTitle"_s);
    if (!title || !title->hasFocus() || title->selectedText() != before->title) {
        *error = u"F2 did not put the focus in the title of todo %1, selected"_s.arg(before->id);
        return std::nullopt;
    }
    const QString newTitle = u"Edited %1"_s.arg(before->title.left(40));
    QTest::keyClicks(title, newTitle);
    settle();
    return command([title] { QTest::keyClick(title, Qt::Key_Return); }, 1, [&] {
        const auto after = m_store->todo(before->id);
        return after && after->title == newTitle;
    }, u"Return in the title did not rename todo %1"_s.arg(before->id), error);
}

FrameActions::Result FrameActions::remove(int row, QString *error)
{
    const auto before = selectRow(row, error);
    if (!before)
        return std::nullopt;
    TodoListView *list = m_window->todoList();
    return command([list] { QTest::keyClick(list, Qt::Key_Delete); }, 1, [&] {
        const auto after = m_store->todo(before->id);
        return !after || after->isDeleted();
    }, u"Delete did not delete todo %1"_s.arg(before->id), error);
}

FrameActions::Result FrameActions::moveToList(int row, QString *error)
{
    const auto before = selectRow(row, error);
    if (!before)
        return std::nullopt;
    // Edit > Move To, as the list's context menu shows it: one entry per
    // list, in the store's order (MainWindow::fillMoveToMenu).
    const QList<TodoList> lists = m_store->lists();
    qsizetype target = 0;
    while (target < lists.size() && lists.at(target).id == before->listId)
        ++target;
    TodoListView *list = m_window->todoList();
    QMenu *menu = m_window->actions()->moveToMenu;
    const QRect rowRect = list->visualRect(m_window->todoModel()->index(row, list->modelColumn()));
    menu->popup(list->viewport()->mapToGlobal(rowRect.center()));
    m_meter->settle(0);
    if (!menu->isVisible() || menu->actions().size() != lists.size() || target >= lists.size()) {
        *error = u"the Move To menu did not open with %1 lists"_s.arg(lists.size());
        return std::nullopt;
    }
    const QPoint item = menu->actionGeometry(menu->actions().at(target)).center();
    const QString targetId = lists.at(target).id;
    return command([menu, item] { QTest::mouseClick(menu, Qt::LeftButton, {}, item); }, 1, [&] {
        const auto after = m_store->todo(before->id);
        return after && after->listId == targetId && !menu->isVisible();
    }, u"clicking “%1” in Move To did not move todo %2"_s.arg(lists.at(target).name, before->id), error);
}

FrameActions::Result FrameActions::quickAdd(int n, QString *error)
{
    QLineEdit *input = m_window->quickAddBar()->input();
    input->setFocus(Qt::ShortcutFocusReason);
    QTest::keyClicks(input, u"Frame bench todo %1: call the plumber about the leak !high #bench"_s.arg(n));
    settle();
    return command([input] { QTest::keyClick(input, Qt::Key_Return); }, 1, [input] { return input->text().isEmpty(); },
                   u"Return in the quick-add bar did not add the todo"_s, error);
}

FrameActions::Result FrameActions::undo(QString *error)
{
    // Ctrl+Z belongs to a text field while it has the focus: undo from the list.
    TodoListView *list = m_window->todoList();
    list->setFocus(Qt::ShortcutFocusReason);
    settle();
    return command([list] { QTest::keyClick(list, Qt::Key_Z, Qt::ControlModifier); }, -1, [] { return true; },
                   u"Ctrl+Z did not undo"_s, error);
}

FrameActions::Result FrameActions::pulledBatch(PulledBatch *batch, int index, QString *error)
{
    settle();
    if (!batch->applyOnWorker(index, error))
        return std::nullopt;
    // Nothing else is waiting in the loop: its next turn delivers the notification.
    const Result frame = m_meter->measure([] {});
    if (!frame || !batch->announced()) {
        *error = frame ? u"the pulled batch was never announced"_s : u"the list did not repaint after a pulled batch"_s;
        return std::nullopt;
    }
    return frame;
}
