#include "commandline.h"
#include "databaseopener.h"
#include "cloud/profileloader.h"
#include "store/localdatabase.h"
#include "sync/synccontroller.h"
#include "store/todostore.h"
#include "widgets/mainwindow.h"

#include <QApplication>
#include <QIcon>
#include <QMessageBox>
#include <QStandardPaths>

#include <cstdio>

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
    // and Tandem goes on working locally.
    QString profileError;
    const auto profile = ProfileLoader::load(
        {commandLine.profile, {}, QProcessEnvironment::systemEnvironment(),
         QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)},
        &profileError);
    SyncController sync(&database, profile.value_or(Profile::defaults(ProfileName::Development)));
    window.setSyncController(&sync);
    window.show();
    if (!profile)
        QMessageBox::warning(&window, QApplication::translate("main", "Tandem"),
                             QApplication::translate("main", "Sync is off: %1").arg(profileError));
    return QApplication::exec();
}
