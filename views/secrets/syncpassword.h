#pragma once

#include "cloud/profile.h"

class PasswordStore;
class QWidget;

// Start-up: puts the stored sync password into a profile before sync starts.
namespace SyncPassword {

enum class Outcome {
    NotNeeded,  // no server, or the profile already has a password (environment, file)
    Found,      // from the keychain, the opt-in file or this run's memory
    NotStored,  // the keychain has none: sync tries without one
    Asked,      // no keychain: the person typed it (kept in memory for this run)
    Declined,   // no keychain and the person cancelled: not asked again this run
    Failed,     // the keychain did not answer or refused; see *message
};

// When the profile has a server and no password, reads it from the store
// (waiting for the keychain, as start-up must). Without a keychain and
// nothing stored, asks once per run with a password dialog on parent.
// *message (optional) gets a sentence for the status bar when it Failed.
Outcome fill(Profile *profile, PasswordStore *store, QWidget *parent, QString *message = nullptr);

} // namespace SyncPassword
