#include "commandline.h"
#include "databaseopener.h"
#include "store/localdatabase.h"
#include "store/todostore.h"
#include "widgets/mainwindow.h"

#include <QApplication>
#include <QIcon>
#include <QMessageBox>

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
    window.show();
    return QApplication::exec();
}
