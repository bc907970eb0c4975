#include "windowhost.h"

#include "rowtrace.h"
#include "secrets/passwordstore.h"
#include "sync/syncsetup.h"
#include "syncstarter.h"
#include "widgets/mainwindow.h"
#include "widgets/todolistview.h"
#include "wizard/migrationwizard.h"

#include <QTimer>

WindowHost::WindowHost(LocalDatabase *database, TodoStore *store, SyncSetup *sync,
                       const ProfileLoader::Inputs &profileInputs, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_store(store)
    , m_sync(sync)
    , m_profileInputs(profileInputs)
{
}

// The starter and the window go before the password store they use.
WindowHost::~WindowHost()
{
    m_starter.reset();
    m_window.reset();
}

MainWindow *WindowHost::ensureWindow()
{
    if (m_window)
        return m_window.get();
    m_window = std::make_unique<MainWindow>(m_database, m_store);
    RowTrace::installIfAsked(m_window->todoList());
    if (m_starter) {
        m_starter->setWindow(m_window.get());
        connect(m_window.get(), &MainWindow::syncSettingsSaved, m_starter.get(), &SyncStarter::start);
    }
    // First launch: an old-app file at a default location, never offered
    // here. The cloud's own record is checked by the wizard (a file imported
    // elsewhere ends as "already imported, nothing changed").
    // Not offered without sync (tests).
    if (const QString legacy = m_sync ? MigrationWizard::fileToOffer() : QString(); !legacy.isEmpty()) {
        MigrationWizard::markOffered();
        QTimer::singleShot(0, m_window.get(), [window = m_window.get()] { window->showMigrationWizard(); });
    }
    Q_EMIT windowCreated(m_window.get());
    return m_window.get();
}

void WindowHost::startSync()
{
    if (!m_sync || m_starter)
        return;
    // The profile asked for, also when its settings do not load.
    const QString chosenProfile
        = m_profileInputs.profileName.isEmpty() ? qEnvironmentVariable("TANDEM_PROFILE") : m_profileInputs.profileName;
    const ProfileName profileName = ProfileNames::fromString(chosenProfile.trimmed()).value_or(ProfileName::Development);
    // The sync password is in the system keychain; without one it is asked
    // for once per run (and kept in memory only). Sync starts when it is
    // known; the window does not wait for it.
    m_passwords = std::make_unique<PasswordStore>();
    m_starter = std::make_unique<SyncStarter>(m_sync, m_window.get(), m_passwords.get(), m_profileInputs, profileName);
    if (m_window)
        connect(m_window.get(), &MainWindow::syncSettingsSaved, m_starter.get(), &SyncStarter::start);
    m_starter->start();
}
