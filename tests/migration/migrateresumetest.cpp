// The transfer's guarantees: a run killed (kill -9) at several points and
// run again ends exactly like an uninterrupted run; a cancelled run leaves
// whole batches and resumes; of two concurrent runs one waits; validation
// catches a row changed in the cloud between transfer and validation.

#include "cloudimporter.h"
#include "importvalidator.h"
#include "legacyreader.h"
#include "legacysource.h"
#include "legacyvalues.h"
#include "migrationrunner.h"
#include "migrationtesthelpers.h"
#include "scratchdatabase.h"
#include "testpostgres.h"

#include "cloud/cloudschema.h"
#include "cloud/connectionconfig.h"
#include "cloud/pgconnection.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace MigrationTest;

namespace {

ConnectionConfig configFor(const ScratchDatabase &cloud)
{
    QString error;
    const std::optional<ConnectionConfig> config = ConnectionConfig::parse(cloud.connectionString(), &error);
    return config.value_or(ConnectionConfig());
}

// Options for an in-process run of source into cloud, 30 todos a batch, that
// asks to cancel once 60 todos are in (cancel: the flag it reads).
MigrationRunner::Options cancellingRun(const QString &source, const ScratchDatabase &cloud,
                                       std::atomic<bool> *cancel)
{
    MigrationRunner::Options options;
    options.sourcePath = source;
    options.connection = configFor(cloud);
    options.batchSize = 30;
    options.leaseSeconds = 1;
    options.cancel = cancel;
    options.progress = [cancel](qint64 done, qint64, double) {
        if (done >= 60)
            cancel->store(true);
    };
    return options;
}

} // namespace

class MigrateResumeTest : public QObject
{
    Q_OBJECT

private:
    QStringList m_reference; // the cloud after an uninterrupted run of v2

