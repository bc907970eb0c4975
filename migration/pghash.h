#pragma once

#include <QByteArrayView>
#include <QtGlobal>

// PostgreSQL's own 64-bit hashes, as its SQL functions compute them: Bob
// Jenkins' lookup3 (public domain) with PostgreSQL's seeding and tail, on a
// little-endian server. Hash partitioning stores these values, so
// PostgreSQL keeps them stable across versions.
//
// The import's validation uses them for the per-row checksums: the server
// computes them in C for every row, far cheaper than md5() and text, and
// the client computes the same (see ImportValidator).
namespace PgHash {

// hashtextextended(text, seed) (for a deterministic collation) and
// uuid_hash_extended(uuid, seed): the hash of the value's bytes.
quint64 bytesExtended(QByteArrayView bytes, quint64 seed);
// hash_uint32_extended(), which bool ("char"), int2 and int4 hash with.
quint64 uint32Extended(quint32 value, quint64 seed);
// hashint8extended(), which timestamp and timestamptz hash with too.
quint64 int8Extended(qint64 value, quint64 seed);
// hash_record_extended(): the hash so far times 31 plus the next column's
// (0 for NULL), starting from 0, every column with the same seed.
constexpr quint64 recordStep(quint64 soFar, quint64 column)
{
    return soFar * 31 + column;
}

} // namespace PgHash
