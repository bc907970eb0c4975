#include "cloud/profileloader.h"
#include "commandline.h"
#include "databaseopener.h"
#include "appshell.h"
#include "instancechannel.h"
#include "notify/notifier.h"
#include "reminders/reminderscheduler.h"
#include "reminderservice.h"
#include "store/localdatabase.h"
#include "store/todostore.h"
#include "sync/syncsetup.h"
#include "translations.h"
#include "trayicon.h"
#include "windowhost.h"

#include <QApplication>
#include <QCoreApplication>
#include <QIcon>
#include <QStandardPaths>

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

    // One instance per person and data folder: a second start hands over
    // what it was started for and leaves.
    const QString databasePath = CommandLine::databasePath(commandLine.dataDir);
    InstanceChannel channel(InstanceChannel::serverNameFor(databasePath));
    const QString request = commandLine.quickAdd ? InstanceChannel::quickAddMessage() : InstanceChannel::showMessage();
    if (channel.sendToRunning(request))
        return 0;
    channel.listen(); // when it cannot, this instance still runs, alone

    int status = 0;
    QList<QPointer<QThread>> stoppingWorkers;
    {
        LocalDatabase database;
        if (!DatabaseOpener(&database).open(databasePath))
            return 1;
        TodoStore store(&database);
        SyncSetup sync(&database);
        const ProfileLoader::Inputs profileInputs{commandLine.profile, {}, QProcessEnvironment::systemEnvironment(),
                                                  QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)};
        WindowHost windows(&database, &store, &sync, profileInputs);

        // Reminders fire in this process only (never in tandem-cli), on the real clock.
        Notifier notifier;
        TrayIcon tray;
        ReminderService reminders(&store, &notifier, new ReminderScheduler(&store));
        AppShell shell(&windows, &tray, &notifier, &reminders, &channel, commandLine.background);
        if (commandLine.quickAdd)
            shell.showQuickAdd();
        else if (!commandLine.background)
            shell.showWindow();
        windows.startSync();
        reminders.start();
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
