// The parsing rules for legacy values, row by row: every timestamp form of
// LEGACY_FORMAT.md to the microsecond, booleans, priorities, text repair.

#include "legacyvalues.h"

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace {

RawValue text(const char *s)
{
    RawValue v;
    v.type = RawValue::Type::Text;
    v.bytes = QByteArray(s);
    return v;
}

RawValue integer(qint64 i)
{
    RawValue v;
    v.type = RawValue::Type::Integer;
    v.integer = i;
    return v;
}

// Whole seconds through QDateTime (which is exact there) plus microseconds.
qint64 utc(const QString &iso, qint64 micros = 0)
{
    return QDateTime::fromString(iso, Qt::ISODate).toUTC().toSecsSinceEpoch() * 1000000 + micros;
}

} // namespace

class LegacyValuesTest : public QObject
{
    Q_OBJECT

private slots:
    void readsEveryTimestampFormToTheMicrosecond_data()
    {
        QTest::addColumn<RawValue>("raw");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<qint64>("micros");
        QTest::addColumn<bool>("hasTime");
        QTest::newRow("sqlalchemy naive utc") << text("2024-03-02 07:26:00.367299") << true
                                              << utc(u"2024-03-02T07:26:00Z"_s, 367299) << true;
        QTest::newRow("microsecond 1") << text("2024-03-02 07:26:00.000001") << true
                                       << utc(u"2024-03-02T07:26:00Z"_s, 1) << true;
        QTest::newRow("iso T and Z") << text("2024-05-01T12:30:00Z") << true << utc(u"2024-05-01T12:30:00Z"_s) << true;
        QTest::newRow("offset +05:30") << text("2024-05-02 09:00:00+05:30") << true
                                       << utc(u"2024-05-02T03:30:00Z"_s) << true;
        QTest::newRow("offset -0800") << text("2024-05-02T09:00:00.25-0800") << true
                                      << utc(u"2024-05-02T17:00:00Z"_s, 250000) << true;
        QTest::newRow("no fraction") << text("2024-05-03 07:15:00") << true << utc(u"2024-05-03T07:15:00Z"_s) << true;
        QTest::newRow("one digit fraction") << text("2024-05-06 10:00:00.5") << true
                                            << utc(u"2024-05-06T10:00:00Z"_s, 500000) << true;
        QTest::newRow("no seconds") << text("2024-05-06 10:00") << true << utc(u"2024-05-06T10:00:00Z"_s) << true;
        QTest::newRow("date only") << text("2024-05-04") << true << utc(u"2024-05-04T00:00:00Z"_s) << false;
        QTest::newRow("leap day") << text("2024-02-29 23:59:59.999999") << true
                                  << utc(u"2024-02-29T23:59:59Z"_s, 999999) << true;
        QTest::newRow("epoch integer") << integer(1714800000) << true << qint64(1714800000) * 1000000 << true;
        QTest::newRow("epoch as text") << text("1714800000") << true << qint64(1714800000) * 1000000 << true;
        QTest::newRow("before 1970") << text("1969-12-31 23:59:59.5") << true << qint64(-500000) << true;
        QTest::newRow("yesterday") << text("yesterday") << false << qint64(0) << true;
        QTest::newRow("not a date") << text("not a date") << false << qint64(0) << true;
        QTest::newRow("empty") << text("") << false << qint64(0) << true;
        QTest::newRow("feb 30") << text("2023-02-30 10:00:00") << false << qint64(0) << true;
        QTest::newRow("hour 24") << text("2023-02-03 24:00:00") << false << qint64(0) << true;
        QTest::newRow("trailing junk") << text("2024-05-04 10:00:00 UTC") << false << qint64(0) << true;
        QTest::newRow("null") << RawValue() << false << qint64(0) << true;
        // PostgreSQL takes years 1 to 9999 in UTC; anything else failed the batch.
        QTest::newRow("year 0") << text("0000-06-01 10:00:00") << false << qint64(0) << true;
        QTest::newRow("year 1 minus an hour in UTC") << text("0001-01-01T00:30:00+01:00") << false << qint64(0)
                                                     << true;
        QTest::newRow("year 1") << text("0001-01-01 00:00:00") << true << qint64(-62135596800) * 1000000 << true;
        QTest::newRow("year 9999") << text("9999-12-31 23:59:59.999999") << true
                                   << qint64(253402300799) * 1000000 + 999999 << true;
        QTest::newRow("past 9999 in UTC") << text("9999-12-31T23:30:00-01:00") << false << qint64(0) << true;
    }

