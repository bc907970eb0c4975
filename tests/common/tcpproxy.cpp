#include "tcpproxy.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QList>
#include <QSemaphore>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <deque>
#include <optional>

using namespace Qt::StringLiterals;

class TcpProxyWorker;

namespace {

// What travels one way through a connection, in order: data, then maybe the
// end of the stream (Close: orderly, after what came before) or a cut.
struct Item
{
    enum class Kind { Data, Close, Cut };
    qint64 due = 0;
    Kind kind = Kind::Data;
    QByteArray data;
};

// One client connection and its connection to the server. Lives in the
// proxy's thread; owns both sockets and timers as children.
class Pair : public QObject
{
public:
    Pair(TcpProxyWorker *worker, QTcpSocket *client);
    void cut();

private:
    struct Direction
    {
        QTcpSocket *to = nullptr;
        std::deque<Item> queue;
        QTimer *timer = nullptr;
        qint64 lastDue = 0;
    };

    void take(bool fromClient);
    void enqueue(Direction &direction, Item::Kind kind, const QByteArray &data = {});
    void pump(Direction &direction);
    void finish(bool abruptly = false);

    TcpProxyWorker *m_worker;
    QTcpSocket *m_client;
    QTcpSocket *m_server;
    Direction m_up;   // client -> server
    Direction m_down; // server -> client
    QByteArray m_tail; // the client's last bytes, for a marker split across chunks
    bool m_serverSpoke = false;
    bool m_serverConnected = false;
    bool m_ending = false; // no more data is taken in
    bool m_done = false;   // closed; waiting to be deleted
};

} // namespace

class TcpProxyWorker : public QObject
{
public:
    TcpProxyWorker(const QHostAddress &target, quint16 targetPort)
        : m_target(target)
        , m_targetPort(targetPort)
    {
        m_clock.start();
        QObject::connect(&m_listener, &QTcpServer::newConnection, this, [this] { accept(); });
    }
    ~TcpProxyWorker() override
    {
        m_listener.close();
        const QList<Pair *> pairs = m_pairs;
        qDeleteAll(pairs);
    }

    bool listen() { return m_listener.listen(QHostAddress::LocalHost, 0); }
    quint16 port() const { return m_listener.serverPort(); }
    qint64 now() const { return m_clock.elapsed(); }

    void arm(const TcpProxy::CutRule &rule)
    {
        m_rule = rule;
        rearm();
    }
    void disarm() { m_rule.reset(); }
    void cutAll()
    {
        const QList<Pair *> pairs = m_pairs;
        for (Pair *pair : pairs) {
            ++cuts;
            pair->cut();
        }
    }
    void forget(Pair *pair)
    {
        m_pairs.removeAll(pair);
        open = int(m_pairs.size());
    }

    // The marker rule for a chunk from the client: where the marker starts in
    // it (-1: not there, or no marker is awaited).
    qsizetype markerIn(const QByteArray &tail, const QByteArray &chunk, QByteArray *newTail)
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

    // How many of count bytes may go on before the cut (-1: no cut in them).
    qint64 spend(bool toServer, qint64 count)
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
    QHostAddress target() const { return m_target; }
    quint16 targetPort() const { return m_targetPort; }

private:
    void accept()
    {
        while (QTcpSocket *socket = m_listener.nextPendingConnection()) {
            if (refuse) {
                ++refused;
                socket->abort();
                socket->deleteLater();
                continue;
            }
            ++accepted;
            m_pairs << new Pair(this, socket);
            open = int(m_pairs.size());
        }
    }

    void ruleFired()
    {
        ++cuts;
        if (--m_rule->times <= 0)
            m_rule.reset();
        else
            rearm();
    }

    void rearm()
    {
        m_triggered = m_rule->clientMarker.isEmpty();
        m_clientLeft = m_triggered ? m_rule->clientBytes : -1;
        m_serverLeft = m_triggered ? m_rule->serverBytes : -1;
    }

    QTcpServer m_listener;
    QHostAddress m_target;
    quint16 m_targetPort;
    QElapsedTimer m_clock;
    QList<Pair *> m_pairs;
    std::optional<TcpProxy::CutRule> m_rule;
    bool m_triggered = false;
    qint64 m_clientLeft = -1;
    qint64 m_serverLeft = -1;
};

Pair::Pair(TcpProxyWorker *worker, QTcpSocket *client)
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

void Pair::take(bool fromClient)
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

void Pair::enqueue(Direction &direction, Item::Kind kind, const QByteArray &data)
{
    const qint64 due = std::max(m_worker->now() + m_worker->latencyMs.load(), direction.lastDue);
    direction.lastDue = due;
    direction.queue.push_back(Item{due, kind, data});
    pump(direction);
}

void Pair::pump(Direction &direction)
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

void Pair::cut()
{
    finish(true);
}

void Pair::finish(bool abruptly)
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
