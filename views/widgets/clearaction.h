#pragma once

class QAction;
class QLineEdit;

// A clear button at the end of a line edit, shown while it holds text.
// QLineEdit's own (setClearButtonEnabled) fades in and out over 160 ms and
// repaints the field ten times to do it, after every add from the quick-add
// line: this one appears and goes at once.
namespace ClearAction {

QAction *add(QLineEdit *edit);

} // namespace ClearAction
