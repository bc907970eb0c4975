#include "tcpproxypair.h"

#include "tcpproxyworker.h"

#include <QTcpSocket>
#include <QTimer>

#include <algorithm>

TcpProxyPair::TcpProxyPair(TcpProxyWorker *worker, QTcpSocket *client)
    : QObject(worker)
    , m_worker(worker)
    , m_client(client)
    , m_server(new QTcpSocket(this))
{
    m_client->setParent(this);
    m_client->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_up.to = m_server;
    m_down.to = m_client;
    for (Direction *direction : {&m_up, &m_down}) {
        direction->timer = new QTimer(this);
        direction->timer->setSingleShot(true);
        connect(direction->timer, &QTimer::timeout, this, [this, direction] { pump(*direction); });
    }
    connect(m_client, &QTcpSocket::readyRead, this, [this] { take(true); });
    connect(m_server, &QTcpSocket::readyRead, this, [this] { take(false); });
    connect(m_client, &QTcpSocket::disconnected, this, [this] {
        take(true);
        enqueue(m_up, Item::Kind::Close);
    });
    connect(m_server, &QTcpSocket::disconnected, this, [this] {
        take(false);
        enqueue(m_down, Item::Kind::Close);
    });
    connect(m_server, &QTcpSocket::connected, this, [this] {
        m_serverConnected = true;
        m_server->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        pump(m_up);
    });
    connect(m_server, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        if (!m_serverConnected)
            finish(); // the server cannot be reached: neither can the proxy
    });
    m_server->connectToHost(m_worker->target(), m_worker->targetPort());
}

void TcpProxyPair::take(bool fromClient)
{
    QTcpSocket *source = fromClient ? m_client : m_server;
    Direction &direction = fromClient ? m_up : m_down;
    if (m_worker->blackhole) {
        // Read nothing more: the bytes stay in the kernel until its buffers
        // are full and the window closes, as when packets are dropped.
        source->setReadBufferSize(1);
        return;
    }
    if (source->readBufferSize() != 0)
        source->setReadBufferSize(0);
    const QByteArray chunk = m_ending ? QByteArray() : source->readAll();
    if (chunk.isEmpty())
        return;
    (fromClient ? m_worker->toServer : m_worker->toClient) += chunk.size();
    if (fromClient && m_serverSpoke) {
        ++m_worker->roundTrips;
        m_serverSpoke = false;
    }
    qsizetype markerAt = -1;
    if (fromClient) {
        QByteArray tail;
        markerAt = m_worker->markerIn(m_tail, chunk, &tail);
        m_tail = tail;
    }
    // Bytes of the chunk that may still go before the cut; -1: no cut in it.
    qint64 allowed = m_worker->spend(fromClient, chunk.size() - std::max<qsizetype>(markerAt, 0));
    if (allowed >= 0 && markerAt > 0)
        allowed += markerAt;
    if (allowed < 0) {
        enqueue(direction, Item::Kind::Data, chunk);
        return;
    }
    if (allowed > 0)
        enqueue(direction, Item::Kind::Data, chunk.left(allowed));
    enqueue(direction, Item::Kind::Cut);
    m_ending = true;
}

void TcpProxyPair::enqueue(Direction &direction, Item::Kind kind, const QByteArray &data)
{
    const qint64 due = std::max(m_worker->now() + m_worker->latencyMs.load(), direction.lastDue);
    direction.lastDue = due;
    direction.queue.push_back(Item{due, kind, data});
    pump(direction);
}

void TcpProxyPair::pump(Direction &direction)
{
    while (!direction.queue.empty()) {
        const Item &head = direction.queue.front();
        const qint64 wait = head.due - m_worker->now();
        if (wait > 0) {
            direction.timer->start(int(wait));
            return;
        }
        if (head.kind == Item::Kind::Cut) {
            cut();
            return;
        }
        if (head.kind == Item::Kind::Close) {
            direction.to->disconnectFromHost();
            finish();
            return;
        }
        if (direction.to->state() != QAbstractSocket::ConnectedState)
            return; // the server is still connecting; "connected" pumps again
        direction.to->write(head.data);
        if (&direction == &m_down)
            m_serverSpoke = true;
        direction.queue.pop_front();
    }
}

void TcpProxyPair::cut()
{
    finish(true);
}

void TcpProxyPair::finish(bool abruptly)
{
    if (m_done)
        return;
    m_done = m_ending = true;
    disconnect(m_client, nullptr, this, nullptr);
    disconnect(m_server, nullptr, this, nullptr);
    m_up.queue.clear();
    m_down.queue.clear();
    m_up.timer->stop();
    m_down.timer->stop();
    for (QTcpSocket *socket : {m_client, m_server}) {
        if (abruptly)
            socket->abort();
        else if (socket->state() != QAbstractSocket::UnconnectedState)
            socket->disconnectFromHost(); // after what is already written
    }
    m_worker->forget(this);
    deleteLater();
}
