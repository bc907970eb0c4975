#pragma once

#include <QByteArray>
#include <QString>
#include <QtGlobal>

#include <memory>

class TcpProxyThread;
class TcpProxyWorker;

// A TCP proxy on 127.0.0.1 for fault injection in the sync tests: a client
// (libpq) connects to port() and every connection is forwarded to the target
// server, which must be on this machine too (the proxy refuses any other).
//
// It runs in its own thread, so it keeps forwarding while the test's thread
// sits blocked in libpq. Every method may be called from any thread.
//
//   TcpProxy proxy(u"127.0.0.1"_s, server.port);
//   proxy.setLatencyMs(25);                 // each chunk waits 25 ms each way
//   proxy.armCut({"tandem.push", -1, 1});   // lose the answer of the next push
//   proxy.cutAll();                         // drop every connection now
//   proxy.setRefuse(true);                  // new connections are closed at once
//   proxy.setBlackhole(true);               // nothing goes through, nothing closes
class TcpProxy
{
public:
    // What to cut: once the client sent clientMarker (at once when empty),
    // the connection that carries the next bytes is closed after clientBytes
    // more bytes went to the server (0: the marker itself never arrives), or
    // after serverBytes more bytes went to the client, whichever comes first
    // (-1: no limit that way). After `times` cuts the rule is spent.
    struct CutRule
    {
        QByteArray clientMarker;
        qint64 clientBytes = -1;
        qint64 serverBytes = -1;
        int times = 1;
    };

    TcpProxy(const QString &targetHost, quint16 targetPort);
    ~TcpProxy();
    TcpProxy(const TcpProxy &) = delete;
    TcpProxy &operator=(const TcpProxy &) = delete;

    bool isListening() const;
    QString host() const;
    quint16 port() const;

    // Delays every chunk by oneWayMs in both directions (round trip ≈ 2×).
    void setLatencyMs(int oneWayMs);
    // When on, new connections are accepted and closed straight away.
    void setRefuse(bool refuse);
    // When on, nothing more is read from either side, on open and new
    // connections, and nothing is closed: a server that vanished without a
    // reset. The kernel acknowledges bytes until its buffers are full, then
    // the window stays closed, so tcp_user_timeout can end a large write.
    void setBlackhole(bool on);
    // Closes every open connection now, dropping what is in flight.
    void cutAll();
    // Closes the connection that carries the n-th next byte from the server.
    void cutAfterServerBytes(qint64 n);
    void armCut(const CutRule &rule);
    // Forgets the cut rule (the network heals); open connections stay.
    void disarm();

    int cutsDone() const;           // connections closed by a rule or cutAll()
    int acceptedConnections() const;
    int refusedConnections() const;
    int openConnections() const;
    // Client turns: how often the client sent data after data from the server
    // had reached it. One request/answer exchange counts one.
    qint64 roundTrips() const;
    qint64 bytesToServer() const;
    qint64 bytesToClient() const;

private:
    TcpProxyWorker *worker() const;

    std::unique_ptr<TcpProxyThread> m_thread;
};
