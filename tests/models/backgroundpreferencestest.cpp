// Keep running in the background: stored, and the first close told once.

#include "reminders/backgroundpreferences.h"

#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

class BackgroundPreferencesTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"tandem-test"_s);
        QCoreApplication::setApplicationName(u"backgroundpreferencestest"_s);
    }
    void init() { QSettings().clear(); }

    void shouldNotKeepRunningUnlessAsked()
    {
        QVERIFY(!BackgroundPreferences::keepRunning());
        BackgroundPreferences::setKeepRunning(true);
        QVERIFY(BackgroundPreferences::keepRunning());
        BackgroundPreferences::setKeepRunning(false);
        QVERIFY(!BackgroundPreferences::keepRunning());
    }

    void shouldTellAboutTheFirstCloseOnlyOnce()
    {
        QVERIFY(BackgroundPreferences::takeFirstCloseNotice());
        QVERIFY(!BackgroundPreferences::takeFirstCloseNotice());
        QVERIFY(!BackgroundPreferences::takeFirstCloseNotice());
    }
};

QTEST_GUILESS_MAIN(BackgroundPreferencesTest)
#include "backgroundpreferencestest.moc"
