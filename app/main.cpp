#include "cloud/profileloader.h"
#include "commandline.h"
#include "databaseopener.h"
#include "rowtrace.h"
#include "secrets/passwordstore.h"
#include "store/localdatabase.h"
#include "store/todostore.h"
#include "sync/syncsetup.h"
#include "syncstarter.h"
#include "translations.h"
#include "widgets/mainwindow.h"
#include "widgets/todolistview.h"
#include "wizard/migrationwizard.h"

#include <QApplication>
#include <QCoreApplication>
#include <QIcon>
#include <QStandardPaths>
#include <QTimer>

#include <cstdio>
#include <cstdlib>
#include <vector>

using namespace Qt::StringLiterals;

namespace {
// How long a sync worker still stuck in libpq may hold up the exit, once the
// window is gone. libpq cannot be interrupted; after this Tandem leaves anyway.
constexpr int kExitWaitMs = 2000;

// --help, --version and a usage error are answered on the terminal, also where
// no display exists, so the command line is read with a QCoreApplication (for
// the translations and the arguments) that is gone before the QApplication,
// which needs a display, is made: one application object at a time.
// QCoreApplication may take arguments out of argv, so it gets a copy.
CommandLine readCommandLine(int argc, char *argv[])
{
    std::vector<char *> arguments(argv, argv + argc + 1);
    int count = argc;
    QCoreApplication core(count, arguments.data());
    // The system's language (LANGUAGE, LC_ALL, LC_MESSAGES, LANG), English
    // when Tandem has no translation for it.
    Translations::install(QLocale::system());
    return CommandLine::parse(QCoreApplication::arguments());
}
} // namespace

int main(int argc, char *argv[])
{
    // Kept by Qt outside the application objects, so both of them see these.
    QCoreApplication::setApplicationName(u"tandem"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(TANDEM_VERSION));
    QCoreApplication::setOrganizationName(u"tandem"_s);

    const CommandLine commandLine = readCommandLine(argc, argv);
    if (!commandLine.output.isEmpty()) {
        std::fputs(commandLine.output.toUtf8().constData(), stdout);
        return 0;
    }
    if (!commandLine.error.isEmpty()) {
        std::fprintf(stderr, "tandem: %s\n", commandLine.error.toUtf8().constData());
        return 2;
    }

    QApplication app(argc, argv);
    QApplication::setApplicationDisplayName(u"Tandem"_s);
    QApplication::setDesktopFileName(u"app.tandem.Tandem"_s);
    QApplication::setWindowIcon(QIcon(u":/icons/tandem.svg"_s));
    // Again: the translators of the first application object went with it.
    Translations::install(QLocale::system());

    int status = 0;
    QList<QPointer<QThread>> stoppingWorkers;
    {
        LocalDatabase database;
        if (!DatabaseOpener(&database).open(CommandLine::databasePath(commandLine.dataDir)))
            return 1;
        TodoStore store(&database);
        MainWindow window(&database, &store);
        RowTrace::installIfAsked(window.todoList());

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
