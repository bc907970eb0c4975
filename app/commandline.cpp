#include "commandline.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace {

// Qt's own options (qt6options(7)), which the QApplication takes out of the
// arguments itself. The command line is read before the QApplication exists,
// so they are let through here rather than called unknown.
const QStringList kQtOptionsWithValue = {
    u"platform"_s, u"platformpluginpath"_s, u"platformtheme"_s, u"plugin"_s, u"qwindowgeometry"_s,
    u"qwindowicon"_s, u"qwindowtitle"_s, u"session"_s, u"display"_s, u"geometry"_s, u"style"_s, u"stylesheet"_s,
};
const QStringList kQtFlags = {u"reverse"_s, u"widgetcount"_s, u"nograb"_s, u"dograb"_s, u"sync"_s};
const QStringList kQtOptionsWithEquals = {u"qmljsdebugger"_s, u"dialogs"_s, u"fontengine"_s};

QStringList withoutQtOptions(const QStringList &arguments)
{
    QStringList kept;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (argument == u"--"_s) {
            kept << arguments.mid(i); // what follows is not an option
            break;
        }
        if (i == 0 || !argument.startsWith(u'-')) {
            kept << argument;
            continue;
        }
        const QString body = argument.mid(argument.startsWith(u"--"_s) ? 2 : 1);
        const qsizetype equals = body.indexOf(u'=');
        const QString name = equals < 0 ? body : body.left(equals);
        if (kQtFlags.contains(name) || kQtOptionsWithEquals.contains(name))
            continue;
        if (kQtOptionsWithValue.contains(name)) {
            if (equals < 0)
                ++i; // its value is the next argument
            continue;
        }
        kept << argument;
    }
    return kept;
}

} // namespace

CommandLine CommandLine::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("CommandLine", "Tandem keeps your todos on this computer and in step with your other desktops."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption dataDirOption(
        u"data-dir"_s, QCoreApplication::translate("CommandLine", "Keep the database in <dir> instead of the usual place."),
        QCoreApplication::translate("CommandLine", "dir"));
    parser.addOption(dataDirOption);
    const QCommandLineOption profileOption(
        u"profile"_s,
        QCoreApplication::translate("CommandLine", "Use the settings of <profile>: development, staging or production."),
        QCoreApplication::translate("CommandLine", "profile"));
    parser.addOption(profileOption);
    const QCommandLineOption backgroundOption(
        u"background"_s,
        QCoreApplication::translate("CommandLine", "Start without a window: the tray icon and the reminders only."));
    parser.addOption(backgroundOption);
    const QCommandLineOption quickAddOption(
        u"quick-add"_s, QCoreApplication::translate("CommandLine", "Open the window with its quick-add line focused."));
    parser.addOption(quickAddOption);

    CommandLine result;
    const bool parsed = parser.parse(withoutQtOptions(arguments));
    // As QCommandLineParser::process() answers, without its exit().
    // --help-all (Qt's options too) has no public text of its own: the usual help.
    if (parser.isSet(helpOption) || parser.isSet(u"help-all"_s)) {
        result.output = parser.helpText();
        return result;
    }
    if (parser.isSet(versionOption)) {
        result.output = QCoreApplication::applicationName() + u' ' + QCoreApplication::applicationVersion() + u'\n';
        return result;
    }
    if (!parsed) {
        result.error = parser.errorText();
        return result;
    }
    result.dataDir = parser.value(dataDirOption);
    result.profile = parser.value(profileOption);
    result.background = parser.isSet(backgroundOption);
    result.quickAdd = parser.isSet(quickAddOption);
    if (parser.isSet(dataDirOption) && result.dataDir.trimmed().isEmpty())
        result.error = QCoreApplication::translate("CommandLine", "--data-dir needs a folder.");
    if (!parser.positionalArguments().isEmpty())
        result.error = QCoreApplication::translate("CommandLine", "Unexpected argument: %1").arg(parser.positionalArguments().first());
    return result;
}

QString CommandLine::databasePath(const QString &dataDir)
{
    const QString dir = dataDir.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                                          : QDir(dataDir).absolutePath();
    return QDir(dir).filePath(u"tandem.db"_s);
}
