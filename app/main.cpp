#include "cloud/profileloader.h"
#include "commandline.h"
#include "databaseopener.h"
#include "secrets/passwordstore.h"
#include "store/localdatabase.h"
#include "store/todostore.h"
#include "sync/syncsetup.h"
#include "syncstarter.h"
#include "translations.h"
#include "widgets/mainwindow.h"
#include "wizard/migrationwizard.h"

#include <QApplication>
#include <QIcon>
#include <QStandardPaths>
#include <QTimer>

#include <cstdio>
#include <cstdlib>

using namespace Qt::StringLiterals;

namespace {
// How long a sync worker still stuck in libpq may hold up the exit, once the
// window is gone. libpq cannot be interrupted; after this Tandem leaves anyway.
constexpr int kExitWaitMs = 2000;
} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"tandem"_s);
    QApplication::setApplicationDisplayName(u"Tandem"_s);
    QApplication::setApplicationVersion(QStringLiteral(TANDEM_VERSION));
    QApplication::setOrganizationName(u"tandem"_s);
    QApplication::setDesktopFileName(u"app.tandem.Tandem"_s);
    QApplication::setWindowIcon(QIcon(u":/icons/tandem.svg"_s));

    // The system's language (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), English
    // when Tandem has no translation for it.
    Translations::install(QLocale::system());

    const CommandLine commandLine = CommandLine::parse(QApplication::arguments());
    if (!commandLine.error.isEmpty()) {
        std::fprintf(stderr, "tandem: %s\n", qPrintable(commandLine.error));
        return 2;
    }

    int status = 0;
    QList<QPointer<QThread>> stoppingWorkers;
    {
        LocalDatabase database;
        if (!DatabaseOpener(&database).open(CommandLine::databasePath(commandLine.dataDir)))
            return 1;
        TodoStore store(&database);
        MainWindow window(&database, &store);

        const ProfileLoader::Inputs profileInputs{commandLine.profile, {}, QProcessEnvironment::systemEnvironment(),
                                                  QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)};
        // The profile asked for, also when its settings do not load.
        const QString chosenProfile
            = commandLine.profile.isEmpty() ? qEnvironmentVariable("TANDEM_PROFILE") : commandLine.profile;
        const ProfileName profileName
            = ProfileNames::fromString(chosenProfile.trimmed()).value_or(ProfileName::Development);

        // The sync password is in the system keychain; without one it is
        // asked for once per run (and kept in memory only). Sync starts when
        // it is known; the window does not wait for it.
        PasswordStore passwords;
        SyncSetup sync(&database);
        SyncStarter starter(&sync, &window, &passwords, profileInputs, profileName);
        QObject::connect(&window, &MainWindow::syncSettingsSaved, &starter, &SyncStarter::start);
        window.show();
        starter.start();
        // First launch: an old-app file at a default location, never offered
        // here. The cloud's own record is checked by the wizard (a file imported
        // elsewhere ends as "already imported, nothing changed").
        if (const QString legacy = MigrationWizard::fileToOffer(); !legacy.isEmpty()) {
            MigrationWizard::markOffered();
            QTimer::singleShot(0, &window, [&window] { window.showMigrationWizard(); });
        }
        status = QApplication::exec();
        // Asks the worker to stop, without waiting (the status bar lets go first).
        stoppingWorkers = sync.shutdown();
    } // the window, the store and the local database are gone here

    // A worker still inside libpq (a server that does not answer) gets a
    // short while to finish. After that, leaving through exit() would unload
    // the QPSQL plugin and libpq under its feet: _Exit ends the process
    // without running anything more. The local cache is closed already.
    if (!SyncSetup::waitForThreads(stoppingWorkers, QDeadlineTimer(kExitWaitMs))) {
        std::fprintf(stderr, "tandem: sync did not stop in time; leaving it behind\n");
        std::fflush(nullptr);
        std::_Exit(status);
    }
    return status;
}
