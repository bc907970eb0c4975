#include "pgbinarycopy.h"

#include <QtEndian>

#include <bit>
#include <cstring>

namespace {

// The signature, then the flags and the header extension's length (both 0).
constexpr char kHeader[] = "PGCOPY\n\377\r\n\0"
                           "\0\0\0\0"
                           "\0\0\0\0";
constexpr qsizetype kHeaderSize = 19;
static_assert(sizeof(kHeader) == kHeaderSize + 1);
constexpr char kTrailer[] = "\377\377";

// 2000-01-01 00:00:00 UTC, PostgreSQL's epoch, in Unix microseconds.
constexpr qint64 kPostgresEpochUnixMicros = 946684800LL * 1000000;
// pg_type.oid of uuid: an array names its element type.
constexpr qint32 kUuidTypeOid = 2950;
constexpr qint32 kUuidSize = 16;
constexpr qint32 kNullLength = -1;

// RFC 4122 byte order, as uuid_send writes it.
void writeUuid(char *at, const QUuid &id)
{
    qToBigEndian(id.data1, at);
    qToBigEndian(id.data2, at + 4);
    qToBigEndian(id.data3, at + 6);
    std::memcpy(at + 8, id.data4, 8);
}

} // namespace

PgBinaryCopy::PgBinaryCopy(QByteArray *out)
    : m_out(out)
    , m_utf8(QStringEncoder::Utf8, QStringConverter::Flag::Stateless)
{
}

QByteArrayView PgBinaryCopy::header()
{
    return QByteArrayView(kHeader, kHeaderSize);
}

QByteArrayView PgBinaryCopy::trailer()
{
    return QByteArrayView(kTrailer, 2);
}

char *PgBinaryCopy::grow(qsizetype bytes)
{
    // resize() reuses the capacity a reused buffer already has, and grows
    // it geometrically when it must.
    const qsizetype at = m_out->size();
    m_out->resize(at + bytes);
    return m_out->data() + at;
}

void PgBinaryCopy::startTuple(qint16 fieldCount)
{
    qToBigEndian(fieldCount, grow(2));
}

void PgBinaryCopy::appendNull()
{
    qToBigEndian(kNullLength, grow(4));
}

void PgBinaryCopy::appendUuid(const QUuid &id)
{
    char *at = grow(4 + kUuidSize);
    qToBigEndian(kUuidSize, at);
    writeUuid(at + 4, id);
}

void PgBinaryCopy::appendText(QStringView text)
{
    // Room for the longest encoding, then cut back to what it took.
    const qsizetype start = m_out->size();
    char *length = grow(4 + m_utf8.requiredSpace(text.size()));
    const char *end = m_utf8.appendToBuffer(length + 4, text);
    const qsizetype bytes = end - (length + 4);
    qToBigEndian(qint32(bytes), length);
    m_out->resize(start + 4 + bytes);
}

void PgBinaryCopy::appendBool(bool value)
{
    char *at = grow(5);
    qToBigEndian(qint32(1), at);
    at[4] = value ? 1 : 0;
}

void PgBinaryCopy::appendTimestamp(qint64 unixMicros)
{
    appendInt64(unixMicros - kPostgresEpochUnixMicros);
}

void PgBinaryCopy::appendInt16(qint16 value)
{
    char *at = grow(6);
    qToBigEndian(qint32(2), at);
    qToBigEndian(value, at + 4);
}

void PgBinaryCopy::appendInt64(qint64 value)
{
    char *at = grow(12);
    qToBigEndian(qint32(8), at);
    qToBigEndian(value, at + 4);
}

void PgBinaryCopy::appendFloat8(double value)
{
    appendInt64(std::bit_cast<qint64>(value));
}

void PgBinaryCopy::appendUuidArray(const QList<QUuid> &ids)
{
    // ndim, has-nulls, element type; with one dimension its length and
    // lower bound; then each element with its length.
    const qint32 dimensions = ids.isEmpty() ? 0 : 1;
    const qint32 body = 12 + dimensions * 8 + qint32(ids.size()) * (4 + kUuidSize);
    char *at = grow(4 + body);
    qToBigEndian(body, at);
    qToBigEndian(dimensions, at + 4);
    qToBigEndian(qint32(0), at + 8);
    qToBigEndian(kUuidTypeOid, at + 12);
    at += 16;
    if (dimensions) {
        qToBigEndian(qint32(ids.size()), at);
        qToBigEndian(qint32(1), at + 4);
        at += 8;
    }
    for (const QUuid &id : ids) {
        qToBigEndian(kUuidSize, at);
        writeUuid(at + 4, id);
        at += 4 + kUuidSize;
    }
}
