#include "migrationworker.h"

MigrationWorker::MigrationWorker(const MigrationRunner::Options &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
{
    qRegisterMetaType<MigrationReport>();
}

void MigrationWorker::start()
{
    MigrationRunner::Options options = m_options;
    options.cancel = &m_cancel;
    options.progress = [this](qint64 done, qint64 total, double seconds) {
        Q_EMIT progressed(done, total, seconds);
    };
    const MigrationReport report = MigrationRunner::run(options);
    Q_EMIT finished(report);
}
