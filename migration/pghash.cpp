#include "pghash.h"

#include <bit>
#include <cstring>

namespace {

inline quint32 rot(quint32 x, int k)
{
    return std::rotl(x, k);
}

inline void mix(quint32 &a, quint32 &b, quint32 &c)
{
    a -= c; a ^= rot(c, 4); c += b;
    b -= a; b ^= rot(a, 6); a += c;
    c -= b; c ^= rot(b, 8); b += a;
    a -= c; a ^= rot(c, 16); c += b;
    b -= a; b ^= rot(a, 19); a += c;
    c -= b; c ^= rot(b, 4); b += a;
}

inline void finalMix(quint32 &a, quint32 &b, quint32 &c)
{
    c ^= b; c -= rot(b, 14);
    a ^= c; a -= rot(c, 11);
    b ^= a; b -= rot(a, 25);
    c ^= b; c -= rot(b, 16);
    a ^= c; a -= rot(c, 4);
    b ^= a; b -= rot(a, 14);
    c ^= b; c -= rot(b, 24);
}

// Four bytes as the little-endian word a server on x86-64 or ARM reads.
inline quint32 word(const unsigned char *p)
{
    return quint32(p[0]) | quint32(p[1]) << 8 | quint32(p[2]) << 16 | quint32(p[3]) << 24;
}

} // namespace

quint64 PgHash::bytesExtended(QByteArrayView bytes, quint64 seed)
{
    const auto *k = reinterpret_cast<const unsigned char *>(bytes.data());
    quint32 len = quint32(bytes.size());
    quint32 a, b, c;
    a = b = c = 0x9e3779b9 + len + 3923095;
    if (seed != 0) {
        a += quint32(seed >> 32);
        b += quint32(seed);
        mix(a, b, c);
    }
    while (len >= 12) {
        a += word(k);
        b += word(k + 4);
        c += word(k + 8);
        mix(a, b, c);
        k += 12;
        len -= 12;
    }
    // The last 11 bytes; the lowest byte of c stays for the length.
    switch (len) {
    case 11: c += quint32(k[10]) << 24; [[fallthrough]];
    case 10: c += quint32(k[9]) << 16; [[fallthrough]];
    case 9: c += quint32(k[8]) << 8; [[fallthrough]];
    case 8: b += word(k + 4); a += word(k); break;
    case 7: b += quint32(k[6]) << 16; [[fallthrough]];
    case 6: b += quint32(k[5]) << 8; [[fallthrough]];
    case 5: b += k[4]; [[fallthrough]];
    case 4: a += word(k); break;
    case 3: a += quint32(k[2]) << 16; [[fallthrough]];
    case 2: a += quint32(k[1]) << 8; [[fallthrough]];
    case 1: a += k[0]; break;
    default: break;
    }
    finalMix(a, b, c);
    return quint64(b) << 32 | c;
}

quint64 PgHash::uint32Extended(quint32 value, quint64 seed)
{
    quint32 a, b, c;
    a = b = c = 0x9e3779b9 + quint32(sizeof(quint32)) + 3923095;
    if (seed != 0) {
        a += quint32(seed >> 32);
        b += quint32(seed);
        mix(a, b, c);
    }
    a += value;
    finalMix(a, b, c);
    return quint64(b) << 32 | c;
}

quint64 PgHash::int8Extended(qint64 value, quint64 seed)
{
    // The low half folded with the high one, negated for negative values,
    // so that an int8 equal to an int4 hashes like it.
    const quint32 high = quint32(quint64(value) >> 32);
    quint32 low = quint32(value);
    low ^= value >= 0 ? high : ~high;
    return uint32Extended(low, seed);
}
