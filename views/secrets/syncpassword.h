#pragma once

#include "cloud/profile.h"

#include <functional>

class PasswordStore;
class QObject;
class QWidget;

// Start-up: puts the stored sync password into a profile before sync starts.
namespace SyncPassword {

enum class Outcome {
    NotNeeded,  // no server, or the profile already has a password (environment, file)
    Found,      // from the keychain, the opt-in file or this run's memory
    NotStored,  // the keychain has none: sync tries without one
    Asked,      // no keychain: the person typed it (kept in memory for this run)
    Declined,   // no keychain and the person cancelled: not asked again this run
    Failed,     // the keychain did not answer or refused; see message
};

// The profile with its password (when one was found or typed), what
// happened, and for Failed a sentence for the status bar.
using Done = std::function<void(const Profile &profile, Outcome outcome, const QString &message)>;

// When the profile has a server and no password, reads it from the store.
// Without a keychain and nothing stored, asks once per run with a password
// dialog on parent (opened, not exec()'d). Returns at once; done runs later
// through the event loop, and never once context is gone (the prompt goes
// with it).
void fill(const Profile &profile, PasswordStore *store, QWidget *parent, QObject *context, Done done);

} // namespace SyncPassword
