#pragma once

#include "store/todostore.h"

#include <QUndoCommand>

// The one undo command behind every edit: it knows the rows before and
// after, and writes back only the fields it changed, so undoing a title edit
// does not also revert a note that arrived from another desktop meanwhile.
// Commands with the same merge key in a row (typing a title, then fixing it)
// merge into one step.
class SnapshotCommand : public QUndoCommand
{
public:
    static constexpr int kMergeableId = 0x7a4d;

    SnapshotCommand(TodoStore *store, Changeset before, Changeset after, const QString &text,
                    const QString &mergeKey = {});

    void redo() override;
    void undo() override;

    // QUndoStack moves its index whatever undo() did, and drops a command
    // that marks itself obsolete (qundostack.cpp), so a refused write cannot
    // stop it from there. TodoCommands::undo() and redo() therefore write
    // first with these, and move the stack only when the store took the
    // write; the undo() or redo() the stack then calls finds it done.
    bool writeUndo();
    bool writeRedo();
    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;

    const Changeset &after() const { return m_after; }

private:
    // The current rows, with the fields that differ between from and to set as in to.
    Changeset overlay(const Changeset &from, const Changeset &to) const;

    TodoStore *m_store;
    Changeset m_before;
    Changeset m_after;
    QString m_mergeKey;
    enum class Written { Nothing, Undo, Redo };
    bool m_pushed = false; // redone once: the next redo is the stack's, origin Undo
    Written m_written = Written::Nothing; // by writeUndo()/writeRedo(), for the stack's next call
};
