#pragma once

#include <QObject>
#include <QString>

class QLocalServer;

// One Tandem per person and data folder. The first start listens on a local
// socket named after the user and the database file; a second start finds
// it, says what it was started for ("show" or "quick-add") and leaves.
//
// A socket file left by a crashed instance answers no connection: listen()
// then removes it (QLocalServer::removeServer) and takes the name over.
class InstanceChannel : public QObject
{
    Q_OBJECT
public:
    static constexpr int kConnectTimeoutMs = 1000;

    // What a second start asks of the first.
    static QString showMessage();
    static QString quickAddMessage();

    explicit InstanceChannel(const QString &serverName, QObject *parent = nullptr);
    ~InstanceChannel() override;

    // Per user and per database file: two data folders are two instances.
    static QString serverNameFor(const QString &databasePath);

    // Hands message to a running instance; false when none answers.
    bool sendToRunning(const QString &message) const;
    // Becomes the running instance; false when another one already is, or
    // the socket cannot be made.
    bool listen();
    bool isListening() const;
    QString serverName() const { return m_name; }

Q_SIGNALS:
    void messageReceived(const QString &message);

private:
    void readFrom(class QLocalSocket *socket);

    QString m_name;
    QLocalServer *m_server;
};
