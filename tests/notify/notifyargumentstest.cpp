// The Notify call's arguments, without a bus: what depends on the server's
// capabilities (actions, markup), and the types the spec asks for.

#include "notify/notifyarguments.h"

#include <QDir>
#include <QFileInfo>
#include <QTest>

using namespace Qt::StringLiterals;

class NotifyArgumentsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldSendActionsOnlyToServersThatShowThem_data();
    void shouldSendActionsOnlyToServersThatShowThem();
    void shouldEscapeBodyOnlyWhereServerReadsMarkup();
    void shouldSendUrgencyAsByteAndDesktopEntry();
    void shouldNameDesktopFileThatIsInstalled();
};

void NotifyArgumentsTest::shouldSendActionsOnlyToServersThatShowThem_data()
{
    QTest::addColumn<QStringList>("capabilities");
    QTest::addColumn<QStringList>("actions");
    QTest::newRow("with actions") << QStringList {u"actions"_s, u"body"_s}
                                  << QStringList {u"default"_s, u"Open"_s, u"done"_s, u"Done"_s,
                                         u"snooze"_s, u"Snooze 10 min"_s};
    QTest::newRow("without") << QStringList {u"body"_s} << QStringList {};
}

void NotifyArgumentsTest::shouldSendActionsOnlyToServersThatShowThem()
{
    QFETCH(QStringList, capabilities);
    QFETCH(QStringList, actions);
    Notification notification;
    notification.key = u"r"_s;
    notification.summary = u"Pay rent"_s;
    const QVariantList arguments = NotifyArguments::build(notification, 7, capabilities);
    QCOMPARE(arguments.size(), 8);
    QCOMPARE(arguments.at(0).toString(), u"Tandem"_s);
    QCOMPARE(arguments.at(1).metaType(), QMetaType::fromType<uint>());
    QCOMPARE(arguments.at(1).toUInt(), 7u);
    QCOMPARE(arguments.at(3).toString(), u"Pay rent"_s);
    QCOMPARE(arguments.at(5).toStringList(), actions);
    QCOMPARE(arguments.at(7).metaType(), QMetaType::fromType<int>());
}

void NotifyArgumentsTest::shouldEscapeBodyOnlyWhereServerReadsMarkup()
{
    Notification notification;
    notification.body = u"Milk & <eggs>"_s;
    QCOMPARE(NotifyArguments::build(notification, 0, {u"body-markup"_s}).at(4).toString(),
        u"Milk &amp; &lt;eggs&gt;"_s);
    QCOMPARE(NotifyArguments::build(notification, 0, {}).at(4).toString(), u"Milk & <eggs>"_s);
}

void NotifyArgumentsTest::shouldSendUrgencyAsByteAndDesktopEntry()
{
    Notification notification;
    notification.urgency = Notification::Urgency::Critical;
    const QVariantMap hints = NotifyArguments::build(notification, 0, {}).at(6).toMap();
    QCOMPARE(hints.value(u"urgency"_s).metaType(), QMetaType::fromType<uchar>());
    QCOMPARE(hints.value(u"urgency"_s).value<uchar>(), uchar(2));
    QCOMPARE(hints.value(u"desktop-entry"_s).toString(), u"app.tandem.Tandem"_s);
    QCOMPARE(hints.value(u"category"_s).toString(), u"x-tandem.reminder"_s);
}

void NotifyArgumentsTest::shouldNameDesktopFileThatIsInstalled()
{
    // The hint "desktop-entry" is the .desktop file's name without the
    // suffix; the server finds the app's name and icon by it.
    const QDir resources(QStringLiteral(TANDEM_RESOURCES_DIR));
    QVERIFY(QFileInfo::exists(resources.filePath(NotifyArguments::desktopEntry() + u".desktop"_s)));
}

QTEST_GUILESS_MAIN(NotifyArgumentsTest)
#include "notifyargumentstest.moc"
