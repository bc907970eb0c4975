#pragma once

#include <QKeySequence>
#include <QList>

// Redo's keys: Ctrl+Shift+Z and Ctrl+Y everywhere, plus whatever the
// platform calls Redo, each once. An action given one sequence twice (the
// platform's Redo is often Ctrl+Shift+Z itself) has an ambiguous shortcut,
// and Qt then triggers it for neither.
inline QList<QKeySequence> redoKeys()
{
    QList<QKeySequence> keys{QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)};
    for (const QKeySequence &key : QKeySequence::keyBindings(QKeySequence::Redo)) {
        if (!key.isEmpty() && !keys.contains(key))
            keys << key;
    }
    return keys;
}
