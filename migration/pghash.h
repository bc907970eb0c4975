#pragma once

#include <QByteArrayView>
#include <QtGlobal>

// PostgreSQL's own 64-bit hash of a byte string, as its SQL functions
// hashtextextended(text, seed) (for a deterministic collation) and
// uuid_hash_extended(uuid, seed) compute it: Bob Jenkins' lookup3 (public
// domain) with PostgreSQL's seeding and tail, on a little-endian server.
// Hash partitioning stores these values, so PostgreSQL keeps them stable
// across versions.
//
// The import's validation uses it for the per-row checksums: the server
// computes it in C for every row, far cheaper than md5() and its text,
// and the client computes the same (see ImportValidator).
namespace PgHash {

quint64 bytesExtended(QByteArrayView bytes, quint64 seed);

} // namespace PgHash
