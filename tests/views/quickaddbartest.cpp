#include "widgets/quickaddbar.h"

#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

const QDate kToday(2026, 11, 23); // a Monday

} // namespace

class QuickAddBarTest : public QObject
{
    Q_OBJECT

private:
    // A shown, active bar with a fixed today, its input focused, and what it submits.
    struct Bar
    {
        QWidget window;
        QuickAddBar *bar = new QuickAddBar(&window);
        QLineEdit *input = bar->findChild<QLineEdit *>(u"quickAddInput"_s);
        QLabel *preview = bar->findChild<QLabel *>(u"quickAddPreview"_s);
        QSignalSpy spy{bar, &QuickAddBar::submitted};
        QList<QuickAddResult> results;

        Bar()
        {
            auto *layout = new QVBoxLayout(&window);
            layout->addWidget(bar);
            bar->setToday(kToday);
            bar->setListNames([] { return QStringList{u"Inbox"_s, u"Home"_s, u"Side project"_s}; });
            QObject::connect(bar, &QuickAddBar::submitted, bar,
                             [this](const QuickAddResult &result) { results << result; });
        }
        [[nodiscard]] bool show()
        {
            window.show();
            window.activateWindow();
            if (!QTest::qWaitForWindowActive(&window))
                return false;
            bar->focusInput();
            return input && preview && input->hasFocus();
        }
    };

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QLocale::setDefault(QLocale::c());
    }

    void shouldPreviewWhatItUnderstands_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("preview"); // empty: hidden
        QTest::newRow("title only") << u"Call Sam"_s << QString();
        QTest::newRow("date, priority, tag") << u"Call Sam tomorrow !high #work"_s
                                             << u"Due tomorrow \u00B7 High priority \u00B7 #work"_s;
        // Without seconds, though the C locale's short time format has them.
        QTest::newRow("time") << u"Standup at 9:30"_s << u"Due today at 09:30"_s;
        QTest::newRow("list") << u"Pay rent @home"_s << u"List: Home"_s;
        QTest::newRow("list with a space") << u"Plan @Side project"_s << u"List: Side project"_s;
        QTest::newRow("new list") << u"Report @Work"_s << u"New list: Work"_s;
        QTest::newRow("not a date") << u"Pay 2026-02-30"_s << u"Not understood as a date: “2026-02-30”"_s;
        QTest::newRow("month name") << u"Party Dec 15"_s << u"Due Tue 15 Dec 2026"_s;
        QTest::newRow("quoted words stay") << u"\"meet today\" notes"_s << QString();
    }

    void shouldPreviewWhatItUnderstands()
    {
        QFETCH(QString, typed);
        QFETCH(QString, preview);
        Bar b;
        QVERIFY(b.show());
        QVERIFY(!b.preview->isVisible());
        QTest::keyClicks(b.input, typed);
        QCOMPARE(b.preview->text(), preview);
        QCOMPARE(b.preview->isVisible(), !preview.isEmpty());
        QCOMPARE(b.spy.count(), 0);

        // Deleting the text takes the preview away again.
        QTest::keyClick(b.input, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClick(b.input, Qt::Key_Backspace);
        QCOMPARE(b.preview->text(), QString());
        QVERIFY(!b.preview->isVisible());
    }

    void shouldSubmitOnEnter_data()
    {
        QTest::addColumn<Qt::Key>("key");
        QTest::newRow("Return") << Qt::Key_Return;
        QTest::newRow("Enter") << Qt::Key_Enter;
    }

    void shouldSubmitOnEnter()
    {
        QFETCH(Qt::Key, key);
        Bar b;
        QVERIFY(b.show());
        QTest::keyClicks(b.input, u"Call  Sam friday 3pm !!! #work #Work @Office"_s);
        QVERIFY(b.preview->isVisible());
        QTest::keyClick(b.input, key);

        QCOMPARE(b.spy.count(), 1);
        const QuickAddResult result = b.results.first();
        QCOMPARE(result.title, u"Call Sam"_s);
        QCOMPARE(result.dueDate, std::optional(QDate(2026, 11, 27)));
        QCOMPARE(result.dueTime, std::optional(QTime(15, 0)));
        QCOMPARE(result.priority, Priority::High);
        QCOMPARE(result.tags, QStringList{u"work"_s});
        QCOMPARE(result.listName, u"Office"_s);
        QVERIFY(result.listIsNew);
        QCOMPARE(b.input->text(), QString());
        QVERIFY(!b.preview->isVisible());
        QVERIFY(b.input->hasFocus()); // ready for the next one

        QTest::keyClicks(b.input, u"Second"_s);
        QTest::keyClick(b.input, key);
        QCOMPARE(b.spy.count(), 2);
        QCOMPARE(b.results.at(1).title, u"Second"_s);
        QCOMPARE(b.results.at(1).dueDate, std::nullopt);
    }

    void shouldClearAndLeaveOnEscape()
    {
        Bar b;
        auto *elsewhere = new QLineEdit(&b.window);
        b.window.layout()->addWidget(elsewhere);
        connect(b.bar, &QuickAddBar::leaveRequested, elsewhere, [elsewhere] { elsewhere->setFocus(); });
        QVERIFY(b.show());
        QTest::keyClicks(b.input, u"Half a thought tomorrow"_s);
        QVERIFY(b.preview->isVisible());
        QTest::keyClick(b.input, Qt::Key_Escape);
        QCOMPARE(b.input->text(), QString());
        QVERIFY(!b.preview->isVisible());
        QCOMPARE(b.spy.count(), 0);
        QVERIFY(elsewhere->hasFocus());
        QVERIFY(elsewhere->text().isEmpty());

        // On an empty line it leaves too.
        b.bar->focusInput();
        QVERIFY(b.input->hasFocus());
        QTest::keyClick(b.input, Qt::Key_Escape);
        QVERIFY(elsewhere->hasFocus());
        QCOMPARE(b.spy.count(), 0);
    }

    void shouldNotSubmitWithoutATitle_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::newRow("empty") << QString();
        QTest::newRow("spaces") << u"    "_s;
        QTest::newRow("only tokens") << u"tomorrow !high #work"_s;
        QTest::newRow("empty quotes") << u"\"\" today"_s;
    }

    void shouldNotSubmitWithoutATitle()
    {
        QFETCH(QString, typed);
        Bar b;
        QVERIFY(b.show());
        QTest::keyClicks(b.input, typed);
        QTest::keyClick(b.input, Qt::Key_Return);
        QCOMPARE(b.spy.count(), 0);
        QCOMPARE(b.input->text(), typed); // kept, so it can be finished
    }
};

QTEST_MAIN(QuickAddBarTest)
#include "quickaddbartest.moc"
