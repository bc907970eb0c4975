#include "connectionprobe.h"

#include "cloud/pgconnection.h"

#include <QAtomicInteger>
#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QThread>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

QAtomicInteger<int> probeCounter;

// Shorter secrets are not masked: every "abc" in a sentence would go.
constexpr qsizetype kMinMaskedSecretLength = 4;

// The safety net: libpq and the server do not echo passwords, but a message
// that did would still not show it.
QString masked(QString text, const QString &secret)
{
    if (secret.size() >= kMinMaskedSecretLength)
        text.replace(secret, u"***"_s);
    return text;
}

} // namespace

ConnectionProbe::ConnectionProbe(const ConnectionConfig &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
{
    qRegisterMetaType<ConnectionProbeResult>();
}

void ConnectionProbe::start(const ConnectionConfig &config, QObject *context, Callback done)
{
    auto *probe = new ConnectionProbe(config);
    auto *thread = new QThread;
    thread->setObjectName(u"ConnectionProbe"_s);
    probe->moveToThread(thread);
    // Connected before the thread starts, so no result can slip by.
    connect(probe, &ConnectionProbe::finished, context, std::move(done), Qt::QueuedConnection);
    connect(thread, &QThread::started, probe, [probe] { Q_EMIT probe->finished(probe->run()); });
    connect(probe, &ConnectionProbe::finished, thread, &QThread::quit);
    connect(thread, &QThread::finished, probe, &QObject::deleteLater);
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
}

ConnectionProbeResult ConnectionProbe::run()
{
    ConnectionConfig config = m_config;
    if (config.connectTimeoutSeconds <= 0)
        config.connectTimeoutSeconds = kDefaultConnectTimeoutSeconds;

    ConnectionProbeResult result;
    const QString name = u"tandem-connection-probe-%1"_s.arg(probeCounter.fetchAndAddRelaxed(1));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, name);
        config.applyTo(db);
        PgConnection pg(db);
        // Classified by SQLSTATE and libpq's status, never by the (translated) text.
        auto fail = [&](const QString &serverMessage, const SyncResult &classified) {
            result.error = classified.error;
            result.message = masked(classified.message, config.password);
            result.detail = masked(serverMessage.section(u'\n', 0, 0).trimmed(), config.password);
        };
        if (!db.isValid()) {
            const QString missing = tr("The QPSQL driver is not installed.");
            fail(missing, SyncResult::classify(missing, {}, false));
        } else if (!pg.open()) {
            fail(pg.lastError(), SyncResult::classify(pg));
        } else {
            result.serverVersion = pg.serverVersion();
            result.tls = pg.sslInUse();
            QList<double> times;
            for (int i = 0; i < kPings; ++i) {
                QElapsedTimer timer;
                timer.start();
                const PgResult answer = pg.exec(u"SELECT 1"_s);
                const double ms = double(timer.nsecsElapsed()) / 1e6;
                if (!answer.ok()) {
                    fail(answer.errorMessage(), SyncResult::classify(answer.errorMessage(), answer.sqlState(), !pg.isHealthy()));
                    break;
                }
                times << ms;
            }
            if (times.size() == kPings) {
                std::sort(times.begin(), times.end());
                result.roundTripMs = times.at(kPings / 2);
                result.ok = true;
            }
        }
        pg.close();
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}
