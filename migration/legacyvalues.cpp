#include "legacyvalues.h"

#include <QCoreApplication>
#include <QStringDecoder>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kMicrosPerSecond = 1000000;
constexpr qint64 kSecondsPerDay = 86400;
// 0001-01-01 00:00:00 and 9999-12-31 23:59:59 UTC, in seconds since the epoch.
constexpr qint64 kFirstSecond = -62135596800;
constexpr qint64 kLastSecond = 253402300799;

// Howard Hinnant's days_from_civil: proleptic Gregorian, no time zone
// database and no QDate (whose range checks we do ourselves).
qint64 daysFromCivil(qint64 y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const qint64 era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<qint64>(doe) - 719468;
}

void civilFromDays(qint64 z, qint64 *y, unsigned *m, unsigned *d)
{
    z += 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = static_cast<qint64>(yoe) + era * 400 + (*m <= 2);
}

// A UTC time in microseconds, split for printing.
struct CivilTime
{
    qint64 year = 0;
    unsigned month = 0;
    unsigned day = 0;
    qint64 secondOfDay = 0;
    qint64 micros = 0;
};

CivilTime civilTime(qint64 micros)
{
    CivilTime t;
    qint64 seconds = micros / kMicrosPerSecond;
    t.micros = micros % kMicrosPerSecond;
    if (t.micros < 0) {
        t.micros += kMicrosPerSecond;
        --seconds;
    }
    qint64 days = seconds / kSecondsPerDay;
    t.secondOfDay = seconds % kSecondsPerDay;
    if (t.secondOfDay < 0) {
        t.secondOfDay += kSecondsPerDay;
        --days;
    }
    civilFromDays(days, &t.year, &t.month, &t.day);
    return t;
}

unsigned daysInMonth(qint64 y, unsigned m)
{
    static const unsigned days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

// Reads exactly n digits at pos.
bool digits(const QByteArray &s, qsizetype &pos, int n, int *out)
{
    if (pos + n > s.size())
        return false;
    int v = 0;
    for (int i = 0; i < n; ++i) {
        const char c = s.at(pos + i);
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + (c - '0');
    }
    pos += n;
    *out = v;
    return true;
}

std::optional<qint64> parseIsoText(const QByteArray &s, bool *hasTime)
{
    qsizetype pos = 0;
    int year = 0, month = 0, day = 0;
    if (!digits(s, pos, 4, &year) || pos >= s.size() || s.at(pos++) != '-'
        || !digits(s, pos, 2, &month) || pos >= s.size() || s.at(pos++) != '-'
        || !digits(s, pos, 2, &day))
        return std::nullopt;
    if (month < 1 || month > 12 || day < 1 || day > int(daysInMonth(year, unsigned(month))))
        return std::nullopt;
    int hour = 0, minute = 0, second = 0;
    qint64 fraction = 0;
    qint64 offsetSeconds = 0;
    bool timePart = false;
    if (pos < s.size()) {
        if (s.at(pos) != ' ' && s.at(pos) != 'T')
            return std::nullopt;
        ++pos;
        timePart = true;
        if (!digits(s, pos, 2, &hour) || pos >= s.size() || s.at(pos++) != ':'
            || !digits(s, pos, 2, &minute))
            return std::nullopt;
        if (pos < s.size() && s.at(pos) == ':') {
            ++pos;
            if (!digits(s, pos, 2, &second))
                return std::nullopt;
        }
        if (pos < s.size() && s.at(pos) == '.') {
            ++pos;
            int n = 0;
            while (pos < s.size() && s.at(pos) >= '0' && s.at(pos) <= '9') {
                // Beyond microseconds PostgreSQL cannot keep it anyway: truncated.
                if (n < 6)
                    fraction = fraction * 10 + (s.at(pos) - '0');
                ++n;
                ++pos;
            }
            if (n == 0)
                return std::nullopt;
            for (int i = n; i < 6; ++i)
                fraction *= 10;
        }
        if (hour > 23 || minute > 59 || second > 59)
            return std::nullopt;
        if (pos < s.size() && s.at(pos) == 'Z') {
            ++pos;
        } else if (pos < s.size() && (s.at(pos) == '+' || s.at(pos) == '-')) {
            const int sign = s.at(pos) == '-' ? -1 : 1;
            ++pos;
            int oh = 0, om = 0;
            if (!digits(s, pos, 2, &oh))
                return std::nullopt;
            if (pos < s.size() && s.at(pos) == ':')
                ++pos;
            if (pos < s.size() && !digits(s, pos, 2, &om))
                return std::nullopt;
            if (oh > 23 || om > 59)
                return std::nullopt;
            offsetSeconds = sign * (oh * 3600 + om * 60);
        }
        if (pos != s.size())
            return std::nullopt;
    }
    if (hasTime)
        *hasTime = timePart;
    const qint64 seconds = daysFromCivil(year, unsigned(month), unsigned(day)) * kSecondsPerDay
                           + hour * 3600 + minute * 60 + second - offsetSeconds;
    // In UTC too, year 1 to 9999: "0000-06-01", or "0001-01-01T00:00+01:00"
    // (year 0 in UTC), is no date PostgreSQL takes, and would fail the
    // batch on every run.
    if (seconds < kFirstSecond || seconds > kLastSecond)
        return std::nullopt;
    return seconds * kMicrosPerSecond + fraction;
}

std::optional<qint64> fromEpochSeconds(double seconds)
{
    // Year 1 to 9999: anything else is not a date someone wrote down.
    if (!std::isfinite(seconds) || seconds < double(kFirstSecond) || seconds > double(kLastSecond))
        return std::nullopt;
    return static_cast<qint64>(std::llround(seconds * double(kMicrosPerSecond)));
}

} // namespace

