#include "tcpproxyworker.h"

#include "tcpproxypair.h"

#include <QTcpSocket>

#include <algorithm>

TcpProxyWorker::TcpProxyWorker(const QHostAddress &target, quint16 targetPort)
    : m_target(target)
    , m_targetPort(targetPort)
{
    m_clock.start();
    QObject::connect(&m_listener, &QTcpServer::newConnection, this, [this] { accept(); });
}

TcpProxyWorker::~TcpProxyWorker()
{
    m_listener.close();
    const QList<TcpProxyPair *> pairs = m_pairs;
    qDeleteAll(pairs);
}

void TcpProxyWorker::arm(const TcpProxy::CutRule &rule)
{
    m_rule = rule;
    rearm();
}

void TcpProxyWorker::cutAll()
{
    const QList<TcpProxyPair *> pairs = m_pairs;
    for (TcpProxyPair *pair : pairs) {
        ++cuts;
        pair->cut();
    }
}

void TcpProxyWorker::forget(TcpProxyPair *pair)
{
    m_pairs.removeAll(pair);
    open = int(m_pairs.size());
}

qsizetype TcpProxyWorker::markerIn(const QByteArray &tail, const QByteArray &chunk, QByteArray *newTail)
{
    if (!m_rule || m_triggered || m_rule->clientMarker.isEmpty()) {
        newTail->clear();
        return -1;
    }
    const QByteArray marker = m_rule->clientMarker;
    const QByteArray haystack = tail + chunk;
    const qsizetype at = haystack.indexOf(marker);
    *newTail = haystack.right(marker.size() - 1);
    if (at < 0)
        return -1;
    m_triggered = true;
    m_clientLeft = m_rule->clientBytes;
    m_serverLeft = m_rule->serverBytes;
    newTail->clear();
    return std::max<qsizetype>(0, at - tail.size());
}

qint64 TcpProxyWorker::spend(bool toServer, qint64 count)
{
    if (!m_rule || !m_triggered)
        return -1;
    qint64 &left = toServer ? m_clientLeft : m_serverLeft;
    if (left < 0)
        return -1;
    if (count >= left) {
        const qint64 allowed = left;
        ruleFired();
        return allowed;
    }
    left -= count;
    return -1;
}

void TcpProxyWorker::accept()
{
    while (QTcpSocket *socket = m_listener.nextPendingConnection()) {
        if (refuse) {
            ++refused;
            socket->abort();
            socket->deleteLater();
            continue;
        }
        ++accepted;
        m_pairs << new TcpProxyPair(this, socket);
        open = int(m_pairs.size());
    }
}

void TcpProxyWorker::ruleFired()
{
    ++cuts;
    if (--m_rule->times <= 0)
        m_rule.reset();
    else
        rearm();
}

void TcpProxyWorker::rearm()
{
    m_triggered = m_rule->clientMarker.isEmpty();
    m_clientLeft = m_triggered ? m_rule->clientBytes : -1;
    m_serverLeft = m_triggered ? m_rule->serverBytes : -1;
}
