#include "quickadd/quickaddparser.h"

#include <QLocale>
#include <QObject>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// A Sunday.
const QDate kToday(2026, 11, 22);

const QStringList kLists{u"Inbox"_s, u"Shopping"_s, u"Side"_s, u"Side project"_s, u"Home"_s};

} // namespace

// What the preview under the quick-add line says: only what will happen.
// An @list that exists is named as it is; one that does not is created, and
// the preview says so; times read without seconds.
class QuickAddDescribeTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // describe() uses the default locale for day and month names.
    void init() { QLocale::setDefault(QLocale::c()); }

    void shouldDescribeWhatWasUnderstood_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("description");

        QTest::newRow("date, priority and tags") << u"Report 2026-11-24 !high #work #home"_s
                                                 << u"Due Tue 24 Nov 2026 · High priority · #work #home"_s;
        QTest::newRow("today") << u"Pay rent today"_s << u"Due today"_s;
        QTest::newRow("tomorrow") << u"Pay rent tomorrow"_s << u"Due tomorrow"_s;
        QTest::newRow("weekday") << u"Gym friday"_s << u"Due Fri 27 Nov 2026"_s;
        QTest::newRow("past date") << u"Old 2020-01-01"_s << u"Due Wed 1 Jan 2020"_s;
        // The C locale's short time format has seconds; a due never does.
        QTest::newRow("time today") << u"Call 15:30"_s << u"Due today at 15:30"_s;
        QTest::newRow("time tomorrow") << u"Call tomorrow 3pm"_s << u"Due tomorrow at 15:00"_s;
        QTest::newRow("date and time") << u"Party 2026-12-24 18:00"_s << u"Due Thu 24 Dec 2026 at 18:00"_s;
        QTest::newRow("low") << u"Fix !low"_s << u"Low priority"_s;
        QTest::newRow("medium") << u"Fix !2"_s << u"Medium priority"_s;
        QTest::newRow("high") << u"Fix !!!"_s << u"High priority"_s;
        QTest::newRow("list and tag") << u"Milk @Shopping #dairy"_s << u"List: Shopping · #dairy"_s;
        QTest::newRow("list in another case") << u"Milk @shopping"_s << u"List: Shopping"_s;
        QTest::newRow("a new list") << u"Report @Work"_s << u"New list: Work"_s;
        QTest::newRow("everything") << u"Milk tomorrow !1 @Shopping #a #b"_s
                                    << u"Due tomorrow · Low priority · List: Shopping · #a #b"_s;
        QTest::newRow("placeholders in the title") << u"%1 %2 #tag"_s << u"#tag"_s;
        QTest::newRow("only tokens") << u"!high"_s << u"High priority"_s;
        QTest::newRow("not a date") << u"Pay 2026-02-30"_s << u"Not understood as a date: “2026-02-30”"_s;
        QTest::newRow("two, after what was understood")
            << u"Pay tomorrow 2026/1/1 31.02. !high"_s
            << u"Due tomorrow · High priority · Not understood as a date: “2026/1/1”, “31.02.”"_s;
        QTest::newRow("not a time") << u"Call at 25:00"_s << u"Not understood as a time: “at 25:00”"_s;
    }

    void shouldDescribeWhatWasUnderstood()
    {
        QFETCH(QString, text);
        QFETCH(QString, description);
        QCOMPARE(QuickAddParser::describe(QuickAddParser::parse(text, kToday, kLists), kToday), description);
    }

    void shouldDescribeNothingForPlainTitle()
    {
        QCOMPARE(QuickAddParser::describe(QuickAddResult(), kToday), QString());
        QCOMPARE(QuickAddParser::describe(QuickAddParser::parse(u"Buy milk"_s, kToday), kToday), QString());
        QCOMPARE(QuickAddParser::describe(QuickAddParser::parse(u"\"today !high\""_s, kToday), kToday), QString());
        QCOMPARE(QuickAddParser::describe(QuickAddParser::parse(QString(), kToday), kToday), QString());
    }

    void shouldMatchTheLongestListThatExists_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("listName");
        QTest::addColumn<bool>("isNew");

        QTest::newRow("a name with a space") << u"Plan @Side project"_s << u"Plan"_s << u"Side project"_s << false;
        QTest::newRow("any case, then more title")
            << u"@side PROJECT write the plan"_s << u"write the plan"_s << u"Side project"_s << false;
        QTest::newRow("the shorter one when the longer does not follow")
            << u"Plan @Side quest"_s << u"Plan quest"_s << u"Side"_s << false;
        QTest::newRow("no such list: one word, new") << u"Plan @Work stuff"_s << u"Plan stuff"_s << u"Work"_s
                                                     << true;
        QTest::newRow("the last one wins") << u"@Home Plan @Side project"_s << u"Plan"_s << u"Side project"_s
                                           << false;
        QTest::newRow("the inbox by its name") << u"Plan @inbox"_s << u"Plan"_s << u"Inbox"_s << false;
        QTest::newRow("quoted words are not part of it")
            << u"Plan @Side \"project\""_s << u"Plan project"_s << u"Side"_s << false;
        QTest::newRow("an email address is no list") << u"Mail bob@example.com"_s << u"Mail bob@example.com"_s
                                                     << QString() << false;
    }

    void shouldMatchTheLongestListThatExists()
    {
        QFETCH(QString, text);
        QFETCH(QString, title);
        QFETCH(QString, listName);
        QFETCH(bool, isNew);
        const QuickAddResult result = QuickAddParser::parse(text, kToday, kLists);
        QCOMPARE(result.title, title);
        QCOMPARE(result.listName, listName);
        QCOMPARE(result.listIsNew, isNew);
    }
};

QTEST_GUILESS_MAIN(QuickAddDescribeTest)

#include "quickadddescribetest.moc"
