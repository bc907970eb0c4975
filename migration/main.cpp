// tandem-migrate: moves the old todo app's SQLite file to the cloud, once.
// See migrationrunner.h for the steps and the exit codes.

#include "legacysource.h"
#include "migrationrunner.h"
#include "translations.h"

#include "cloud/profileloader.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTextStream>
#include <QThread>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

// The translation context of the command's own texts.
struct TandemMigrate
{
    Q_DECLARE_TR_FUNCTIONS(TandemMigrate)
};

std::atomic<bool> g_cancel{false};

extern "C" void onSignal(int)
{
    // Only a flag: the transfer stops between two batches, so the cloud
    // holds whole batches and the next run resumes.
    g_cancel.store(true);
}

void printErr(const QString &text)
{
    QTextStream(stderr) << text << Qt::endl;
}

// Test-only fault hook: TANDEM_MIGRATE_FAULT=after-batch:3 (or in-batch:3)
// kills the process like kill -9 at that point; delay:50 sleeps 50 ms after
// every batch, so a test can interrupt a run in the middle.
std::function<void(const QString &, int)> faultHook()
{
    const QString spec = qEnvironmentVariable("TANDEM_MIGRATE_FAULT");
    const qsizetype colon = spec.indexOf(u':');
    if (colon < 0)
        return {};
    const QString phase = spec.left(colon);
    const int batch = spec.mid(colon + 1).toInt();
    return [phase, batch](const QString &at, int n) {
        if (phase == u"delay"_s && at == u"after-batch"_s)
            QThread::msleep(batch);
        if (at == phase && n == batch) {
            std::fflush(nullptr);
            std::raise(SIGKILL);
        }
    };
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"tandem-migrate"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(TANDEM_VERSION));
    Translations::install(QLocale::system()); // messages and --help in the system's language

    QCommandLineParser parser;
    parser.setApplicationDescription(
        TandemMigrate::tr("Moves the old todo app's SQLite file to the cloud database, once.\n"
                          "Exit codes: 0 migrated and validated; 3 migrated and validated with rows repaired or"
                          " left out;\n"
                          "2 bad usage or bad input (nothing written); 1 failed; 4 this file was already migrated."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(u"SOURCE"_s,
                                 TandemMigrate::tr("The legacy todo_app_local.db (default: the old app's locations)."));
    const QCommandLineOption to(u"to"_s, TandemMigrate::tr("The cloud database (URI or key=value string)."), u"URL"_s);
    const QCommandLineOption profile(u"profile"_s, TandemMigrate::tr("The Tandem profile whose database to use."),
                                     u"P"_s);
    const QCommandLineOption dryRun(u"dry-run"_s,
                                    TandemMigrate::tr("Show what would be migrated and every problem; write nothing."));
    const QCommandLineOption json(u"json"_s, TandemMigrate::tr("Write the report as JSON to FILE."), u"FILE"_s);
    const QCommandLineOption yes(u"yes"_s, TandemMigrate::tr("Do not ask for confirmation."));
    const QCommandLineOption batch(u"batch"_s, TandemMigrate::tr("Todos per transaction (default 10000)."), u"N"_s,
                                   u"10000"_s);
    const QCommandLineOption progress(u"progress"_s, TandemMigrate::tr("Show progress on stderr."));
    parser.addOptions({to, profile, dryRun, json, yes, batch, progress});
    if (!parser.parse(app.arguments())) {
        printErr(parser.errorText());
        return MigrationRunner::BadInput;
    }
    if (parser.isSet(u"help"_s))
        parser.showHelp(0);
    if (parser.isSet(u"version"_s))
        parser.showVersion();

    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    MigrationRunner::Options options;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1) {
        printErr(u"tandem-migrate: "_s + TandemMigrate::tr("give one SOURCE file"));
        return MigrationRunner::BadInput;
    }
    options.sourcePath = positional.isEmpty() ? LegacySource::findDefault(env) : positional.first();
    if (options.sourcePath.isEmpty()) {
        printErr(u"tandem-migrate: "_s
                 + TandemMigrate::tr("no legacy database found in %1; give its path")
                       .arg(LegacySource::defaultLocations(env).join(u", "_s)));
        return MigrationRunner::BadInput;
    }
    bool okBatch = false;
    options.batchSize = parser.value(batch).toInt(&okBatch);
    if (!okBatch || options.batchSize < 1) {
        printErr(u"tandem-migrate: "_s + TandemMigrate::tr("--batch needs a positive number"));
        return MigrationRunner::BadInput;
    }
    options.dryRun = parser.isSet(dryRun);
    options.appVersion = QCoreApplication::applicationVersion();
    if (const int lease = qEnvironmentVariableIntValue("TANDEM_MIGRATE_LEASE_SECONDS"); lease > 0)
        options.leaseSeconds = lease;

    if (!options.dryRun) {
        QHash<QString, QString> commandLine;
        if (parser.isSet(to))
            commandLine.insert(u"url"_s, parser.value(to));
        QString error;
        // The profile files of tandem and tandem-cli (organisation and
        // application "tandem"), not a folder of tandem-migrate's own.
        const QString profileDir = QDir(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation))
                                       .filePath(u"tandem/tandem"_s);
        const std::optional<Profile> loaded =
            ProfileLoader::load({parser.value(profile), commandLine, env, profileDir}, &error);
        if (!loaded) {
            printErr(u"tandem-migrate: %1"_s.arg(error));
            return MigrationRunner::BadInput;
        }
        if (loaded->hasServer())
            options.connection = loaded->connection;
        options.statementTimeoutMs = loaded->statementTimeoutMs;
        if (!parser.isSet(yes)) {
            // A script must say --yes; a person is asked.
            if (!isatty(STDIN_FILENO)) {
                printErr(u"tandem-migrate: "_s + TandemMigrate::tr("add --yes to migrate without confirmation"));
                return MigrationRunner::BadInput;
            }
            //: The answer stays y or yes in every language.
            QTextStream(stdout) << TandemMigrate::tr("Migrate %1 to the cloud? [y/N] ").arg(options.sourcePath)
                                << Qt::flush;
            const QString answer = QTextStream(stdin).readLine().trimmed().toLower();
            if (answer != u"y"_s && answer != u"yes"_s) {
                printErr(u"tandem-migrate: "_s + TandemMigrate::tr("not migrated"));
                return MigrationRunner::BadInput;
            }
        }
    }

    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    options.cancel = &g_cancel;
    options.faultHook = faultHook();
    options.waiting = [] { printErr(TandemMigrate::tr("Another migration of this file is running; waiting for it.")); };
    if (parser.isSet(progress)) {
        const QString line = TandemMigrate::tr("%1 / %2 todos, %3 rows/s, %4 s left");
        options.progress = [line](qint64 done, qint64 total, double seconds) {
            const double rate = seconds > 0 ? double(done) / seconds : 0;
            const double left = rate > 0 ? double(total - done) / rate : 0;
            QTextStream(stderr) << "\r" << line.arg(done)
                                       .arg(total)
                                       .arg(rate, 0, 'f', 0)
                                       .arg(left, 0, 'f', 1)
                                << "   " << (done == total ? "\n" : "") << Qt::flush;
        };
    }

    const MigrationReport report = MigrationRunner::run(options);
    QTextStream out(report.exitCode == MigrationRunner::Failed || report.exitCode == MigrationRunner::BadInput
                        ? stderr
                        : stdout);
    if (report.status == u"refused"_s)
        out << u"tandem-migrate: "_s << report.message << Qt::endl;
    else
        out << report.toText() << Qt::flush;
    if (parser.isSet(json)) {
        QString error;
        if (!report.writeJson(parser.value(json), &error))
            printErr(u"tandem-migrate: "_s + TandemMigrate::tr("cannot write %1: %2").arg(parser.value(json), error));
    }
    return report.exitCode;
}
