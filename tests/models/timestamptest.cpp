#include "domain/timestamp.h"

#include <QLocale>
#include <QObject>
#include <QStandardPaths>
#include <QTest>
#include <QTimeZone>

#include <ctime>

using namespace Qt::StringLiterals;

namespace {

using Timestamp::Micros;

constexpr Micros kSecond = Timestamp::kMicrosPerSecond;
constexpr Micros kHour = 3600 * kSecond;

// 2026-11-22T09:30:00Z, in seconds since the epoch.
constexpr Micros kSample = Micros(1'795'339'800) * kSecond;

// Runs the rest of a test in another local time zone; restores the old one.
class LocalZone
{
public:
    explicit LocalZone(const QByteArray &zone)
        : m_had(qEnvironmentVariableIsSet("TZ"))
        , m_old(qgetenv("TZ"))
    {
        qputenv("TZ", zone);
        tzset();
    }
    ~LocalZone()
    {
        if (m_had)
            qputenv("TZ", m_old);
        else
            qunsetenv("TZ");
        tzset();
    }
    LocalZone(const LocalZone &) = delete;
    LocalZone &operator=(const LocalZone &) = delete;

private:
    bool m_had;
    QByteArray m_old;
};

const QByteArrayList kZones = {"UTC", "Asia/Kolkata", "America/New_York", "Pacific/Kiritimati",
    "Pacific/Pago_Pago", "Europe/Berlin"};

} // namespace

class TimestampTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void shouldWriteIsoUtcWithSixDigits_data();
    void shouldWriteIsoUtcWithSixDigits();
    void shouldReadWhatItWrites_data();
    void shouldReadWhatItWrites();
    void shouldReadFractionsOfAnyLength_data();
    void shouldReadFractionsOfAnyLength();
    void shouldRefuseMalformedIso_data();
    void shouldRefuseMalformedIso();
    void shouldReadUtcTimesThatFallInALocalGap_data();
    void shouldReadUtcTimesThatFallInALocalGap();
    void shouldKeepCalendarDatesInEveryZone_data();
    void shouldKeepCalendarDatesInEveryZone();
    void shouldFindStartOfLocalDay_data();
    void shouldFindStartOfLocalDay();
    void shouldFloorNegativeTimesWhenConverting();
};

void TimestampTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale::c());
}

