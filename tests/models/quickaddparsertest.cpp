#include "quickadd/quickaddparser.h"

#include <QLocale>
#include <QObject>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// A Sunday, so that "sunday" exercises the same-weekday rule.
const QDate kToday(2026, 11, 22);
const QDate kTomorrow(2026, 11, 23);

constexpr qsizetype kLongTextLength = 10000;

// What a row expects; fields left out mean "nothing recognised".
struct Expected
{
    QString title;
    QDate dueDate = {}; // invalid: no due date
    QTime dueTime = {}; // invalid: no due time
    Priority priority = Priority::None;
    QStringList tags = {};
    QString listName = {};
};

void addRow(const char *name, const QString &text, const Expected &expected)
{
    QTest::newRow(name) << text << expected.title << expected.dueDate << expected.dueTime
                        << static_cast<int>(expected.priority) << expected.tags
                        << expected.listName;
}

// The title stays as typed; nothing else is recognised.
void addUnchangedRow(const char *name, const QString &text)
{
    addRow(name, text, {.title = text});
}

} // namespace

class QuickAddParserTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void shouldRecogniseTokens_data();
    void shouldRecogniseTokens();
    void shouldBeEmptyWithoutTitle_data();
    void shouldBeEmptyWithoutTitle();
};

void QuickAddParserTest::initTestCase()
{
    QCOMPARE(kToday.dayOfWeek(), int(Qt::Sunday));
}

void QuickAddParserTest::init()
{
    // Month and weekday names come from the default locale too.
    QLocale::setDefault(QLocale::c());
}

