// The tray menu, Preferences and a second start's requests, driven on the
// real widgets: the window made on demand under --background, the quick-add
// line focused, reminders paused, and closing the window leaving Tandem
// running (and saying so once) when the person chose it.

#include "appshell.h"
#include "instancechannel.h"
#include "notify/notifier.h"
#include "notify/trayfallback.h"
#include "operations/reminderoperations.h"
#include "operations/todooperations.h"
#include "reminders/autostartentry.h"
#include "reminders/backgroundpreferences.h"
#include "reminders/reminderscheduler.h"
#include "reminderservice.h"
#include "storefixture.h"
#include "trayicon.h"
#include "widgets/mainwindow.h"
#include "widgets/preferencesdialog.h"
#include "widgets/quickaddbar.h"
#include "widgets/todolistview.h"
#include "windowhost.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDBusConnection>
#include <QDialogButtonBox>
#include <QFile>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>
#include <QUuid>

#include <functional>
#include <memory>

using namespace Qt::StringLiterals;

namespace {
// Everything main() makes, on a scratch database, without sync and without a bus.
struct App
{
    explicit App(bool background)
        : notifier(QDBusConnection::connectToBus(u"unix:path=/nonexistent"_s, u"none"_s))
        , windows(data.database.get(), data.store.get(), nullptr, {})
        , reminders(data.store.get(), &notifier, new ReminderScheduler(data.store.get()))
        , channel(u"tandem-test-"_s + QUuid::createUuid().toString(QUuid::Id128).left(12))
        , shell(&windows, &tray, &notifier, &reminders, &channel, background)
    {
        channel.listen();
        reminders.start();
    }

    StoreFixture data;
    Notifier notifier;
    TrayIcon tray;
    WindowHost windows;
    ReminderService reminders;
    InstanceChannel channel;
    AppShell shell;
};
} // namespace

class AppShellTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QLocale::setDefault(QLocale::c());
        QCoreApplication::setOrganizationName(u"tandem-tests"_s);
        QGuiApplication::setDesktopFileName(u"app.tandem.Tandem"_s);
    }
    void init()
    {
        QSettings().clear();
        QFile::remove(autostart().filePath());
    }

    void shouldStartWithoutWindowInTheBackground()
    {
        App app(true);
        QVERIFY(!app.windows.window());
        QVERIFY(!QApplication::quitOnLastWindowClosed());
        QVERIFY(app.reminders.scheduler()->isRunning());
    }

    void shouldShowTheWindowFromTheTray()
    {
        App app(true);
        app.tray.showAction()->trigger();
        QVERIFY(app.windows.window());
        QVERIFY(QTest::qWaitForWindowExposed(app.windows.window()));
    }

    void shouldFocusQuickAddFromTheTray()
    {
        App app(true);
        app.tray.quickAddAction()->trigger();
        MainWindow *window = app.windows.window();
        QVERIFY(window);
        QVERIFY(QTest::qWaitForWindowActive(window));
        QTRY_VERIFY(window->quickAddBar()->isAncestorOf(QApplication::focusWidget()));
    }

    void shouldPauseRemindersForAnHour()
    {
        App app(true);
        app.tray.pauseAction()->trigger();
        QVERIFY(!app.reminders.scheduler()->isRunning());
        QVERIFY(app.reminders.isPaused());
        QVERIFY(!app.tray.pauseAction()->isEnabled());
    }

    void shouldDoWhatASecondStartAsks_data()
    {
        QTest::addColumn<QString>("message");
        QTest::addColumn<bool>("quickAddFocused");
        QTest::newRow("tandem") << InstanceChannel::showMessage() << false;
        QTest::newRow("tandem --quick-add") << InstanceChannel::quickAddMessage() << true;
    }

    void shouldDoWhatASecondStartAsks()
    {
        QFETCH(QString, message);
        QFETCH(bool, quickAddFocused);
        App app(true);
        QVERIFY(InstanceChannel(app.channel.serverName()).sendToRunning(message));
        QTRY_VERIFY(app.windows.window() && app.windows.window()->isVisible());
        if (quickAddFocused) {
            QVERIFY(QTest::qWaitForWindowActive(app.windows.window()));
            QTRY_VERIFY(app.windows.window()->quickAddBar()->isAncestorOf(QApplication::focusWidget()));
        }
    }

    void shouldOpenTheWindowOnTheTodoOfAClickedReminder()
    {
        App app(true);
        app.tray.show();
        QSignalSpy routed(&app.notifier, &Notifier::routed);
        const Todo todo = app.data.addTodo(u"Book the train"_s);
        const Reminder reminder = Reminder::atInstant(todo.id, Timestamp::now() + 200 * Timestamp::kMicrosPerMilli);
        QVERIFY(TodoOperations::apply(*app.data.store, ReminderOperations::add(*app.data.store, {reminder})));
        // No service on this bus: the tray's balloon shows it, and a click on it is Open.
        QTRY_COMPARE_WITH_TIMEOUT(routed.size(), 1, 5000);
        QVERIFY(!app.windows.window());
        Q_EMIT app.notifier.tray()->actionInvoked(reminder.id, Notification::Action::Open);
        QVERIFY(app.windows.window());
        QVERIFY(app.windows.window()->isVisible());
        QCOMPARE(app.windows.window()->todoList()->selectedIds(), QStringList{todo.id});
    }

    void shouldKeepRunningAfterCloseWhenChosenAndSaySoOnce()
    {
        App app(false);
        app.shell.showWindow();
        MainWindow *window = app.windows.window();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        QVERIFY(QApplication::quitOnLastWindowClosed());

        bool wasChecked = true;
        QVERIFY(runPreferences(window, [&wasChecked](PreferencesDialog *dialog) {
            wasChecked = dialog->keepRunningBox()->isChecked();
            QTest::mouseClick(dialog->keepRunningBox(), Qt::LeftButton, {}, QPoint(5, 5));
            clickOk(dialog);
        }));
        QVERIFY(!wasChecked);
        QVERIFY(BackgroundPreferences::keepRunning());
        QVERIFY(!QApplication::quitOnLastWindowClosed());

        QSignalSpy told(&app.shell, &AppShell::toldKeepsRunning);
        QVERIFY(window->close());
        QCOMPARE(told.size(), 1);
        app.tray.showAction()->trigger();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        QVERIFY(window->close());
        QCOMPARE(told.size(), 1); // only the first close says it
    }

    void shouldWriteAndRemoveTheAutostartEntry()
    {
        App app(false);
        app.shell.showWindow();
        for (const bool enabled : {true, false}) {
            bool wasChecked = enabled;
            QVERIFY(runPreferences(app.windows.window(), [&wasChecked](PreferencesDialog *dialog) {
                wasChecked = dialog->openAtLoginBox()->isChecked();
                QTest::mouseClick(dialog->openAtLoginBox(), Qt::LeftButton, {}, QPoint(5, 5));
                clickOk(dialog);
            }));
            QCOMPARE(wasChecked, !enabled);
            QCOMPARE(QFile::exists(autostart().filePath()), enabled);
        }
    }

private:
    static AutostartEntry autostart()
    {
        return AutostartEntry(u"app.tandem.Tandem"_s, QCoreApplication::applicationFilePath());
    }

    // File > Preferences… (Ctrl+,) runs the modal dialog until it closes, so
    // `drive` acts on it from the event loop; false when it never opened.
    static bool runPreferences(MainWindow *window, const std::function<void(PreferencesDialog *)> &drive)
    {
        QAction *action = window->findChild<QAction *>(u"actionPreferences"_s);
        if (!action || action->shortcut() != QKeySequence(u"Ctrl+,"_s))
            return false;
        bool driven = false;
        QTimer::singleShot(0, window, [&] {
            if (auto *dialog = qobject_cast<PreferencesDialog *>(QApplication::activeModalWidget())) {
                drive(dialog);
                driven = true;
            }
        });
        action->trigger();
        return driven;
    }

    static void clickOk(PreferencesDialog *dialog)
    {
        auto *buttons = dialog->findChild<QDialogButtonBox *>();
        QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
    }
};

QTEST_MAIN(AppShellTest)
#include "appshelltest.moc"
