// "Open at login": the XDG autostart entry written and removed under the
// (test mode) config folder, and what it runs.

#include "reminders/autostartentry.h"

#include <QFile>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

class AutostartEntryTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void cleanup() { QFile::remove(AutostartEntry(u"app.tandem.Tandem"_s, u"tandem"_s).filePath()); }

    void shouldLiveUnderTheConfigAutostartFolder()
    {
        const AutostartEntry entry(u"app.tandem.Tandem"_s, u"tandem"_s);
        QCOMPARE(entry.filePath(), QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
                                       + u"/autostart/app.tandem.Tandem.desktop"_s);
    }

    void shouldWriteAnEntryThatStartsInTheBackground()
    {
        const AutostartEntry entry(u"app.tandem.Tandem"_s, u"tandem"_s);
        QVERIFY(!entry.isEnabled());
        QVERIFY(entry.setEnabled(true));
        QVERIFY(entry.isEnabled());
        QFile file(entry.filePath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        QVERIFY(text.startsWith(u"[Desktop Entry]\n"_s));
        QVERIFY2(text.contains(u"\nExec=tandem --background\n"_s), qPrintable(text));
        QVERIFY(text.contains(u"\nType=Application\n"_s));
    }

    void shouldRemoveTheEntry()
    {
        const AutostartEntry entry(u"app.tandem.Tandem"_s, u"tandem"_s);
        QVERIFY(entry.setEnabled(true));
        QVERIFY(entry.setEnabled(false));
        QVERIFY(!QFile::exists(entry.filePath()));
        QVERIFY(entry.setEnabled(false)); // nothing to remove is fine
    }

    void shouldQuoteAProgramPathWithSpaces_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QString>("exec");
        QTest::newRow("plain") << u"/usr/bin/tandem"_s << u"Exec=/usr/bin/tandem --background"_s;
        QTest::newRow("space") << u"/opt/my apps/tandem"_s << u"Exec=\"/opt/my apps/tandem\" --background"_s;
        QTest::newRow("dollar") << u"/opt/$x/tandem"_s << u"Exec=\"/opt/\\$x/tandem\" --background"_s;
    }

    void shouldQuoteAProgramPathWithSpaces()
    {
        QFETCH(QString, program);
        QFETCH(QString, exec);
        QVERIFY(AutostartEntry(u"app.tandem.Tandem"_s, program).contents().contains(u'\n' + exec + u'\n'));
    }
};

QTEST_GUILESS_MAIN(AutostartEntryTest)
#include "autostartentrytest.moc"
