#include "cloud/profileloader.h"
#include "commandline.h"
#include "databaseopener.h"
#include "secrets/passwordstore.h"
#include "secrets/syncpassword.h"
#include "store/localdatabase.h"
#include "store/todostore.h"
#include "sync/synccontroller.h"
#include "translations.h"
#include "widgets/mainwindow.h"
#include "wizard/migrationwizard.h"

#include <QApplication>
#include <QIcon>
#include <QMessageBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTimer>

#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;

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

    LocalDatabase database;
    if (!DatabaseOpener(&database).open(CommandLine::databasePath(commandLine.dataDir)))
        return 1;
    TodoStore store(&database);
    MainWindow window(&database, &store);

    // Sync settings: a bad one (production without TLS, say) is reported,
    // and Tandem goes on working locally; File > Sync Settings can mend it.
    const ProfileLoader::Inputs profileInputs{commandLine.profile, {}, QProcessEnvironment::systemEnvironment(),
                                              QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)};
    // The profile asked for, also when its settings do not load.
    const QString chosenProfile
        = commandLine.profile.isEmpty() ? qEnvironmentVariable("TANDEM_PROFILE") : commandLine.profile;
    const ProfileName profileName = ProfileNames::fromString(chosenProfile.trimmed()).value_or(ProfileName::Development);

    // The sync password is in the system keychain; without one it is asked
    // for once per run (and kept in memory only).
    PasswordStore passwords;
    std::unique_ptr<SyncController> sync;
    auto startSync = [&](QString *error) {
        const std::optional<Profile> loaded = ProfileLoader::load(profileInputs, error);
        Profile profile = loaded.value_or(Profile::defaults(profileName));
        QString passwordProblem;
        if (SyncPassword::fill(&profile, &passwords, &window, &passwordProblem) == SyncPassword::Outcome::Declined)
            profile.connection.host.clear(); // "Work Offline": no sync this run
        // The old controller stops before the new one starts: never two syncs at once.
        window.setSyncController(nullptr);
        sync.reset();
        sync = std::make_unique<SyncController>(&database, profile);
        window.setSyncController(sync.get());
        window.setSyncSettings(profile, &passwords);
        if (!passwordProblem.isEmpty())
            window.statusBar()->showMessage(passwordProblem);
        return loaded.has_value();
    };
    QString profileError;
    const bool profileLoaded = startSync(&profileError);
    QObject::connect(&window, &MainWindow::syncSettingsSaved, &window, [&] {
        QString error;
        if (!startSync(&error))
            QMessageBox::warning(&window, QApplication::translate("main", "Tandem"),
                                 QApplication::translate("main", "Sync is off: %1").arg(error));
    });
    window.show();
    // First launch: an old-app file at a default location, never offered
    // here. The cloud's own record is checked by the wizard (a file imported
    // elsewhere ends as "already imported, nothing changed").
    if (const QString legacy = MigrationWizard::fileToOffer(); !legacy.isEmpty()) {
        MigrationWizard::markOffered();
        QTimer::singleShot(0, &window, [&window] { window.showMigrationWizard(); });
    }
    if (!profileLoaded)
        QMessageBox::warning(&window, QApplication::translate("main", "Tandem"),
                             QApplication::translate("main", "Sync is off: %1").arg(profileError));
    const int status = QApplication::exec();
    window.setSyncController(nullptr); // the status bar lets go before sync stops
    return status;
}
