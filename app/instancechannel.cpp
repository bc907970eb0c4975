#include "instancechannel.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcInstance, "tandem.instance")

namespace {
// A server name becomes a file name under the runtime or temp folder: short, no slashes.
constexpr int kHashChars = 16;
} // namespace

QString InstanceChannel::showMessage()
{
    return u"show"_s;
}

QString InstanceChannel::quickAddMessage()
{
    return u"quick-add"_s;
}

InstanceChannel::InstanceChannel(const QString &serverName, QObject *parent)
    : QObject(parent)
    , m_name(serverName)
    , m_server(new QLocalServer(this))
{
    // Only this user may connect.
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    connect(m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket *socket = m_server->nextPendingConnection()) {
            connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QLocalSocket::readyRead, this, [this, socket] { readFrom(socket); });
            if (socket->bytesAvailable() > 0)
                readFrom(socket);
        }
    });
}

InstanceChannel::~InstanceChannel() = default;

QString InstanceChannel::serverNameFor(const QString &databasePath)
{
    const QString user = qEnvironmentVariable("USER", qEnvironmentVariable("LOGNAME"));
    const QString file = QFileInfo(databasePath).absoluteFilePath();
    const QByteArray hash = QCryptographicHash::hash((user + u'\n' + file).toUtf8(), QCryptographicHash::Sha256);
    return u"tandem-"_s + QString::fromLatin1(hash.toHex().left(kHashChars));
}

bool InstanceChannel::sendToRunning(const QString &message) const
{
    QLocalSocket socket;
    socket.connectToServer(m_name);
    if (!socket.waitForConnected(kConnectTimeoutMs))
        return false;
    socket.write(message.toUtf8() + '\n');
    if (!socket.waitForBytesWritten(kConnectTimeoutMs))
        return false;
    socket.disconnectFromServer();
    return true;
}

bool InstanceChannel::listen()
{
    if (m_server->isListening())
        return true;
    // Asked first: with socket options set, QLocalServer makes the socket
    // elsewhere and renames it over an existing one, so listen() alone
    // would take the name from a live instance.
    QLocalSocket probe;
    probe.connectToServer(m_name);
    if (probe.waitForConnected(kConnectTimeoutMs))
        return false;
    // Nobody answers: a file left by a crashed instance, or none.
    if (QLocalServer::removeServer(m_name))
        qCInfo(lcInstance) << "no instance answers on" << m_name << "; taking the name over";
    if (!m_server->listen(m_name)) {
        qCWarning(lcInstance) << "cannot listen on" << m_name << ":" << m_server->errorString();
        return false;
    }
    return true;
}

bool InstanceChannel::isListening() const
{
    return m_server->isListening();
}

void InstanceChannel::readFrom(QLocalSocket *socket)
{
    while (socket->canReadLine()) {
        const QString message = QString::fromUtf8(socket->readLine()).trimmed();
        if (message.isEmpty())
            continue;
        qCInfo(lcInstance) << "another start asks to" << message;
        Q_EMIT messageReceived(message);
    }
}
