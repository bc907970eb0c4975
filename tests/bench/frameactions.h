#pragma once

#include "busymeter.h"

#include "domain/todo.h"

#include <QString>

#include <optional>

class MainWindow;
class PulledBatch;
class TodoStore;

// The actions of the frame budget, done as a person does them in the real
// window, each measured with a BusyMeter from its input event on. What is
// done to get there (clicking the row, typing the new title, opening the
// menu) is not measured, and the loop is let settle before the clock starts.
// Each returns nullopt, with error set, when the action did not happen
// (the store was not changed as expected, the list never repainted).
class FrameActions
{
public:
    FrameActions(MainWindow *window, TodoStore *store, BusyMeter *meter);

    using Result = std::optional<BusyMeter::Frame>;

    // Row `row` of the list is clicked first; then:
    Result complete(int row, QString *error);  // Space (Edit > Complete) in the list
    // Space on a repeating todo: its occurrence recorded, the todo moved to the next one.
    Result completeOccurrence(int row, QString *error);
    Result editTitle(int row, QString *error); // F2, the new title typed; timed: Return
    Result remove(int row, QString *error);    // Delete in the list
    Result moveToList(int row, QString *error); // Edit > Move To opened; timed: the click on a list
    Result quickAdd(int n, QString *error);    // a title typed in the quick-add bar; timed: Return
    // Ctrl+Z in the list, undoing the action before it.
    Result undo(QString *error);
    // The pulled batch `index`, applied on a worker thread first; timed from
    // the turn of the loop that delivers its notification.
    Result pulledBatch(PulledBatch *batch, int index, QString *error);

private:
    // Lets the loop settle before a measurement (BusyMeter::settle).
    void settle();
    // Clicks the row and leaves the focus in the list; its todo.
    std::optional<Todo> selectRow(int row, QString *error);
    // Measures input, then checks that the list repainted, that done() holds
    // and that the undo stack moved by steps; else error says failure.
    Result command(const std::function<void()> &input, int steps, const std::function<bool()> &done,
                   const QString &failure, QString *error);

    MainWindow *m_window;
    TodoStore *m_store;
    BusyMeter *m_meter;
};
