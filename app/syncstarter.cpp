#include "syncstarter.h"

#include "sync/synccontroller.h"
#include "sync/syncsetup.h"
#include "widgets/mainwindow.h"

#include <QApplication>
#include <QMessageBox>
#include <QStatusBar>

SyncStarter::SyncStarter(SyncSetup *setup, MainWindow *window, PasswordStore *passwords,
                         const ProfileLoader::Inputs &inputs, ProfileName fallback, QObject *parent)
    : QObject(parent)
    , m_setup(setup)
    , m_window(window)
    , m_passwords(passwords)
    , m_inputs(inputs)
    , m_fallback(fallback)
{
    if (window)
        setWindow(window);
}

void SyncStarter::setWindow(MainWindow *window)
{
    m_window = window;
    connect(m_setup, &SyncSetup::controllerChanged, window, &MainWindow::setSyncController);
    if (SyncController *running = m_setup->controller())
        window->setSyncController(running);
    if (m_profile)
        window->setSyncSettings(*m_profile, m_passwords);
}

bool SyncStarter::start()
{
    QString error;
    const std::optional<Profile> loaded = ProfileLoader::load(m_inputs, &error);
    const Profile profile = loaded.value_or(Profile::defaults(m_fallback));
    delete m_waiting;
    m_waiting = new QObject(this);
    SyncPassword::fill(profile, m_passwords, m_window, m_waiting,
                       [this](const Profile &filled, SyncPassword::Outcome outcome, const QString &message) {
                           passwordKnown(filled, outcome, message);
                       });
    if (!loaded) {
        // Sync settings that do not load (production without TLS, say) are
        // reported, and Tandem goes on working locally; Sync Settings can mend them.
        auto *box = new QMessageBox(QMessageBox::Warning, QApplication::translate("main", "Tandem"),
                                    QApplication::translate("main", "Sync is off: %1").arg(error), QMessageBox::Ok,
                                    m_window);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    }
    return loaded.has_value();
}

void SyncStarter::passwordKnown(const Profile &filled, SyncPassword::Outcome outcome, const QString &message)
{
    Profile profile = filled;
    if (outcome == SyncPassword::Outcome::Declined)
        profile.connection.host.clear(); // "Work Offline": no sync this run
    m_setup->restart(profile);
    m_profile = profile;
    if (!m_window)
        return;
    m_window->setSyncSettings(profile, m_passwords);
    if (!message.isEmpty())
        m_window->statusBar()->showMessage(message);
}