void QuickAddParserTest::shouldRecogniseTokens_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QDate>("dueDate");
    QTest::addColumn<QTime>("dueTime");
    QTest::addColumn<int>("priority");
    QTest::addColumn<QStringList>("tags");
    QTest::addColumn<QString>("listName");

    // Plain titles
    addUnchangedRow("plain title", u"Buy milk"_s);
    addRow("whitespace collapsed", u"  Buy \t milk \n "_s, {.title = u"Buy milk"_s});
    addRow("unicode whitespace", u"\u3000Buy\u00A0milk\u3000"_s, {.title = u"Buy milk"_s});

    // Relative day keywords
    addRow("today", u"Pay rent today"_s, {.title = u"Pay rent"_s, .dueDate = kToday});
    addRow("tod", u"Pay rent tod"_s, {.title = u"Pay rent"_s, .dueDate = kToday});
    addRow("TODAY upper case", u"TODAY Pay rent"_s, {.title = u"Pay rent"_s, .dueDate = kToday});
    addRow("tomorrow", u"Call mom tomorrow"_s, {.title = u"Call mom"_s, .dueDate = kTomorrow});
    addRow("tmr", u"Call mom tmr"_s, {.title = u"Call mom"_s, .dueDate = kTomorrow});
    addRow("tmrw", u"Call mom tmrw"_s, {.title = u"Call mom"_s, .dueDate = kTomorrow});
    addRow("Tomorrow mixed case", u"Tomorrow call mom"_s,
        {.title = u"call mom"_s, .dueDate = kTomorrow});
    addUnchangedRow("yesterday is not special", u"Call yesterday"_s);
    addUnchangedRow("keyword with punctuation", u"Call tomorrow, maybe"_s);
    addUnchangedRow("keyword inside a word", u"Read todays paper"_s);

    // Weekdays: the next one strictly after today (a Sunday)
    addRow("mon", u"Gym mon"_s, {.title = u"Gym"_s, .dueDate = QDate(2026, 11, 23)});
    addRow("monday", u"Gym monday"_s, {.title = u"Gym"_s, .dueDate = QDate(2026, 11, 23)});
    addRow("tue", u"Gym tue"_s, {.title = u"Gym"_s, .dueDate = QDate(2026, 11, 24)});
    addRow("tuesday", u"Gym tuesday"_s, {.title = u"Gym"_s, .dueDate = QDate(2026, 11, 24)});
    addRow("wed", u"Gym wed"_s, {.title = u"Gym"_s, .dueDate = QDate(2026, 11, 25)});
    addRow("wednesday", u"Gym wednesday"_s, {.title = u"Gym"_s, .dueDate = QDate(2026, 11, 25)});
    addRow("thu", u"Gym thu"_s, {.title = u"Gym"_s, .dueDate = QDate(2026, 11, 26)});
    addRow("thursday", u"Gym thursday"_s, {.title = u"Gym"_s, .dueDate = QDate(2026, 11, 26)});
    addRow("fri", u"Gym fri"_s, {.title = u"Gym"_s, .dueDate = QDate(2026, 11, 27)});
    addRow("friday", u"Gym friday"_s, {.title = u"Gym"_s, .dueDate = QDate(2026, 11, 27)});
    addRow("sat", u"Gym sat"_s, {.title = u"Gym"_s, .dueDate = QDate(2026, 11, 28)});
    addRow("saturday", u"Gym saturday"_s, {.title = u"Gym"_s, .dueDate = QDate(2026, 11, 28)});
    addRow("sun on a sunday is in a week", u"Gym sun"_s,
        {.title = u"Gym"_s, .dueDate = QDate(2026, 11, 29)});
    addRow("sunday on a sunday is in a week", u"Gym sunday"_s,
        {.title = u"Gym"_s, .dueDate = QDate(2026, 11, 29)});
    addRow(
        "FRIDAY upper case", u"Gym FRIDAY"_s, {.title = u"Gym"_s, .dueDate = QDate(2026, 11, 27)});
    addRow("next monday same as monday", u"Gym next monday"_s,
        {.title = u"Gym"_s, .dueDate = QDate(2026, 11, 23)});
    addRow("next sun", u"Gym next sun"_s, {.title = u"Gym"_s, .dueDate = QDate(2026, 11, 29)});
    addUnchangedRow("next alone", u"Read next chapter"_s);
    addRow("next week", u"Plan next week"_s, {.title = u"Plan"_s, .dueDate = QDate(2026, 11, 23)});
    addRow("next before another keyword", u"Plan next tomorrow"_s,
        {.title = u"Plan next"_s, .dueDate = kTomorrow});

    // in N days / weeks
    addRow("in 3 days", u"Renew passport in 3 days"_s,
        {.title = u"Renew passport"_s, .dueDate = QDate(2026, 11, 25)});
    addRow("in 1 day", u"Renew passport in 1 day"_s,
        {.title = u"Renew passport"_s, .dueDate = kTomorrow});
    addRow("in 0 days", u"Renew passport in 0 days"_s,
        {.title = u"Renew passport"_s, .dueDate = kToday});
    addRow("in 2 weeks", u"Renew passport in 2 weeks"_s,
        {.title = u"Renew passport"_s, .dueDate = QDate(2026, 12, 6)});
    addRow("IN 1 WEEK", u"Renew passport IN 1 WEEK"_s,
        {.title = u"Renew passport"_s, .dueDate = QDate(2026, 11, 29)});
    addUnchangedRow("in words", u"Renew passport in three days"_s);
    addUnchangedRow("in fortnights", u"Renew passport in 3 fortnights"_s);
    addUnchangedRow("in negative days", u"Renew passport in -3 days"_s);
    addUnchangedRow("in too many days", u"Renew passport in 99999 days"_s);
    addUnchangedRow("in huge number", u"Renew passport in 99999999999999999999 days"_s);
    addUnchangedRow("in without unit", u"Put it in 3"_s);
    addUnchangedRow("in as a word", u"Check in at hotel"_s);

    // ISO dates
    addRow("iso date", u"Wrap presents 2026-12-24"_s,
        {.title = u"Wrap presents"_s, .dueDate = QDate(2026, 12, 24)});
    addRow(
        "iso leap day", u"Leap 2028-02-29"_s, {.title = u"Leap"_s, .dueDate = QDate(2028, 2, 29)});
    addRow("iso date in the past", u"Old 2020-01-01"_s,
        {.title = u"Old"_s, .dueDate = QDate(2020, 1, 1)});
    addUnchangedRow("iso 30 february", u"Wrap presents 2026-02-30"_s);
    addUnchangedRow("iso 29 february no leap", u"Wrap presents 2027-02-29"_s);
    addUnchangedRow("iso month 13", u"Wrap presents 2026-13-01"_s);
    addUnchangedRow("iso month 0", u"Wrap presents 2026-00-10"_s);
    addUnchangedRow("iso year 0", u"Wrap presents 0000-01-01"_s);
    addUnchangedRow("iso short year", u"Wrap presents 26-12-24"_s);
    addUnchangedRow("iso single digits", u"Wrap presents 2026-1-5"_s);
    addUnchangedRow("slashes", u"Wrap presents 2026/12/24"_s);
    addUnchangedRow("arabic-indic digits",
        u"Wrap presents \u0662\u0660\u0662\u0666-\u0661\u0662-\u0662\u0664"_s);

    // Times
    addRow("time alone is today", u"Standup 09:15"_s,
        {.title = u"Standup"_s, .dueDate = kToday, .dueTime = QTime(9, 15)});
    addRow("time single digit hour", u"Standup 9:15"_s,
        {.title = u"Standup"_s, .dueDate = kToday, .dueTime = QTime(9, 15)});
    addRow("at time", u"Call at 15:30"_s,
        {.title = u"Call"_s, .dueDate = kToday, .dueTime = QTime(15, 30)});
    addRow("date then at time", u"Call tomorrow at 15:30"_s,
        {.title = u"Call"_s, .dueDate = kTomorrow, .dueTime = QTime(15, 30)});
    addRow("time then date", u"15:30 tomorrow Dentist"_s,
        {.title = u"Dentist"_s, .dueDate = kTomorrow, .dueTime = QTime(15, 30)});
    addRow("3pm", u"Call tomorrow 3pm"_s,
        {.title = u"Call"_s, .dueDate = kTomorrow, .dueTime = QTime(15, 0)});
    addRow("at 3PM", u"Call tomorrow at 3PM"_s,
        {.title = u"Call"_s, .dueDate = kTomorrow, .dueTime = QTime(15, 0)});
    addRow("3:30pm", u"Call 3:30pm"_s,
        {.title = u"Call"_s, .dueDate = kToday, .dueTime = QTime(15, 30)});
    addRow("9am", u"Call 9am"_s, {.title = u"Call"_s, .dueDate = kToday, .dueTime = QTime(9, 0)});
    addRow("12am is midnight", u"Call 12am"_s,
        {.title = u"Call"_s, .dueDate = kToday, .dueTime = QTime(0, 0)});
    addRow("12:30am", u"Call 12:30am"_s,
        {.title = u"Call"_s, .dueDate = kToday, .dueTime = QTime(0, 30)});
    addRow("12pm is noon", u"Call 12pm"_s,
        {.title = u"Call"_s, .dueDate = kToday, .dueTime = QTime(12, 0)});
    addRow("0:00", u"Call 0:00"_s, {.title = u"Call"_s, .dueDate = kToday, .dueTime = QTime(0, 0)});
    addRow("23:59", u"Call 23:59"_s,
        {.title = u"Call"_s, .dueDate = kToday, .dueTime = QTime(23, 59)});
    addRow("first time wins", u"Call 15:30 16:00"_s,
        {.title = u"Call 16:00"_s, .dueDate = kToday, .dueTime = QTime(15, 30)});
    addRow("at without time stays", u"Meet at home at 7pm"_s,
        {.title = u"Meet at home"_s, .dueDate = kToday, .dueTime = QTime(19, 0)});
    addUnchangedRow("24:00", u"Call 24:00"_s);
    addUnchangedRow("12:60", u"Call 12:60"_s);
    addUnchangedRow("13pm", u"Call 13pm"_s);
    addUnchangedRow("0am", u"Call 0am"_s);
    addUnchangedRow("one minute digit", u"Call 3:5"_s);
    addUnchangedRow("three minute digits", u"Call 3:000"_s);
    addUnchangedRow("three hour digits", u"Call 123:00"_s);
    addUnchangedRow("pm alone", u"Call pm"_s);
    addUnchangedRow("colon then minutes", u"Call :30"_s);
    addUnchangedRow("hour then colon", u"Call 15:"_s);
    addUnchangedRow("bare number", u"Buy 3 apples"_s);
    addUnchangedRow("space before pm", u"Call 3 pm"_s);
    addUnchangedRow("at invalid time", u"Call at 25:00"_s);

    // Priorities: !1..!3 are the stored values, so !3 is the highest
    addRow("!high", u"Fix bug !high"_s, {.title = u"Fix bug"_s, .priority = Priority::High});
    addRow("!HIGH", u"Fix bug !HIGH"_s, {.title = u"Fix bug"_s, .priority = Priority::High});
    addRow("!medium", u"Fix bug !medium"_s, {.title = u"Fix bug"_s, .priority = Priority::Medium});
    addRow("!med", u"Fix bug !med"_s, {.title = u"Fix bug"_s, .priority = Priority::Medium});
    addRow("!low", u"Fix bug !low"_s, {.title = u"Fix bug"_s, .priority = Priority::Low});
    addRow("!1", u"Fix bug !1"_s, {.title = u"Fix bug"_s, .priority = Priority::Low});
    addRow("!2", u"Fix bug !2"_s, {.title = u"Fix bug"_s, .priority = Priority::Medium});
    addRow("!3", u"Fix bug !3"_s, {.title = u"Fix bug"_s, .priority = Priority::High});
    addRow("!!", u"Fix bug !!"_s, {.title = u"Fix bug"_s, .priority = Priority::Medium});
    addRow("!!!", u"Fix bug !!!"_s, {.title = u"Fix bug"_s, .priority = Priority::High});
    addRow("last priority wins", u"!low Fix bug !high"_s,
        {.title = u"Fix bug"_s, .priority = Priority::High});
    addRow("last priority wins downwards", u"!3 Fix bug !1"_s,
        {.title = u"Fix bug"_s, .priority = Priority::Low});
    addUnchangedRow("bang alone", u"Wow !"_s);
    addUnchangedRow("!!!!", u"Wow !!!!"_s);
    addUnchangedRow("!0", u"Fix bug !0"_s);
    addUnchangedRow("!4", u"Fix bug !4"_s);
    addUnchangedRow("!urgent", u"Fix bug !urgent"_s);
    addUnchangedRow("bang at the end", u"Fix bug high!"_s);

    // Tags
    addRow("tag", u"Report #work"_s, {.title = u"Report"_s, .tags = {u"work"_s}});
    addRow("tags in order", u"#work Report #home"_s,
        {.title = u"Report"_s, .tags = {u"work"_s, u"home"_s}});
    addRow("tags deduplicated case-insensitively", u"Report #Work #home #work #HOME"_s,
        {.title = u"Report"_s, .tags = {u"Work"_s, u"home"_s}});
    addRow("tag with digits, dash, underscore", u"Report #q4-plan_2026"_s,
        {.title = u"Report"_s, .tags = {u"q4-plan_2026"_s}});
    addRow("digit-only tag", u"Report #2026"_s, {.title = u"Report"_s, .tags = {u"2026"_s}});
    addRow("accented tag", u"Report #café"_s, {.title = u"Report"_s, .tags = {u"café"_s}});
    addRow(
        "devanagari tag with marks", u"Report #काम"_s, {.title = u"Report"_s, .tags = {u"काम"_s}});
    addRow("cjk tag", u"Report #日本"_s, {.title = u"Report"_s, .tags = {u"日本"_s}});
    addRow("tag outside the BMP", u"Report #\U00020000"_s,
        {.title = u"Report"_s, .tags = {u"\U00020000"_s}});
    addUnchangedRow("C# is not a tag", u"Learn C# today-ish"_s);
    addUnchangedRow("bare hash", u"Press # key"_s);
    addUnchangedRow("double hash", u"Report ##work"_s);
    addUnchangedRow("hash with punctuation", u"Report #work,"_s);
    addUnchangedRow("hash with dashes only", u"Report #--"_s);
    addUnchangedRow("emoji tag", u"Party #🎉"_s);

    // Lists
    addRow("list", u"Milk @Shopping"_s, {.title = u"Milk"_s, .listName = u"Shopping"_s});
    addRow("list first", u"@Shopping Milk"_s, {.title = u"Milk"_s, .listName = u"Shopping"_s});
    addRow("last list wins", u"@Home Milk @Shopping"_s,
        {.title = u"Milk"_s, .listName = u"Shopping"_s});
    addRow("list is a single word", u"Milk @my list"_s,
        {.title = u"Milk list"_s, .listName = u"my"_s});
    addRow("unicode list", u"Milch @Einkäufe"_s, {.title = u"Milch"_s, .listName = u"Einkäufe"_s});
    addUnchangedRow("email address", u"Mail bob@example.com"_s);
    addUnchangedRow("bare at sign", u"Meet @ home"_s);

    // Quotes keep keywords in the title
    addRow(
        "quoted keywords", u"Watch \"today !high\" show"_s, {.title = u"Watch today !high show"_s});
    addRow("quoted tag", u"\"#notatag\" #tag"_s, {.title = u"#notatag"_s, .tags = {u"tag"_s}});
    addRow("quoted keyword alone", u"\"tomorrow\""_s, {.title = u"tomorrow"_s});
    addRow("quoted second word of next", u"next \"monday\""_s, {.title = u"next monday"_s});
    addRow("quoted time after at", u"at \"15:30\""_s, {.title = u"at 15:30"_s});
    addRow("quote inside a word", u"Say \"hi\"!high"_s, {.title = u"Say hi!high"_s});
    addRow("quoted spaces collapsed", u"\"  spaced   out  \""_s, {.title = u"spaced out"_s});
    addRow("empty quotes", u"\"\" tomorrow"_s, {.title = QString(), .dueDate = kTomorrow});
    addRow("lone quote is a character", u"Buy 5\" screen !high"_s,
        {.title = u"Buy 5\" screen"_s, .priority = Priority::High});
    addRow("odd quote count", u"\"a\" \"b\" \"c"_s, {.title = u"a b \"c"_s});

    // Everything together
    addRow("all tokens", u"Buy milk tomorrow at 9:30am !high #errands #home @Shopping"_s,
        {.title = u"Buy milk"_s,
            .dueDate = kTomorrow,
            .dueTime = QTime(9, 30),
            .priority = Priority::High,
            .tags = {u"errands"_s, u"home"_s},
            .listName = u"Shopping"_s});
    addRow("tokens scattered", u"!low #work 2026-12-24 Wrap presents 18:00"_s,
        {.title = u"Wrap presents"_s,
            .dueDate = QDate(2026, 12, 24),
            .dueTime = QTime(18, 0),
            .priority = Priority::Low,
            .tags = {u"work"_s}});
    addRow("weekday and time", u"Call mom sunday 3pm"_s,
        {.title = u"Call mom"_s, .dueDate = QDate(2026, 11, 29), .dueTime = QTime(15, 0)});
    addRow("first date wins", u"tomorrow plan monday meeting"_s,
        {.title = u"plan monday meeting"_s, .dueDate = kTomorrow});
    addRow("later relative date stays", u"today in 3 days"_s,
        {.title = u"in 3 days"_s, .dueDate = kToday});
    addRow("in weeks with priority", u"in 2 weeks #later !2 Review"_s,
        {.title = u"Review"_s,
            .dueDate = QDate(2026, 12, 6),
            .priority = Priority::Medium,
            .tags = {u"later"_s}});

    // Odd text
    addRow("emoji", u"🎉 Party 🎂 #fun tomorrow"_s,
        {.title = u"🎉 Party 🎂"_s, .dueDate = kTomorrow, .tags = {u"fun"_s}});
    addRow("emoji with joiners", u"👩‍👩‍👧 family dinner !high"_s,
        {.title = u"👩‍👩‍👧 family dinner"_s, .priority = Priority::High});
    addRow("hebrew", u"לקנות חלב !high"_s, {.title = u"לקנות חלב"_s, .priority = Priority::High});
    addRow("arabic with arabic tag", u"اشتري حليب tomorrow #عمل"_s,
        {.title = u"اشتري حليب"_s, .dueDate = kTomorrow, .tags = {u"عمل"_s}});
    addUnchangedRow("right-to-left mark before keyword", u"Call \u200Ftomorrow"_s);
    addUnchangedRow("sql injection", u"'; DROP TABLE todos; --"_s);
    addRow("sql injection with tokens", u"Robert'); DROP TABLE todos;-- !high"_s,
        {.title = u"Robert'); DROP TABLE todos;--"_s, .priority = Priority::High});
    addRow("arg placeholders", u"%1 %2 #tag"_s, {.title = u"%1 %2"_s, .tags = {u"tag"_s}});
    addUnchangedRow("markup", u"<b>bold</b> &amp; <script>"_s);
    addUnchangedRow("combining marks", u"Z\u0351\u0361a\u0315l\u0336g\u0489o"_s);
    addUnchangedRow("lone surrogate", u"Broken "_s + QChar(0xD800) + u" #"_s + QChar(0xDC00));
    addUnchangedRow("nul character", u"a"_s + QChar(u'\0') + u"b"_s);

    const QString longWord(kLongTextLength, u'x');
    addUnchangedRow("10k character word", longWord);
    addRow("10k characters with tokens", longWord + u" tomorrow !high #tag"_s,
        {.title = longWord, .dueDate = kTomorrow, .priority = Priority::High, .tags = {u"tag"_s}});
    QString manyWords;
    while (manyWords.size() < kLongTextLength)
        manyWords += u"word "_s;
    addRow("10k characters of words", manyWords, {.title = manyWords.trimmed()});
    addUnchangedRow("10k hashes", QString(kLongTextLength, u'#'));
    addUnchangedRow("10k bangs", QString(kLongTextLength, u'!'));
    addRow("10k quotes", QString(kLongTextLength, u'"'), {.title = QString()});
    QString manyTags;
    while (manyTags.size() < kLongTextLength)
        manyTags += u"#t "_s;
    addRow("10k characters of one tag", manyTags, {.title = QString(), .tags = {u"t"_s}});

    // Nothing left for the title
    addRow("empty", QString(), {.title = QString()});
    addRow("only whitespace", u" \t\n "_s, {.title = QString()});
    addRow("only tokens", u"tomorrow !high #x @Home"_s,
        {.title = QString(),
            .dueDate = kTomorrow,
            .priority = Priority::High,
            .tags = {u"x"_s},
            .listName = u"Home"_s});
}

