#pragma once

#include "store/todostore.h"

#include <QString>

// One intent turned into rows: the snapshots before and after, and the words
// for it (the undo stack's text). TodoOperations makes them; the window
// pushes them on its undo stack (TodoCommands), tandem-cli applies them
// (TodoOperations::apply). Both write the same changeset for the same intent.
struct Edit
{
    Changeset before; // for undo; a new row appears here as its tombstone
    Changeset after;
    QString text;
    QString mergeKey; // edits with the same key in a row merge into one undo step

    bool isEmpty() const { return after.isEmpty(); }
};
