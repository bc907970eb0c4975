#include "widgets/tagsedit.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TagsEditTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldReadTheTagsAPersonTypes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("tags");
        QTest::newRow("empty") << QString() << QStringList();
        QTest::newRow("commas and spaces")
            << u" travel,,  family , "_s << QStringList {u"travel"_s, u"family"_s};
        QTest::newRow("the # people see in the list")
            << u"#work, # home"_s << QStringList {u"work"_s, u"home"_s};
        QTest::newRow("each tag once, the first spelling kept")
            << u"Work, work, WORK"_s << QStringList {u"Work"_s};
        QTest::newRow("quoted, with a comma and a doubled quote")
            << u"\"Smith, John\", \"say \"\"hi\"\"\""_s
            << QStringList {u"Smith, John"_s, u"say \"hi\""_s};
        QTest::newRow("a quoted # is part of the name") << u"\"#1\""_s << QStringList {u"#1"_s};
    }

    void shouldReadTheTagsAPersonTypes()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, tags);
        QCOMPARE(TagsEdit::parse(text), tags);
        TagsEdit edit;
        edit.setText(text);
        QCOMPARE(edit.tags(), tags);
    }

    void shouldShowTagsSoThatTheyReadBackTheSame()
    {
        const QStringList tags {u"travel"_s, u"Smith, John"_s, u"say \"hi\""_s, u"#1"_s};
        const QString shown = TagsEdit::join(tags);
        QCOMPARE(shown, u"travel, \"Smith, John\", \"say \"\"hi\"\"\", \"#1\""_s);
        QCOMPARE(TagsEdit::parse(shown), tags);
    }

    void shouldLeaveTextThatAlreadyReadsRightAlone()
    {
        TagsEdit edit;
        edit.setTags({u"travel"_s, u"family"_s});
        QCOMPARE(edit.text(), u"travel, family"_s);
        edit.setCursorPosition(3);
        edit.setTags({u"travel"_s, u"family"_s}); // the same: the cursor stays
        QCOMPARE(edit.cursorPosition(), 3);
        edit.setTags({u"travel"_s});
        QCOMPARE(edit.text(), u"travel"_s);
    }
};

QTEST_MAIN(TagsEditTest)
#include "tagsedittest.moc"
