#include "clicommands.h"
#include "clilog.h"
#include "cliparser.h"
#include "translations.h"

#include <QCoreApplication>

#include <cstdio>

using namespace Qt::StringLiterals;

// tandem-cli: the desktop app's models and sync without a window.
int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    // The same names as the window, so the default cache and profile folder are the same.
    QCoreApplication::setApplicationName(u"tandem"_s);
    QCoreApplication::setOrganizationName(u"tandem"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(TANDEM_VERSION));
    CliLog::install();
    Translations::install(QLocale::system()); // messages and --help in the system's language

    const CliRequest request = CliParser::parse(QCoreApplication::arguments());
    if (request.help) {
        std::fputs(CliParser::usage().toUtf8().constData(), stdout);
        return CliExit::Ok;
    }
    if (request.version) {
        std::fputs((u"tandem-cli "_s + QCoreApplication::applicationVersion() + u'\n').toUtf8().constData(), stdout);
        return CliExit::Ok;
    }
    if (!request.error.isEmpty())
        return CliCommands::fail(CliExit::Usage, request.error);
    int code = CliExit::Failure;
    {
        CliCommands commands(request); // closes the cache when it goes, before the log is flushed
        code = commands.run();
    }
    CliLog::finish(code == CliExit::Ok);
    return code;
}
