#include "migrationworker.h"

#include <QThread>

using namespace Qt::StringLiterals;

MigrationWorker::MigrationWorker(const MigrationRunner::Options &options)
    : m_options(options)
{
    qRegisterMetaType<MigrationReport>();
}

void MigrationWorker::start()
{
    // No event loop: the thread ends when the run returns. The worker stays
    // in this thread, so its deleteLater() needs no loop on the other one.
    QThread *thread = QThread::create([this] { run(); });
    thread->setObjectName(u"migrationThread"_s);
    connect(thread, &QThread::finished, this, &QObject::deleteLater);
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
}

void MigrationWorker::run()
{
    MigrationRunner::Options options = m_options;
    options.cancel = &m_cancel;
    options.progress = [this](qint64 done, qint64 total, double seconds) {
        Q_EMIT progressed(done, total, seconds);
    };
    const MigrationReport report = MigrationRunner::run(options);
    Q_EMIT finished(report);
}