void TimestampTest::shouldWriteIsoUtcWithSixDigits_data()
{
    QTest::addColumn<Micros>("micros");
    QTest::addColumn<QString>("iso");

    QTest::newRow("epoch") << Micros(0) << u"1970-01-01T00:00:00.000000Z"_s;
    QTest::newRow("one microsecond") << Micros(1) << u"1970-01-01T00:00:00.000001Z"_s;
    QTest::newRow("minus one microsecond") << Micros(-1) << u"1969-12-31T23:59:59.999999Z"_s;
    QTest::newRow("minus one second") << -kSecond << u"1969-12-31T23:59:59.000000Z"_s;
    QTest::newRow("minus 1.5 seconds")
        << -(kSecond + kSecond / 2) << u"1969-12-31T23:59:58.500000Z"_s;
    QTest::newRow("sample") << kSample + 123456 << u"2026-11-22T09:30:00.123456Z"_s;
    QTest::newRow("1900") << Micros(-2'208'988'800) * kSecond + 1
                          << u"1900-01-01T00:00:00.000001Z"_s;
    QTest::newRow("leap day") << Micros(951'782'400) * kSecond + 999'999
                              << u"2000-02-29T00:00:00.999999Z"_s;
}

void TimestampTest::shouldWriteIsoUtcWithSixDigits()
{
    QFETCH(Micros, micros);
    QFETCH(QString, iso);
    for (const QByteArray &zone : kZones) {
        const LocalZone local(zone);
        QCOMPARE(Timestamp::toIsoUtc(micros), iso);
    }
}

void TimestampTest::shouldReadWhatItWrites_data()
{
    shouldWriteIsoUtcWithSixDigits_data();
}

void TimestampTest::shouldReadWhatItWrites()
{
    QFETCH(Micros, micros);
    QFETCH(QString, iso);
    const std::optional<Micros> read = Timestamp::fromIsoUtc(iso);
    QVERIFY(read.has_value());
    QCOMPARE(*read, micros);
    QCOMPARE(Timestamp::fromIsoUtc(Timestamp::toIsoUtc(micros)), std::optional(micros));
}

void TimestampTest::shouldReadFractionsOfAnyLength_data()
{
    QTest::addColumn<QString>("iso");
    QTest::addColumn<Micros>("micros");

    QTest::newRow("0 digits, Z") << u"2026-11-22T09:30:00Z"_s << kSample;
    QTest::newRow("0 digits, no Z") << u"2026-11-22T09:30:00"_s << kSample;
    QTest::newRow("1 digit") << u"2026-11-22T09:30:00.1Z"_s << kSample + 100000;
    QTest::newRow("2 digits") << u"2026-11-22T09:30:00.12Z"_s << kSample + 120000;
    QTest::newRow("3 digits") << u"2026-11-22T09:30:00.123Z"_s << kSample + 123000;
    QTest::newRow("4 digits") << u"2026-11-22T09:30:00.1234Z"_s << kSample + 123400;
    QTest::newRow("5 digits") << u"2026-11-22T09:30:00.12345Z"_s << kSample + 123450;
    QTest::newRow("6 digits") << u"2026-11-22T09:30:00.123456Z"_s << kSample + 123456;
    QTest::newRow("6 digits, no Z") << u"2026-11-22T09:30:00.000001"_s << kSample + 1;
    QTest::newRow("before 1970, 3 digits") << u"1969-12-31T23:59:59.5Z"_s << -kSecond / 2;
}

void TimestampTest::shouldReadFractionsOfAnyLength()
{
    QFETCH(QString, iso);
    QFETCH(Micros, micros);
    QCOMPARE(Timestamp::fromIsoUtc(iso), std::optional(micros));
}

void TimestampTest::shouldRefuseMalformedIso_data()
{
    QTest::addColumn<QString>("iso");

    QTest::newRow("empty") << QString();
    QTest::newRow("date only") << u"2026-11-22"_s;
    QTest::newRow("7 digits") << u"2026-11-22T09:30:00.1234567Z"_s;
    QTest::newRow("dot without digits") << u"2026-11-22T09:30:00.Z"_s;
    QTest::newRow("signed fraction") << u"2026-11-22T09:30:00.-1Z"_s;
    QTest::newRow("plus in fraction") << u"2026-11-22T09:30:00.+5Z"_s;
    QTest::newRow("space in fraction") << u"2026-11-22T09:30:00. 5Z"_s;
    QTest::newRow("space for T") << u"2026-11-22 09:30:00Z"_s;
    QTest::newRow("letters in fraction") << u"2026-11-22T09:30:00.12a4Z"_s;
    QTest::newRow("month 13") << u"2026-13-22T09:30:00Z"_s;
    QTest::newRow("hour 25") << u"2026-11-22T25:30:00Z"_s;
    QTest::newRow("offset") << u"2026-11-22T09:30:00+02:00"_s;
    QTest::newRow("words") << u"yesterday"_s;
}

void TimestampTest::shouldRefuseMalformedIso()
{
    QFETCH(QString, iso);
    QCOMPARE(Timestamp::fromIsoUtc(iso), std::optional<Micros>());
}

void TimestampTest::shouldReadUtcTimesThatFallInALocalGap_data()
{
    QTest::addColumn<QByteArray>("zone");
    QTest::addColumn<QString>("iso");
    QTest::addColumn<Micros>("micros");

    // Each wall time exists in UTC but not in the local zone of the row.
    QTest::newRow("Berlin spring forward")
        << QByteArray("Europe/Berlin") << u"2026-03-29T02:30:00.000001Z"_s
        << Micros(1'774'751'400) * kSecond + 1;
    QTest::newRow("New York spring forward")
        << QByteArray("America/New_York") << u"2026-03-08T02:30:00.000000Z"_s
        << Micros(1'772'937'000) * kSecond;
    QTest::newRow("Kolkata war time, 1942")
        << QByteArray("Asia/Kolkata") << u"1942-09-01T00:30:00.250000Z"_s
        << Micros(-862'615'800) * kSecond + 250000;
}

void TimestampTest::shouldReadUtcTimesThatFallInALocalGap()
{
    QFETCH(QByteArray, zone);
    QFETCH(QString, iso);
    QFETCH(Micros, micros);
    const LocalZone local(zone);
    QCOMPARE(Timestamp::fromIsoUtc(iso), std::optional(micros));
    QCOMPARE(Timestamp::toIsoUtc(micros), iso);
}

void TimestampTest::shouldKeepCalendarDatesInEveryZone_data()
{
    QTest::addColumn<QDate>("date");
    QTest::addColumn<Micros>("micros"); // UTC midnight

    QTest::newRow("epoch") << QDate(1970, 1, 1) << Micros(0);
    QTest::newRow("1969-12-31") << QDate(1969, 12, 31) << -86400 * kSecond;
    QTest::newRow("sample day") << QDate(2026, 11, 22) << kSample - 9 * kHour - 30 * 60 * kSecond;
    QTest::newRow("US spring forward") << QDate(2026, 3, 8) << Micros(1'772'928'000) * kSecond;
    QTest::newRow("leap day") << QDate(2000, 2, 29) << Micros(951'782'400) * kSecond;
}

void TimestampTest::shouldKeepCalendarDatesInEveryZone()
{
    QFETCH(QDate, date);
    QFETCH(Micros, micros);
    for (const QByteArray &zone : kZones) {
        const LocalZone local(zone);
        QCOMPARE(Timestamp::fromDate(date), micros);
        QCOMPARE(Timestamp::toDate(micros), date);
        // Any time during that UTC day is still that date.
        QCOMPARE(Timestamp::toDate(micros + Timestamp::kMicrosPerDay - 1), date);
        QCOMPARE(Timestamp::toDate(micros - 1), date.addDays(-1));
    }
}

void TimestampTest::shouldFindStartOfLocalDay_data()
{
    QTest::addColumn<QByteArray>("zone");
    QTest::addColumn<QDate>("date");
    QTest::addColumn<QString>("start"); // in UTC

    QTest::newRow("UTC") << QByteArray("UTC") << QDate(2026, 11, 22)
                         << u"2026-11-22T00:00:00.000000Z"_s;
    QTest::newRow("Kolkata +05:30")
        << QByteArray("Asia/Kolkata") << QDate(2026, 11, 22) << u"2026-11-21T18:30:00.000000Z"_s;
    QTest::newRow("New York winter")
        << QByteArray("America/New_York") << QDate(2026, 1, 1) << u"2026-01-01T05:00:00.000000Z"_s;
    QTest::newRow("New York summer")
        << QByteArray("America/New_York") << QDate(2026, 7, 1) << u"2026-07-01T04:00:00.000000Z"_s;
    QTest::newRow("Kiritimati +14") << QByteArray("Pacific/Kiritimati") << QDate(2026, 11, 22)
                                    << u"2026-11-21T10:00:00.000000Z"_s;
    QTest::newRow("Pago Pago -11") << QByteArray("Pacific/Pago_Pago") << QDate(2026, 11, 22)
                                   << u"2026-11-22T11:00:00.000000Z"_s;
    // Brazil moved its clocks at midnight: that day began at 01:00.
    QTest::newRow("Sao Paulo, day without midnight") << QByteArray(
        "America/Sao_Paulo") << QDate(2018, 11, 4) << u"2018-11-04T03:00:00.000000Z"_s;
}

void TimestampTest::shouldFindStartOfLocalDay()
{
    QFETCH(QByteArray, zone);
    QFETCH(QDate, date);
    QFETCH(QString, start);
    const LocalZone local(zone);
    const Micros begin = Timestamp::startOfLocalDay(date);
    QCOMPARE(Timestamp::toIsoUtc(begin), start);
    QCOMPARE(Timestamp::toLocal(begin).date(), date);
    QCOMPARE(Timestamp::toLocal(begin - 1).date(), date.addDays(-1));
}

void TimestampTest::shouldFloorNegativeTimesWhenConverting()
{
    // -1 µs is 23:59:59.999999 on 31 December 1969, not the epoch.
    QCOMPARE(Timestamp::toUtc(-1).toMSecsSinceEpoch(), qint64(-1));
    QCOMPARE(Timestamp::toUtc(-1).offsetFromUtc(), 0);
    QCOMPARE(Timestamp::toDate(-1), QDate(1969, 12, 31));
    QCOMPARE(Timestamp::toUtc(1999).toMSecsSinceEpoch(), qint64(1));
    QCOMPARE(
        Timestamp::fromDateTime(QDateTime(QDate(2026, 11, 22), QTime(9, 30), QTimeZone::utc())),
        kSample);
    const Micros clock = Timestamp::now(); // a plausible time, in whole milliseconds
    QVERIFY(clock > kSample - Micros(3650) * Timestamp::kMicrosPerDay);
    QCOMPARE(clock % Timestamp::kMicrosPerMilli, Micros(0));
}

QTEST_GUILESS_MAIN(TimestampTest)
#include "timestamptest.moc"
