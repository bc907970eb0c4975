// The single instance's local socket, both ends in this process: a second
// start's message arrives, two data folders are two instances, and a socket
// left by a crashed instance is taken over.

#include "instancechannel.h"

#include <QFile>
#include <QLocalServer>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>

using namespace Qt::StringLiterals;

namespace {
QString uniqueName()
{
    return u"tandem-test-"_s + QUuid::createUuid().toString(QUuid::Id128).left(12);
}
} // namespace

class InstanceChannelTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldHandTheMessageToTheRunningInstance_data()
    {
        QTest::addColumn<QString>("message");
        QTest::newRow("show") << InstanceChannel::showMessage();
        QTest::newRow("quick add") << InstanceChannel::quickAddMessage();
    }

    void shouldHandTheMessageToTheRunningInstance()
    {
        QFETCH(QString, message);
        const QString name = uniqueName();
        InstanceChannel first(name);
        QVERIFY(!first.sendToRunning(message)); // nobody runs yet
        QVERIFY(first.listen());
        QSignalSpy received(&first, &InstanceChannel::messageReceived);

        InstanceChannel second(name);
        QVERIFY(second.sendToRunning(message));
        QVERIFY(!second.listen()); // the first one holds the name
        QTRY_COMPARE(received.size(), 1);
        QCOMPARE(received.first().first().toString(), message);
    }

    void shouldNameOneInstancePerDataFolder()
    {
        const QString a = InstanceChannel::serverNameFor(u"/home/a/one/tandem.db"_s);
        QCOMPARE(InstanceChannel::serverNameFor(u"/home/a/one/tandem.db"_s), a);
        QVERIFY(a != InstanceChannel::serverNameFor(u"/home/a/two/tandem.db"_s));
        QVERIFY(!a.contains(u'/'));
    }

    void shouldTakeOverTheSocketOfACrashedInstance()
    {
        const QString name = uniqueName();
        // A crash leaves the socket file: a server that stops listening
        // without removing it is what a killed process leaves behind.
        QLocalServer crashed;
        QVERIFY(crashed.listen(name));
        const QString path = crashed.fullServerName();
        crashed.close(); // removes the file: make one that stays
        QVERIFY(!QFile::exists(path));
        {
            // A socket file nobody accepts on.
            const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
            QVERIFY(fd >= 0);
            sockaddr_un address{};
            address.sun_family = AF_UNIX;
            const QByteArray encoded = QFile::encodeName(path);
            std::memcpy(address.sun_path, encoded.constData(), size_t(encoded.size()));
            QCOMPARE(::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)), 0);
            ::close(fd);
        }
        QVERIFY(QFile::exists(path));

        InstanceChannel next(name);
        QVERIFY(!next.sendToRunning(InstanceChannel::showMessage()));
        QVERIFY(next.listen());
        QSignalSpy received(&next, &InstanceChannel::messageReceived);
        QVERIFY(InstanceChannel(name).sendToRunning(InstanceChannel::showMessage()));
        QTRY_COMPARE(received.size(), 1);
    }
};

QTEST_GUILESS_MAIN(InstanceChannelTest)
#include "instancechanneltest.moc"