QString RawValue::display() const
{
    constexpr int kMax = 80;
    switch (type) {
    case Type::Null:
        return u"NULL"_s;
    case Type::Integer:
        return QString::number(integer);
    case Type::Real:
        return QString::number(real, 'g', 17);
    case Type::Text:
    case Type::Blob: {
        QString out;
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString decoded = decoder(bytes.left(kMax * 4));
        if (decoder.hasError()) {
            // Show which bytes were wrong instead of a replacement character.
            for (const char c : bytes.left(kMax)) {
                const auto u = static_cast<unsigned char>(c);
                out += u >= 0x20 && u < 0x7f ? QString(QChar(char16_t(u))) : u"\\x%1"_s.arg(u, 2, 16, QLatin1Char('0'));
            }
        } else {
            out = decoded.left(kMax);
        }
        out.replace(QChar(0), u"\\0"_s);
        if (bytes.size() > kMax)
            out += QCoreApplication::translate("LegacyValues", "… (%n bytes)", nullptr, int(bytes.size()));
        return out;
    }
    }
    return {};
}

std::optional<qint64> LegacyValues::parseTimestamp(const RawValue &value, bool *hasTime)
{
    if (hasTime)
        *hasTime = true;
    switch (value.type) {
    case RawValue::Type::Integer:
        return fromEpochSeconds(double(value.integer));
    case RawValue::Type::Real:
        return fromEpochSeconds(value.real);
    case RawValue::Type::Text: {
        const QByteArray s = value.bytes.trimmed();
        if (s.isEmpty())
            return std::nullopt;
        bool allDigits = true;
        for (const char c : s)
            allDigits = allDigits && c >= '0' && c <= '9';
        if (allDigits && s.size() <= 12)
            return fromEpochSeconds(double(s.toLongLong()));
        return parseIsoText(s, hasTime);
    }
    default:
        return std::nullopt;
    }
}

QString LegacyValues::formatMicros(qint64 micros)
{
    const CivilTime t = civilTime(micros);
    const qint64 y = t.year, rest = t.secondOfDay, fraction = t.micros;
    const unsigned m = t.month, d = t.day;
    return u"%1-%2-%3 %4:%5:%6.%7+00"_s.arg(y, 4, 10, QLatin1Char('0'))
        .arg(m, 2, 10, QLatin1Char('0'))
        .arg(d, 2, 10, QLatin1Char('0'))
        .arg(rest / 3600, 2, 10, QLatin1Char('0'))
        .arg(rest % 3600 / 60, 2, 10, QLatin1Char('0'))
        .arg(rest % 60, 2, 10, QLatin1Char('0'))
        .arg(fraction, 6, 10, QLatin1Char('0'));
}

std::optional<bool> LegacyValues::parseBool(const RawValue &value)
{
    if (value.type == RawValue::Type::Integer && (value.integer == 0 || value.integer == 1))
        return value.integer == 1;
    if (value.type != RawValue::Type::Text)
        return std::nullopt;
    const QByteArray s = value.bytes.trimmed().toLower();
    if (s == "1" || s == "true" || s == "t" || s == "yes" || s == "y")
        return true;
    if (s == "0" || s == "false" || s == "f" || s == "no" || s == "n")
        return false;
    return std::nullopt;
}

std::optional<int> LegacyValues::parsePriority(const RawValue &value)
{
    if (value.isNull())
        return 0;
    if (value.type != RawValue::Type::Text)
        return std::nullopt;
    const QByteArray s = value.bytes.trimmed().toUpper();
    if (s.isEmpty())
        return 0;
    if (s == "LOW")
        return 1;
    if (s == "MEDIUM")
        return 2;
    if (s == "HIGH")
        return 3;
    return std::nullopt;
}

QString LegacyValues::repairText(const QByteArray &bytes, bool *invalidUtf8, bool *hadNul)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder(bytes);
    *invalidUtf8 = decoder.hasError();
    *hadNul = text.contains(QChar(0));
    if (*hadNul)
        text.remove(QChar(0));
    return text;
}
