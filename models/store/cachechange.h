#pragma once

#include <QMetaType>
#include <QStringList>

// What one committed write changed in the local cache, and where it came
// from. LocalDatabase::changed carries it to the item models, the status
// bar and the sync controller; each decides by the origin what to do (a
// pull must not be pushed back, an undo moves the selection, ...).
struct CacheChange
{
    enum class Origin {
        LocalEdit, // an edit made here: the window or tandem-cli
        Undo,      // the undo stack stepping back or forth (undo and redo)
        Pull,      // the sync engine applied changes from the cloud
        Import,    // an import into this cache
        External,  // another process (tandem-cli) wrote to the same file
    };

    Origin origin = Origin::LocalEdit;
    QStringList todoIds; // todos whose rows changed
    bool lists = false;  // a list was added, renamed, moved or deleted
    bool tags = false;   // tag links or the open counts of tags may differ
    // Reminders were added, removed, snoozed or dismissed (their todos are
    // among todoIds): the reminder scheduler plans again.
    bool reminders = false;

    bool isEmpty() const { return todoIds.isEmpty() && !lists && !tags && !reminders; }
    // Written on this desktop and so still to be pushed (everything but a
    // pull): tandem-cli's edits wait in the outbox for the window's sync.
    bool isLocal() const { return origin != Origin::Pull; }
};

Q_DECLARE_METATYPE(CacheChange)
