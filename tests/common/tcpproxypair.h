#pragma once

#include <QByteArray>
#include <QObject>

#include <deque>

class QTcpSocket;
class QTimer;
class TcpProxyWorker;

// One client connection of the TcpProxy and its connection to the server.
// Lives in the proxy's thread; owns both sockets and timers as children.
// The worker's cut rule decides where the bytes stop; the pair only carries
// them, each way with the worker's latency, and closes what it is told to.
class TcpProxyPair : public QObject
{
public:
    TcpProxyPair(TcpProxyWorker *worker, QTcpSocket *client);
    void cut();

private:
    // What travels one way through a connection, in order: data, then maybe
    // the end of the stream (Close: orderly, after what came before) or a cut.
    struct Item
    {
        enum class Kind { Data, Close, Cut };
        qint64 due = 0;
        Kind kind = Kind::Data;
        QByteArray data;
    };

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
