#pragma once

#include "cloud/profileloader.h"
#include "secrets/syncpassword.h"

#include <QObject>
#include <QPointer>

#include <optional>

class MainWindow;
class PasswordStore;
class SyncSetup;

// Start-up's and Sync Settings' way into sync: loads the active profile,
// fills in its password (asynchronously: the keychain, or a prompt), then
// hands it to SyncSetup, which restarts the engine. The window shows the
// controller SyncSetup runs and edits the profile in Sync Settings.
//
// Under `tandem --background` sync runs before there is a window (so a
// dismissal on another desktop reaches the reminders here): window may be
// null, and setWindow() hands the window what it missed once it is made.
class SyncStarter : public QObject
{
    Q_OBJECT
public:
    SyncStarter(SyncSetup *setup, MainWindow *window, PasswordStore *passwords, const ProfileLoader::Inputs &inputs,
                ProfileName fallback, QObject *parent = nullptr);

    // Loads the profile (again) and returns at once; sync restarts when the
    // password is known. A profile that does not load is reported in a
    // message box (not waited for), and sync starts with the defaults.
    // Returns false in that case.
    bool start();
    // The window, once it exists: it gets the controller and the profile.
    void setWindow(MainWindow *window);

private:
    void passwordKnown(const Profile &filled, SyncPassword::Outcome outcome, const QString &message);

    SyncSetup *m_setup;
    QPointer<MainWindow> m_window;
    std::optional<Profile> m_profile; // the last one handed to SyncSetup
    PasswordStore *m_passwords;
    ProfileLoader::Inputs m_inputs;
    ProfileName m_fallback;
    // The context of the password question in flight: a newer start()
    // deletes it, so an older answer (or prompt) never starts a sync.
    QPointer<QObject> m_waiting;
};
