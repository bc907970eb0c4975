#pragma once

#include <QtGlobal>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

// A server that is there and never answers: a TCP port on 127.0.0.1 that
// listens but never accepts. The kernel completes a client's handshake and
// queues it, so libpq connects, sends its startup packet and then waits for
// an answer that never comes (for ever, without a connect_timeout).
class BlackholePort
{
public:
    BlackholePort()
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        if (m_fd < 0 || ::bind(m_fd, reinterpret_cast<sockaddr *>(&address), length) != 0
            || ::listen(m_fd, 16) != 0
            || ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&address), &length) != 0) {
            close();
            return;
        }
        m_port = ntohs(address.sin_port);
    }
    ~BlackholePort() { close(); }
    BlackholePort(const BlackholePort &) = delete;
    BlackholePort &operator=(const BlackholePort &) = delete;

    bool isListening() const { return m_fd >= 0; }
    quint16 port() const { return m_port; }

    // A client reached the port and waits in the queue nobody accepts from.
    bool hasWaitingClient() const
    {
        pollfd waiting{m_fd, POLLIN, 0};
        return m_fd >= 0 && ::poll(&waiting, 1, 0) == 1 && (waiting.revents & POLLIN);
    }

    // Stops listening: the queued clients are reset, so their connection
    // attempts fail at once.
    void close()
    {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
    }

private:
    int m_fd = -1;
    quint16 m_port = 0;
};
