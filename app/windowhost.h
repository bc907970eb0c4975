#pragma once

#include "cloud/profileloader.h"

#include <QObject>
#include <QPointer>

#include <memory>

class LocalDatabase;
class MainWindow;
class PasswordStore;
class SyncSetup;
class SyncStarter;
class TodoStore;

// The main window, made when it is first asked for: at start, or later
// under `tandem --background` (the tray's Show Tandem, a notification's
// click), and sync, which runs with or without it (startSync).
class WindowHost : public QObject
{
    Q_OBJECT
public:
    // sync: null for a window without sync (tests).
    WindowHost(LocalDatabase *database, TodoStore *store, SyncSetup *sync, const ProfileLoader::Inputs &profileInputs,
               QObject *parent = nullptr);
    ~WindowHost() override;

    // Null until made.
    MainWindow *window() const { return m_window.get(); }
    // Makes it (and starts sync) the first time; shown or not as it was.
    MainWindow *ensureWindow();
    // Loads the profile and starts sync (a password prompt, if one is
    // needed, has no window under --background). Once; nothing without sync.
    void startSync();

Q_SIGNALS:
    void windowCreated(MainWindow *window);

private:
    LocalDatabase *m_database;
    TodoStore *m_store;
    SyncSetup *m_sync;
    ProfileLoader::Inputs m_profileInputs;
    std::unique_ptr<PasswordStore> m_passwords;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<SyncStarter> m_starter;
};
