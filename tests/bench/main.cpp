// tandem-bench: the performance targets of the desktop app, measured on this
// machine, printed as a Markdown table. See docs/benchmarks.md.
//
//   tandem-bench [--quick] [--rows N] [--migration-rows N] [--tandem-migrate PATH]
//                [--only app,frame,sync,migration,repeat] [--work-dir DIR] [--keep]
//
// Exit code 0 whatever the verdicts; 1 when a measurement could not be made.

#include "addbench.h"
#include "benchdatabase.h"
#include "bulkbench.h"
#include "framebench.h"
#include "machineinfo.h"
#include "migrationbench.h"
#include "repeatbench.h"
#include "resulttable.h"
#include "searchbench.h"
#include "startupbench.h"
#include "syncbench.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSettings>
#include <QTemporaryDir>

#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

struct Config
{
    int rows = 100'000;
    int startupRepetitions = 5;
    int searchRounds = 2;
    int adds = 200;
    int quickAdds = 30;
    int frameSamples = 30;
    int repeatSamples = 2'000;
    MigrationBench::Config migration;
};

void print(const QString &text)
{
    std::fputs(text.toUtf8().constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

int fail(const QString &message)
{
    std::fprintf(stderr, "tandem-bench: error: %s\n", qPrintable(message));
    return 1;
}

// The offscreen platform warns about what it cannot do; nothing a
// measurement depends on. Everything else goes to stderr as usual.
void messageHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (message.startsWith(u"This plugin does not support"_s) || message.startsWith(u"QStandardPaths: XDG_RUNTIME_DIR"_s))
        return;
    std::fputs(qUtf8Printable(qFormatLogMessage(type, context, message) + u'\n'), stderr);
}

// Keeps the window's remembered state (QSettings) out of the person's own
// configuration and the same for every run.
void isolateSettings(const QString &dir)
{
    QCoreApplication::setOrganizationName(u"tandem-bench"_s);
    QCoreApplication::setApplicationName(u"tandem-bench"_s);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir);
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(u"tandem.*.info=false"_s);
    qInstallMessageHandler(messageHandler);
    QApplication app(argc, argv);

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Measures Tandem's performance targets and prints a Markdown table."_s);
    parser.addHelpOption();
    const QCommandLineOption quickOption(u"quick"_s, u"A small, fast run (10,000 todos, fewer repetitions): a smoke test."_s);
    const QCommandLineOption rowsOption(u"rows"_s, u"Live todos in the prepared cache (default 100000)."_s, u"N"_s);
    const QCommandLineOption migrationRowsOption(u"migration-rows"_s, u"Todos in the legacy file of the migration rows (default 200000)."_s, u"N"_s);
    const QCommandLineOption tandemMigrateOption(u"tandem-migrate"_s, u"The tandem-migrate executable the migration rows run (default: the one built with the bench)."_s, u"path"_s);
    const QCommandLineOption onlyOption(u"only"_s, u"Only these groups of rows, comma-separated: app (start-up, search, add), frame (the frame budget), sync, migration, repeat (repeat rules)."_s, u"groups"_s);
    const QCommandLineOption workDirOption(u"work-dir"_s, u"Where to create the database (default: a temporary folder)."_s, u"dir"_s);
    const QCommandLineOption keepOption(u"keep"_s, u"Keep the work folder (and its database) afterwards."_s);
    // The start-up measurement runs this executable again, once per repetition.
    const QCommandLineOption childOption(QString::fromLatin1(StartupBench::kChildOption), u"Internal."_s);
    const QCommandLineOption dbOption(u"db"_s, u"Internal."_s, u"file"_s);
    const QCommandLineOption settingsOption(u"settings-dir"_s, u"Internal."_s, u"dir"_s);
    const QCommandLineOption startListOption(u"start-list"_s, u"Internal."_s, u"inbox|all"_s);
    const QCommandLineOption spawnedAtOption(u"spawned-at"_s, u"Internal."_s, u"ns"_s);
    for (const QCommandLineOption &internal : {childOption, dbOption, settingsOption, startListOption, spawnedAtOption}) {
        QCommandLineOption hidden = internal;
        hidden.setFlags(QCommandLineOption::HiddenFromHelp);
        parser.addOption(hidden);
    }
    parser.addOptions({quickOption, rowsOption, migrationRowsOption, tandemMigrateOption, onlyOption, workDirOption, keepOption});
    parser.process(app);

    if (parser.isSet(childOption)) {
        isolateSettings(parser.value(settingsOption));
        const auto startList = parser.value(startListOption) == u"all"_s ? StartupBench::StartList::All
                                                                         : StartupBench::StartList::Inbox;
        return StartupBench::runChild(parser.value(dbOption), startList, parser.value(spawnedAtOption).toLongLong());
    }

    Config config;
    if (parser.isSet(quickOption))
        config = Config{10'000, 2, 1, 30, 5, 3, 200, MigrationBench::Config{2'000, 1, 2'000}};
    if (parser.isSet(rowsOption)) {
        bool ok = false;
        config.rows = parser.value(rowsOption).toInt(&ok);
        if (!ok || config.rows < 1)
            return fail(u"--rows needs a positive number"_s);
    }
    if (parser.isSet(migrationRowsOption)) {
        bool ok = false;
        config.migration.rows = parser.value(migrationRowsOption).toInt(&ok);
        if (!ok || config.migration.rows < 1)
            return fail(u"--migration-rows needs a positive number"_s);
        config.migration.roundTripRows = config.migration.rows;
    }
    if (parser.isSet(tandemMigrateOption))
        config.migration.tandemMigrate = QFileInfo(parser.value(tandemMigrateOption)).absoluteFilePath();
    const QStringList groups = {u"app"_s, u"frame"_s, u"sync"_s, u"migration"_s, u"repeat"_s};
    const QStringList only = parser.value(onlyOption).split(u',', Qt::SkipEmptyParts);
    for (const QString &group : only) {
        if (!groups.contains(group))
            return fail(u"--only takes %1, not %2"_s.arg(groups.join(u", "_s), group));
    }
    auto wanted = [&only](const QString &group) { return only.isEmpty() || only.contains(group); };

    std::unique_ptr<QTemporaryDir> temporary;
    QString workDir = parser.value(workDirOption);
    if (workDir.isEmpty()) {
        temporary = std::make_unique<QTemporaryDir>(QDir::temp().filePath(u"tandem-bench-XXXXXX"_s));
        if (!temporary->isValid())
            return fail(u"cannot create a temporary folder: %1"_s.arg(temporary->errorString()));
        temporary->setAutoRemove(!parser.isSet(keepOption));
        workDir = temporary->path();
    } else if (!QDir().mkpath(workDir) || !QDir(workDir).isEmpty()) {
        return fail(u"--work-dir must be an empty (or new) folder: %1"_s.arg(workDir));
    }
    const QString settingsDir = QDir(workDir).filePath(u"settings"_s);
    isolateSettings(settingsDir);

    const MachineInfo machine = MachineInfo::collect();
    print(u"# Tandem benchmarks\n"_s);
    print(machine.toLines().join(u'\n'));

    ResultTable table;
    QStringList details;
    QList<Measurement> measurements;
    QString error;

    BenchDatabase data;
    if (wanted(u"app"_s) || wanted(u"frame"_s)) {
        QElapsedTimer prepareTimer;
        prepareTimer.start();
        if (!BenchDatabase::create(QDir(workDir).filePath(u"tandem.db"_s), config.rows, &data, &error))
            return fail(u"cannot prepare the database: %1"_s.arg(error));
        print(u"- data: %1 (prepared in %2 s, not measured)\n"_s.arg(data.summary()).arg(double(prepareTimer.elapsed()) / 1000.0, 0, 'f', 1));
    }

    if (wanted(u"app"_s)) {
        StartupBench startup(data.filePath, settingsDir, config.startupRepetitions);
        if (!startup.run(&measurements, &details, &error))
            return fail(u"start-up: %1"_s.arg(error));
        table.add(measurements);
        measurements.clear();

        const QList<SearchBench::Word> words = {
            {QString::fromLatin1(BenchDatabase::kRareWord), data.rareWordMatches},
            {QString::fromLatin1(BenchDatabase::kMissingWord), 0},
        };
        SearchBench search(data.filePath, words, config.searchRounds);
        if (!search.run(&measurements, &details, &error))
            return fail(u"search: %1"_s.arg(error));
        table.add(measurements);
        measurements.clear();

        AddBench add(data.filePath, config.adds, config.quickAdds);
        if (!add.run(&measurements, &details, &error))
            return fail(u"add: %1"_s.arg(error));
        table.add(measurements);
        measurements.clear();
    }

    if (wanted(u"frame"_s)) {
        FrameBench frame(data.filePath, config.frameSamples);
        if (!frame.run(&measurements, &details, &error))
            return fail(u"frame: %1"_s.arg(error));
        table.add(measurements);
        measurements.clear();

        // Last of the rows on the prepared data: it leaves an outbox behind.
        BulkBench bulk(data.filePath);
        if (!bulk.run(&measurements, &details, &error))
            return fail(u"bulk: %1"_s.arg(error));
        table.add(measurements);
        measurements.clear();
    }

    if (wanted(u"sync"_s)) {
        SyncBench::Config syncConfig;
        if (parser.isSet(quickOption))
            syncConfig = SyncBench::Config{10'000, 2'000, 5, 200};
        SyncBench sync(syncConfig);
        if (!sync.run(&measurements, &details, &error))
            return fail(u"sync: %1"_s.arg(error));
        table.add(measurements);
        measurements.clear();
    }

    if (wanted(u"repeat"_s)) {
        RepeatBench repeat(config.repeatSamples);
        if (!repeat.run(&measurements, &details, &error))
            return fail(u"repeat: %1"_s.arg(error));
        table.add(measurements);
        measurements.clear();
    }

    if (wanted(u"migration"_s)) {
        MigrationBench migration(config.migration, workDir);
        if (!migration.run(&measurements, &details, &error))
            return fail(u"migration: %1"_s.arg(error));
        table.add(measurements);
    }

    table.print(stdout);
    print(u"\n## Details\n"_s);
    print(details.join(u'\n'));
    if (temporary && !temporary->autoRemove())
        print(u"\nKept the work folder: %1"_s.arg(workDir));
    else if (!temporary)
        print(u"\nWork folder: %1"_s.arg(workDir));
    return 0;
}
