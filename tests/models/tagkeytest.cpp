#include "domain/tagkey.h"

#include <QTest>

using namespace Qt::StringLiterals;

// TagKey::of is the one definition of "the same tag" (see tagkey.cpp for the
// rule and why). These rows pin what it does with the letters whose case
// mappings differ between locales, databases and Unicode's foldings.
class TagKeyTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldGiveOneKeyToOneTag_data()
    {
        QTest::addColumn<QString>("first");
        QTest::addColumn<QString>("second");
        QTest::addColumn<bool>("same");
        QTest::newRow("ASCII case") << u"Work"_s << u"WORK"_s << true;
        QTest::newRow("surrounding white space") << u"  work\t"_s << u"work"_s << true;
        QTest::newRow("inner white space counts") << u"home work"_s << u"homework"_s << false;
        QTest::newRow("umlaut") << u"ÄRGER"_s << u"ärger"_s << true;
        QTest::newRow("decomposed umlaut") << u"A\u0308rger"_s << u"ärger"_s << true;
        QTest::newRow("capital sharp s") << u"STRAẞE"_s << u"straße"_s << true;
        // Simple folding, as Qt's: no "ss" for ß.
        QTest::newRow("sharp s is not ss") << u"Straße"_s << u"STRASSE"_s << false;
        QTest::newRow("dotted capital I, both cases") << u"İstanbul"_s << u"İSTANBUL"_s << true;
        QTest::newRow("dotted capital I, lowercase") << u"İstanbul"_s << u"i\u0307stanbul"_s << true;
        QTest::newRow("dotted capital I is not I") << u"İstanbul"_s << u"Istanbul"_s << false;
        QTest::newRow("dotless i is not i") << u"ılık"_s << u"ilik"_s << false;
        QTest::newRow("dotless i is not I") << u"ılık"_s << u"ILIK"_s << false;
        QTest::newRow("I is i, in any language") << u"ILIK"_s << u"ilik"_s << true;
        QTest::newRow("sigma and final sigma") << u"ΟΔΟΣ"_s << u"οδος"_s << true;
        QTest::newRow("sigma in the middle") << u"ΟΔΟΣ"_s << u"οδοσ"_s << true;
        QTest::newRow("emoji") << u"😀 Party"_s << u"😀 PARTY"_s << true;
        QTest::newRow("different emoji") << u"😀"_s << u"😁"_s << false;
        QTest::newRow("comma inside") << u"Smith, John"_s << u"SMITH, JOHN"_s << true;
        QTest::newRow("j with caron, folded to a composed form") << u"J\u030C"_s << u"ǰ"_s << true;
    }

    void shouldGiveOneKeyToOneTag()
    {
        QFETCH(QString, first);
        QFETCH(QString, second);
        QFETCH(bool, same);
        QCOMPARE(TagKey::of(first) == TagKey::of(second), same);
    }

    // The desktop sends keys it computed, and may compute one again from a
    // key (older outbox rows hold Qt's case-folded name): a key is its own key,
    // and in NFC.
    void shouldBeItsOwnKeyForEveryCharacter()
    {
        QStringList failures;
        for (char32_t c = 1; c <= 0x10FFFF && failures.size() < 5; ++c) {
            if (c >= 0xD800 && c <= 0xDFFF)
                continue;
            const QString name = QString::fromUcs4(&c, 1);
            const QString key = TagKey::of(name);
            if (TagKey::of(key) != key || key.normalized(QString::NormalizationForm_C) != key)
                failures << u"U+%1"_s.arg(uint(c), 4, 16, QChar(u'0'));
        }
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u", "_s)));
    }

    void shouldKeepTheNameAsTypedButTrimmed()
    {
        QCOMPARE(TagKey::displayName(u"  ÄRGER "_s), u"ÄRGER"_s);
        QCOMPARE(TagKey::of(u"  ÄRGER "_s), u"ärger"_s);
        QVERIFY(TagKey::of(u" \t "_s).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TagKeyTest)
#include "tagkeytest.moc"
