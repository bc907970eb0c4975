#include "tcpproxy.h"

#include "tcpproxyworker.h"

#include <QHostAddress>
#include <QSemaphore>
#include <QThread>

#include <algorithm>

using namespace Qt::StringLiterals;

// The proxy's thread: the worker lives on its stack, so it is made and
// destroyed in the thread that uses its sockets.
class TcpProxyThread : public QThread
{
public:
    TcpProxyThread(const QHostAddress &target, quint16 targetPort)
        : m_target(target)
        , m_targetPort(targetPort)
    {
    }

    TcpProxyWorker *worker = nullptr;
    bool listening = false;
    quint16 port = 0;
    QSemaphore ready;

protected:
    void run() override
    {
        TcpProxyWorker local(m_target, m_targetPort);
        worker = &local;
        listening = local.listen();
        port = local.port();
        ready.release();
        exec();
        worker = nullptr;
    }

private:
    QHostAddress m_target;
    quint16 m_targetPort;
};

TcpProxy::TcpProxy(const QString &targetHost, quint16 targetPort)
{
    const QHostAddress target = targetHost == u"localhost"_s ? QHostAddress(QHostAddress::LocalHost)
                                                             : QHostAddress(targetHost);
    if (!target.isLoopback()) {
        qWarning("TcpProxy only forwards to this machine, not to %s", qPrintable(targetHost));
        return;
    }
    m_thread = std::make_unique<TcpProxyThread>(target, targetPort);
    m_thread->start();
    m_thread->ready.acquire();
}

TcpProxy::~TcpProxy()
{
    if (m_thread) {
        m_thread->quit();
        m_thread->wait();
    }
}

TcpProxyWorker *TcpProxy::worker() const
{
    return m_thread ? m_thread->worker : nullptr;
}

bool TcpProxy::isListening() const
{
    return m_thread && m_thread->listening;
}

QString TcpProxy::host() const
{
    return u"127.0.0.1"_s;
}

quint16 TcpProxy::port() const
{
    return m_thread ? m_thread->port : 0;
}

void TcpProxy::setLatencyMs(int oneWayMs)
{
    if (TcpProxyWorker *w = worker())
        w->latencyMs = std::max(0, oneWayMs);
}

void TcpProxy::setRefuse(bool refuse)
{
    if (TcpProxyWorker *w = worker())
        w->refuse = refuse;
}

void TcpProxy::setBlackhole(bool on)
{
    if (TcpProxyWorker *w = worker())
        w->blackhole = on;
}

void TcpProxy::cutAll()
{
    if (TcpProxyWorker *w = worker())
        QMetaObject::invokeMethod(w, [w] { w->cutAll(); }, Qt::BlockingQueuedConnection);
}

void TcpProxy::cutAfterServerBytes(qint64 n)
{
    armCut({{}, -1, n, 1});
}

void TcpProxy::armCut(const CutRule &rule)
{
    if (TcpProxyWorker *w = worker())
        QMetaObject::invokeMethod(w, [w, rule] { w->arm(rule); }, Qt::BlockingQueuedConnection);
}

void TcpProxy::disarm()
{
    if (TcpProxyWorker *w = worker())
        QMetaObject::invokeMethod(w, [w] { w->disarm(); }, Qt::BlockingQueuedConnection);
}

// Counters, safe to read from any thread.
int TcpProxy::cutsDone() const { return worker() ? worker()->cuts.load() : 0; }
int TcpProxy::acceptedConnections() const { return worker() ? worker()->accepted.load() : 0; }
int TcpProxy::refusedConnections() const { return worker() ? worker()->refused.load() : 0; }
int TcpProxy::openConnections() const { return worker() ? worker()->open.load() : 0; }
qint64 TcpProxy::roundTrips() const { return worker() ? worker()->roundTrips.load() : 0; }
qint64 TcpProxy::bytesToServer() const { return worker() ? worker()->toServer.load() : 0; }
qint64 TcpProxy::bytesToClient() const { return worker() ? worker()->toClient.load() : 0; }
