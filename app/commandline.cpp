#include "commandline.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

CommandLine CommandLine::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("CommandLine", "Tandem keeps your todos on this computer and in step with your other desktops."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDirOption(
        u"data-dir"_s, QCoreApplication::translate("CommandLine", "Keep the database in <dir> instead of the usual place."),
        QCoreApplication::translate("CommandLine", "dir"));
    parser.addOption(dataDirOption);
    const QCommandLineOption profileOption(
        u"profile"_s,
        QCoreApplication::translate("CommandLine", "Use the settings of <profile>: development, staging or production."),
        QCoreApplication::translate("CommandLine", "profile"));
    parser.addOption(profileOption);
    parser.process(arguments); // exits for --help, --version and unknown options

    CommandLine result;
    result.dataDir = parser.value(dataDirOption);
    result.profile = parser.value(profileOption);
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
