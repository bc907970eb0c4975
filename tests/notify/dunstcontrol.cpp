#include "dunstcontrol.h"

#include <QDBusArgument>
#include <QDBusMessage>
#include <QDBusVariant>
#include <QDir>
#include <QFile>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QString kService = u"org.freedesktop.Notifications"_s;
const QString kPath = u"/org/freedesktop/Notifications"_s;
const QString kDunst = u"org.dunstproject.cmd0"_s;

constexpr int kMenuAttempts = 20;
constexpr int kMenuWaitMs = 500;
constexpr int kMenuPollMs = 20;

} // namespace

DunstControl::DunstControl(const QDBusConnection &bus)
    : m_bus(bus)
    , m_dir(qEnvironmentVariable("TANDEM_TEST_NOTIFY_DIR"))
{ }

bool DunstControl::call(const QString &method, const QVariantList &arguments) const
{
    QDBusMessage message = QDBusMessage::createMethodCall(kService, kPath, kDunst, method);
    message.setArguments(arguments);
    const QDBusMessage reply = m_bus.call(message);
    m_lastError = reply.type() == QDBusMessage::ErrorMessage ? reply.errorMessage() : QString();
    return m_lastError.isEmpty();
}

QList<QVariantMap> DunstControl::history() const
{
    const QDBusMessage reply = m_bus.call(
        QDBusMessage::createMethodCall(kService, kPath, kDunst, u"NotificationListHistory"_s));
    QList<QVariantMap> notifications;
    if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().isEmpty()) {
        m_lastError = reply.errorMessage();
        return notifications;
    }
    reply.arguments().constFirst().value<QDBusArgument>() >> notifications;
    return notifications;
}

uint DunstControl::displayedCount() const
{
    QDBusMessage message = QDBusMessage::createMethodCall(
        kService, kPath, u"org.freedesktop.DBus.Properties"_s, u"Get"_s);
    message.setArguments({kDunst, u"displayedLength"_s});
    const QDBusMessage reply = m_bus.call(message);
    if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().isEmpty()) {
        m_lastError = reply.errorMessage();
        return 0;
    }
    return reply.arguments().constFirst().value<QDBusVariant>().variant().toUInt();
}

bool DunstControl::closeAll() const
{
    return call(u"NotificationCloseAll"_s);
}

bool DunstControl::closeLast() const
{
    return call(u"NotificationCloseLast"_s);
}

bool DunstControl::invokeDefaultAction(uint position) const
{
    return call(u"NotificationAction"_s, {position});
}

bool DunstControl::openActionMenu() const
{
    // dunst refuses a menu while the last one is still being wound up (for
    // 50 ms after the menu program exits), and says nothing about it: call
    // again until the menu program has run.
    for (int attempt = 0; attempt < kMenuAttempts; ++attempt) {
        clearMenuInput();
        if (!call(u"ContextMenuCall"_s))
            return false;
        for (int waited = 0; waited < kMenuWaitMs; waited += kMenuPollMs) {
            if (QFile::exists(QDir(m_dir).filePath(u"menu-input"_s)))
                return true;
            QTest::qWait(kMenuPollMs);
        }
    }
    m_lastError = u"dunst did not open its action menu"_s;
    return false;
}

void DunstControl::pick(const QString &summary, const QString &actionKey) const
{
    QFile file(QDir(m_dir).filePath(u"pick"_s));
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        file.write((summary + u'\n' + actionKey + u'\n').toUtf8());
}

void DunstControl::clearPick() const
{
    QFile::remove(QDir(m_dir).filePath(u"pick"_s));
}

QString DunstControl::menuInput() const
{
    QFile file(QDir(m_dir).filePath(u"menu-input"_s));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

void DunstControl::clearMenuInput() const
{
    QFile::remove(QDir(m_dir).filePath(u"menu-input"_s));
}
