#pragma once

#include "tcpproxy.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QTcpServer>

#include <atomic>
#include <optional>

class TcpProxyPair;

// The TcpProxy's listener and its cut rule, in the proxy's thread. It owns
// the open connection pairs; the counters and switches are atomic because
// TcpProxy reads and sets them from the test's thread.
class TcpProxyWorker : public QObject
{
public:
    TcpProxyWorker(const QHostAddress &target, quint16 targetPort);
    ~TcpProxyWorker() override;

    bool listen() { return m_listener.listen(QHostAddress::LocalHost, 0); }
    quint16 port() const { return m_listener.serverPort(); }
    qint64 now() const { return m_clock.elapsed(); }
    QHostAddress target() const { return m_target; }
    quint16 targetPort() const { return m_targetPort; }

    void arm(const TcpProxy::CutRule &rule);
    void disarm() { m_rule.reset(); }
    void cutAll();
    void forget(TcpProxyPair *pair);

    // The marker rule for a chunk from the client: where the marker starts in
    // it (-1: not there, or no marker is awaited).
    qsizetype markerIn(const QByteArray &tail, const QByteArray &chunk, QByteArray *newTail);
    // How many of count bytes may go on before the cut (-1: no cut in them).
    qint64 spend(bool toServer, qint64 count);

    std::atomic<int> latencyMs{0};
    std::atomic<bool> refuse{false};
    std::atomic<bool> blackhole{false};
    std::atomic<int> cuts{0};
    std::atomic<int> accepted{0};
    std::atomic<int> refused{0};
    std::atomic<int> open{0};
    std::atomic<qint64> roundTrips{0};
    std::atomic<qint64> toServer{0};
    std::atomic<qint64> toClient{0};

private:
    void accept();
    void ruleFired();
    void rearm();

    QTcpServer m_listener;
    QHostAddress m_target;
    quint16 m_targetPort;
    QElapsedTimer m_clock;
    QList<TcpProxyPair *> m_pairs;
    std::optional<TcpProxy::CutRule> m_rule;
    bool m_triggered = false;
    qint64 m_clientLeft = -1;
    qint64 m_serverLeft = -1;
};
