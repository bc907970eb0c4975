#pragma once

class QAbstractItemView;

// For scripts that check the running window from outside (the test that
// adds a todo with tandem-cli while the window is open): with
// TANDEM_TRACE_ROWS=1 set, every change of the rows the todo list shows is
// written to stderr as one line, "tandem: rows: N: title | title | ...".
// Without it, nothing is connected and nothing is written.
namespace RowTrace {

void installIfAsked(QAbstractItemView *view);

} // namespace RowTrace