    QStringList cleanRun(const TestPostgres::Server &server)
    {
        ScratchDatabase cloud(server);
        QTemporaryDir dir;
        const QString source = copyFixture(u"todo_app_local_v2.db"_s, dir.path());
        if (runMigrate({source, u"--to"_s, cloud.connectionString(), u"--yes"_s, u"--batch"_s, u"50"_s}).exitCode != 0)
            return {};
        QSqlDatabase db = cloud.connection(u"reference"_s);
        db.open();
        const QStringList dump = dumpCloud(db);
        db.close();
        return dump;
    }

private slots:
    void killedRunResumesToTheSameEndState_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::newRow("after batch 1") << u"after-batch:1"_s;
        QTest::newRow("inside batch 2") << u"in-batch:2"_s;
        QTest::newRow("after batch 5") << u"after-batch:5"_s;
        QTest::newRow("after the last batch") << u"after-batch:8"_s;
    }

    void killedRunResumesToTheSameEndState()
    {
        QFETCH(QString, fault);
        TANDEM_REQUIRE_POSTGRES(server);
        if (m_reference.isEmpty())
            m_reference = cleanRun(server);
        QVERIFY(!m_reference.isEmpty());
        QCOMPARE(m_reference.filter(u"todo|"_s).size(), 400);

        ScratchDatabase cloud(server);
        QVERIFY(cloud.isValid());
        QTemporaryDir dir;
        const QString source = copyFixture(u"todo_app_local_v2.db"_s, dir.path());
        const QStringList args{source, u"--to"_s, cloud.connectionString(), u"--yes"_s, u"--batch"_s, u"50"_s};
        const Run killed = runMigrate(args, {{u"TANDEM_MIGRATE_FAULT"_s, fault}});
        QVERIFY2(killed.crashed, qPrintable(killed.out + killed.err));

        QSqlDatabase db = cloud.connection(u"killed-"_s + QString::fromLatin1(QTest::currentDataTag()));
        QVERIFY(db.open());
        QCOMPARE(scalar(db, u"SELECT count(*) FROM tandem.legacy_imports WHERE status = 'validated'"_s), qint64(0));
        const qint64 partial = scalar(db, u"SELECT count(*) FROM tandem.todos"_s);
        QVERIFY(partial % 50 == 0 && partial < 400 + 1);

        // The dead run's lease runs out after a second; the rerun takes over.
        const Run resumed = runMigrate(args, {{u"TANDEM_MIGRATE_LEASE_SECONDS"_s, u"1"_s}});
        QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.out + resumed.err));
        QCOMPARE(dumpCloud(db), m_reference);
        db.close();
    }

    void cancelledRunKeepsWholeBatchesAndResumes()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server);
        QVERIFY(cloud.isValid());
        QTemporaryDir dir;
        const QString source = copyFixture(u"todo_app_local_v2.db"_s, dir.path());
        std::atomic<bool> cancel{false};
        MigrationRunner::Options options = cancellingRun(source, cloud, &cancel);
        const MigrationReport cancelled = MigrationRunner::run(options);
        QCOMPARE(cancelled.exitCode, int(MigrationRunner::Failed));
        QCOMPARE(cancelled.status, u"cancelled"_s);
        QVERIFY2(cancelled.message.contains(u"resumes"_s), qPrintable(cancelled.message));

        QSqlDatabase db = cloud.connection(u"cancel"_s);
        QVERIFY(db.open());
        // Whole batches: the two in flight when it was cancelled commit.
        const qint64 partial = scalar(db, u"SELECT count(*) FROM tandem.todos"_s);
        QVERIFY2(partial >= 60 && partial < 400 && partial % 30 == 0, qPrintable(QString::number(partial)));
        QCOMPARE(scalar(db, u"SELECT todos_done FROM tandem.legacy_imports"_s), partial);

        cancel.store(false);
        options.progress = {};
        const MigrationReport resumed = MigrationRunner::run(options);
        QCOMPARE(resumed.exitCode, int(MigrationRunner::Migrated));
        QCOMPARE(scalar(db, u"SELECT count(*) FROM tandem.todos"_s), qint64(400));
        QCOMPARE(scalar(db, u"SELECT count(*) FROM tandem.legacy_imports WHERE status = 'validated'"_s), qint64(1));
        db.close();
    }

    void resumeFindsTheImportsTodosWhereverTheyWereMoved()
    {
        // A run stops half way; the desktop syncs the partial Imported list
        // and its person drags a todo to another list. The resumed run must
        // count that todo as there (by its id, not its list) instead of
        // sending it again.
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server);
        QVERIFY(cloud.isValid());
        QTemporaryDir dir;
        const QString source = copyFixture(u"todo_app_local_v2.db"_s, dir.path());
        std::atomic<bool> cancel{false};
        MigrationRunner::Options options = cancellingRun(source, cloud, &cancel);
        QCOMPARE(MigrationRunner::run(options).status, u"cancelled"_s);

        QSqlDatabase db = cloud.connection(u"moved"_s);
        QVERIFY(db.open());
        const qint64 moved = scalar(db, u"SELECT min(legacy_id) FROM tandem.todos"_s);
        QSqlQuery move(db);
        QVERIFY2(move.exec(u"INSERT INTO tandem.lists (id, name) VALUES ('6d1c9a2e-0b55-4f35-9a43-5d0c7a0b1e21',"
                           " 'Elsewhere')"_s),
                 qPrintable(move.lastError().text()));
        QVERIFY(move.exec(u"UPDATE tandem.todos SET list_id = '6d1c9a2e-0b55-4f35-9a43-5d0c7a0b1e21' WHERE legacy_id = "_s
                          + QString::number(moved)));

        cancel.store(false);
        options.progress = {};
        const MigrationReport resumed = MigrationRunner::run(options);
        // Every todo arrived once: the moved one was not sent again (it
        // used to fail the batch on its primary key, on every run). Moving
        // it stamped its updated_at, so validation names it, and only it.
        QCOMPARE(scalar(db, u"SELECT count(*) FROM tandem.todos"_s), qint64(400));
        QCOMPARE(resumed.mismatches,
                 QStringList{u"todo %1: the cloud's values differ from the legacy row's"_s.arg(moved)});
        QCOMPARE(scalar(db, u"SELECT count(*) FROM tandem.todos WHERE list_id = '6d1c9a2e-0b55-4f35-9a43-5d0c7a0b1e21'"_s),
                 qint64(1));
        db.close();
    }

    void interruptedCommandStopsBetweenBatchesAndResumes()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server);
        QVERIFY(cloud.isValid());
        QTemporaryDir dir;
        const QString source = copyFixture(u"todo_app_local_v2.db"_s, dir.path());
        const QStringList args{source, u"--to"_s, cloud.connectionString(), u"--yes"_s, u"--batch"_s, u"4"_s,
                               u"--progress"_s};
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"TANDEM_MIGRATE_FAULT"_s, u"delay:20"_s);
        process.setProcessEnvironment(env);
        process.setReadChannel(QProcess::StandardError); // what waitForReadyRead() waits for
        process.start(QStringLiteral(TANDEM_MIGRATE_PATH), args);
        QByteArray err;
        // SIGTERM (like Ctrl-C) once the first batches are in.
        while (!err.contains(" / 400 todos") && process.state() != QProcess::NotRunning) {
            process.waitForReadyRead(5000);
            err += process.readAllStandardError();
        }
        process.terminate();
        QVERIFY(process.waitForFinished(30000));
        err += process.readAllStandardError();
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 1);
        QVERIFY2(err.contains("cancelled after"), err.constData());

        QSqlDatabase db = cloud.connection(u"interrupted"_s);
        QVERIFY(db.open());
        const qint64 partial = scalar(db, u"SELECT count(*) FROM tandem.todos"_s);
        QVERIFY(partial > 0 && partial < 400);
        QCOMPARE(partial % 4, qint64(0));
        QCOMPARE(scalar(db, u"SELECT todos_done FROM tandem.legacy_imports"_s), partial);
        // The lease was given back: the next run starts at once and finishes.
        const Run resumed = runMigrate(args);
        QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.out + resumed.err));
        QCOMPARE(scalar(db, u"SELECT count(*) FROM tandem.todos"_s), qint64(400));
        db.close();
    }

    void twoConcurrentRunsOneWaitsForTheOther()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server);
        QVERIFY(cloud.isValid());
        {
            // Schema first, so both runs race on the import itself.
            QSqlDatabase admin = cloud.connection(u"concurrent-setup"_s);
            PgConnection pg(admin);
            QVERIFY(pg.open());
            QVERIFY(CloudSchema::ensure(pg).usable());
        }
        QSqlDatabase::removeDatabase(u"concurrent-setup"_s);
        // The same file in two places: the same fingerprint.
        QTemporaryDir a, b;
        const QString first = copyFixture(u"todo_app_local_v2.db"_s, a.path());
        const QString second = copyFixture(u"todo_app_local_v2.db"_s, b.path());
        QList<QProcess *> processes;
        for (const QString &source : {first, second}) {
            auto *p = new QProcess(this);
            p->start(QStringLiteral(TANDEM_MIGRATE_PATH),
                     {source, u"--to"_s, cloud.connectionString(), u"--yes"_s, u"--batch"_s, u"20"_s});
            processes << p;
        }
        QList<int> codes;
        QString output;
        for (QProcess *p : processes) {
            QVERIFY(p->waitForFinished(60000));
            codes << p->exitCode();
            output += QString::fromUtf8(p->readAllStandardOutput() + p->readAllStandardError());
            delete p;
        }
        std::sort(codes.begin(), codes.end());
        QVERIFY2(codes == (QList<int>{0, 4}), qPrintable(output));
        QSqlDatabase db = cloud.connection(u"concurrent"_s);
        QVERIFY(db.open());
        QCOMPARE(scalar(db, u"SELECT count(*) FROM tandem.todos"_s), qint64(400));
        QCOMPARE(scalar(db, u"SELECT count(*) FROM tandem.lists"_s), qint64(1));
        QCOMPARE(scalar(db, u"SELECT count(*) FROM tandem.legacy_imports WHERE status = 'validated'"_s), qint64(1));
        db.close();
    }

    // A lane of a run whose network vanished mid-batch holds the import's
    // lock (shared) until the server notices. A new run's claim waits five
    // seconds at most, says busy, and keeps trying until the lock is free.
    void runWaitsForALockHeldByABatchInFlight()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server);
        QVERIFY(cloud.isValid());
        QTemporaryDir dir;
        const QString source = copyFixture(u"todo_app_local_v2.db"_s, dir.path());
        const QString report = dir.filePath(u"preview.json"_s);
        QProcess preview;
        preview.start(QStringLiteral(TANDEM_MIGRATE_PATH), {source, u"--dry-run"_s, u"--json"_s, report});
        QVERIFY(preview.waitForFinished(30000));
        QFile json(report);
        QVERIFY(json.open(QIODevice::ReadOnly));
        const QString fingerprint = QJsonDocument::fromJson(json.readAll()).object().value(u"fingerprint"_s).toString();
        QVERIFY(!fingerprint.isEmpty());

        QSqlDatabase qdb = cloud.connection(u"lock-holder"_s);
        PgConnection holder(qdb);
        QVERIFY(holder.open());
        QVERIFY(CloudSchema::ensure(holder).usable());
        QVERIFY(holder.begin());
        QVERIFY(holder.run(u"SELECT pg_advisory_xact_lock_shared(tandem.legacy_import_lock_key($1))"_s, {fingerprint}));

        QProcess run;
        run.start(QStringLiteral(TANDEM_MIGRATE_PATH), {source, u"--to"_s, cloud.connectionString(), u"--yes"_s});
        QVERIFY(run.waitForStarted());
        // Past one claim's five seconds: still waiting, and saying so.
        QVERIFY(!run.waitForFinished(6500));
        QVERIFY(holder.commit());
        QVERIFY(run.waitForFinished(30000));
        const QString output = QString::fromUtf8(run.readAllStandardOutput() + run.readAllStandardError());
        QCOMPARE(run.exitCode(), 0);
        QVERIFY2(output.contains(u"waiting for it"_s), qPrintable(output));
        QCOMPARE(holder.exec(u"SELECT count(*) FROM tandem.todos"_s).int64(0, 0), 400);
        holder.close();
    }

    void validationCatchesARowChangedInTheCloud()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server);
        QVERIFY(cloud.isValid());
        QTemporaryDir dir;
        const QString source = copyFixture(u"todo_app_local_v2.db"_s, dir.path());
        const QString backup = dir.filePath(u"backup.db"_s);
        QString error;
        QVERIFY2(LegacySource::backup(source, backup, &error), qPrintable(error));
        QSqlDatabase qdb = cloud.connection(u"validate-engine"_s);
        PgConnection pg(qdb);
        QVERIFY(pg.open());
        QVERIFY(CloudSchema::ensure(pg).usable());
        MigrationPlan plan;
        QList<MappedTodo> todos;
        QVERIFY2(LegacyReader::readAll(backup, 2, 0, CloudImporter::currentUser(pg, &error), &plan, &todos, &error),
                 qPrintable(error));
        LegacyReader reader(backup, 2, 0);
        MigrationPlan scanned;
        QVERIFY2(reader.scan(&scanned, &error), qPrintable(error));
        LegacyReader::assignIds(&scanned, plan.owner);
        QCOMPARE(scanned.fingerprint, plan.fingerprint);
        CloudImporter importer(pg);
        CloudImporter::Options options;
        options.batchSize = 100;
        QString message;
        QCOMPARE(importer.transfer(scanned, reader, options, &message), CloudImporter::Outcome::Transferred);

        // Between transfer and validation someone edits two rows, removes
        // one and takes a tag off a fourth.
        const MappedTodo *tagged = nullptr;
        for (const MappedTodo &todo : std::as_const(todos)) {
            if (todo.legacyId > 9 && !todo.tags.isEmpty()) {
                tagged = &todo;
                break;
            }
        }
        QVERIFY(tagged);
        QVERIFY(pg.run(u"UPDATE tandem.todos SET title = title || '!' WHERE legacy_id = 7"_s));
        QVERIFY(pg.run(u"UPDATE tandem.todos SET created_at = created_at + interval '1 microsecond'"
                       " WHERE legacy_id = 8"_s));
        QVERIFY(pg.run(u"UPDATE tandem.todos SET deleted_at = now() WHERE legacy_id = 9"_s));
        QVERIFY(pg.run(u"DELETE FROM tandem.todo_tags WHERE todo_id = $1"_s,
                       {tagged->id.toString(QUuid::WithoutBraces)}));
        ImportValidator::Result result = ImportValidator::validate(pg, plan, importer.runId());
        QVERIFY(!result.ok);
        QCOMPARE(result.mismatches.size(), 4);
        QVERIFY(result.mismatches.at(0).startsWith(u"todo 7: the cloud's values"_s));
        QVERIFY(result.mismatches.at(1).startsWith(u"todo 8: the cloud's values"_s));
        QVERIFY(result.mismatches.at(2).startsWith(u"todo 9: missing"_s));
        QVERIFY2(result.mismatches.at(3).startsWith(u"todo %1: the cloud's tags"_s.arg(tagged->legacyId)),
                 qPrintable(result.mismatches.at(3)));
        QCOMPARE(pg.exec(u"SELECT status FROM tandem.legacy_imports"_s).text(0, 0), u"transferred"_s);

        // Put right, it validates. The server stamps updated_at on every
        // change a writer does not date itself, so the repair dates it.
        for (const MappedTodo &todo : std::as_const(todos)) {
            if (todo.legacyId < 7 || todo.legacyId > 9)
                continue;
            QVERIFY(pg.run(u"UPDATE tandem.todos SET title = $2, created_at = $3::timestamptz,"
                           " updated_at = $4::timestamptz, deleted_at = NULL WHERE legacy_id = $1"_s,
                           {todo.legacyId, todo.title, LegacyValues::formatMicros(todo.createdUs),
                            LegacyValues::formatMicros(todo.updatedUs)}));
        }
        QVERIFY(pg.run(u"UPDATE tandem.todo_tags SET deleted_at = NULL WHERE todo_id = $1"_s,
                       {tagged->id.toString(QUuid::WithoutBraces)}));
        // A run that no longer holds the import does not mark it, even
        // when everything matches.
        result = ImportValidator::validate(pg, plan, QUuid::createUuid().toString(QUuid::WithoutBraces));
        QVERIFY(!result.ok);
        QVERIFY2(result.error.contains(u"another run"_s), qPrintable(result.error));
        QCOMPARE(pg.exec(u"SELECT status FROM tandem.legacy_imports"_s).text(0, 0), u"transferred"_s);
        result = ImportValidator::validate(pg, plan, importer.runId());
        QVERIFY2(result.ok, qPrintable(result.mismatches.join(u"; "_s) + result.error));
        QCOMPARE(pg.exec(u"SELECT status FROM tandem.legacy_imports"_s).text(0, 0), u"validated"_s);
        pg.close();
    }
};

QTEST_GUILESS_MAIN(MigrateResumeTest)
#include "migrateresumetest.moc"