    void readsEveryTimestampFormToTheMicrosecond()
    {
        QFETCH(RawValue, raw);
        QFETCH(bool, valid);
        QFETCH(qint64, micros);
        QFETCH(bool, hasTime);
        bool time = true;
        const std::optional<qint64> parsed = LegacyValues::parseTimestamp(raw, &time);
        QCOMPARE(parsed.has_value(), valid);
        if (valid) {
            QCOMPARE(*parsed, micros);
            QCOMPARE(time, hasTime);
        }
    }

    void formatsMicrosecondsForPostgres_data()
    {
        QTest::addColumn<qint64>("micros");
        QTest::addColumn<QString>("expected");
        QTest::newRow("epoch") << qint64(0) << u"1970-01-01 00:00:00.000000+00"_s;
        QTest::newRow("sample") << utc(u"2024-03-02T07:26:00Z"_s, 367299) << u"2024-03-02 07:26:00.367299+00"_s;
        QTest::newRow("negative") << qint64(-1) << u"1969-12-31 23:59:59.999999+00"_s;
        QTest::newRow("year 9999") << utc(u"9999-12-31T23:59:59Z"_s, 5) << u"9999-12-31 23:59:59.000005+00"_s;
    }

    void formatsMicrosecondsForPostgres()
    {
        QFETCH(qint64, micros);
        QFETCH(QString, expected);
        QCOMPARE(LegacyValues::formatMicros(micros), expected);
        RawValue back = text(expected.chopped(3).toLatin1().constData());
        QCOMPARE(LegacyValues::parseTimestamp(back).value_or(-42), micros);
    }

    void readsBooleans_data()
    {
        QTest::addColumn<RawValue>("raw");
        QTest::addColumn<int>("expected"); // -1 unreadable
        QTest::newRow("0") << integer(0) << 0;
        QTest::newRow("1") << integer(1) << 1;
        QTest::newRow("2") << integer(2) << -1;
        QTest::newRow("true") << text("true") << 1;
        QTest::newRow("t") << text("t") << 1;
        QTest::newRow("TRUE") << text("TRUE") << 1;
        QTest::newRow("false") << text("false") << 0;
        QTest::newRow("f") << text("f") << 0;
        QTest::newRow("text 1") << text("1") << 1;
        QTest::newRow("maybe") << text("maybe") << -1;
        QTest::newRow("null") << RawValue() << -1;
    }

    void readsBooleans()
    {
        QFETCH(RawValue, raw);
        QFETCH(int, expected);
        const std::optional<bool> parsed = LegacyValues::parseBool(raw);
        QCOMPARE(parsed ? int(*parsed) : -1, expected);
    }

    void readsPriorities_data()
    {
        QTest::addColumn<RawValue>("raw");
        QTest::addColumn<int>("expected"); // -1 unreadable
        QTest::newRow("LOW") << text("LOW") << 1;
        QTest::newRow("MEDIUM") << text("MEDIUM") << 2;
        QTest::newRow("HIGH") << text("HIGH") << 3;
        QTest::newRow("medium value") << text("medium") << 2;
        QTest::newRow("High") << text("High") << 3;
        QTest::newRow("null") << RawValue() << 0;
        QTest::newRow("urgent") << text("URGENT") << -1;
        QTest::newRow("number") << integer(2) << -1;
    }

    void readsPriorities()
    {
        QFETCH(RawValue, raw);
        QFETCH(int, expected);
        QCOMPARE(LegacyValues::parsePriority(raw).value_or(-1), expected);
    }

    void repairsText_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<bool>("invalid");
        QTest::addColumn<bool>("nul");
        QTest::newRow("plain") << QByteArray("hello") << u"hello"_s << false << false;
        QTest::newRow("unicode") << QByteArray("\xe2\x9c\x85 \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d")
                                 << u"\u2705 \u05e9\u05dc\u05d5\u05dd"_s << false << false;
        QTest::newRow("latin-1 byte at the end") << QByteArray("Cafe \xc3\xa9 \xe9") << u"Cafe \u00e9 \ufffd"_s
                                                 << true << false;
        QTest::newRow("latin-1 byte inside") << QByteArray("a\xe9z") << u"a\ufffdz"_s << true << false;
        QTest::newRow("nul") << QByteArray("a\0b", 3) << u"ab"_s << false << true;
        QTest::newRow("crlf and tab kept") << QByteArray("a\r\nb\tc") << u"a\r\nb\tc"_s << false << false;
    }

    void repairsText()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        QFETCH(bool, invalid);
        QFETCH(bool, nul);
        bool wasInvalid = false, hadNul = false;
        QCOMPARE(LegacyValues::repairText(bytes, &wasInvalid, &hadNul), expected);
        QCOMPARE(wasInvalid, invalid);
        QCOMPARE(hadNul, nul);
    }
};

QTEST_GUILESS_MAIN(LegacyValuesTest)
#include "legacyvaluestest.moc"