void QuickAddParserTest::shouldRecogniseTokens()
{
    QFETCH(QString, text);
    QFETCH(QString, title);
    QFETCH(QDate, dueDate);
    QFETCH(QTime, dueTime);
    QFETCH(int, priority);
    QFETCH(QStringList, tags);
    QFETCH(QString, listName);

    const QuickAddResult result = QuickAddParser::parse(text, kToday);

    QCOMPARE(result.title, title);
    QCOMPARE(result.isEmpty(), title.isEmpty());
    QCOMPARE(result.dueDate.has_value(), dueDate.isValid());
    QCOMPARE(result.dueDate.value_or(QDate()), dueDate);
    QCOMPARE(result.dueTime.has_value(), dueTime.isValid());
    QCOMPARE(result.dueTime.value_or(QTime()), dueTime);
    QCOMPARE(static_cast<int>(result.priority), priority);
    QCOMPARE(result.tags, tags);
    QCOMPARE(result.listName, listName);
}

void QuickAddParserTest::shouldBeEmptyWithoutTitle_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("empty");

    QTest::newRow("empty") << QString() << true;
    QTest::newRow("whitespace") << u"   "_s << true;
    QTest::newRow("only tokens") << u"tomorrow 15:30 !high #x @Home"_s << true;
    QTest::newRow("empty quotes") << u"\"\""_s << true;
    QTest::newRow("quoted spaces") << u"\"   \""_s << true;
    QTest::newRow("one word") << u"x"_s << false;
    QTest::newRow("quoted keyword") << u"\"today\""_s << false;
}

void QuickAddParserTest::shouldBeEmptyWithoutTitle()
{
    QFETCH(QString, text);
    QFETCH(bool, empty);

    QCOMPARE(QuickAddParser::parse(text, kToday).isEmpty(), empty);
}

QTEST_GUILESS_MAIN(QuickAddParserTest)

#include "quickaddparsertest.moc"
