#pragma once

#include "legacyvalues.h"

#include <QByteArray>
#include <QCryptographicHash>

#include <charconv>

// One stream of the file's fingerprint (see legacyfirstpass.cpp): the tags
// and links, or one block of todos. Fed to the hash in 64 KiB pieces rather
// than a call per value; inline, as it is called for every value read.
class StreamHash
{
public:
    void add(const RawValue &v)
    {
        switch (v.type) {
        case RawValue::Type::Integer: {
            char digits[24];
            const auto end = std::to_chars(digits, digits + sizeof digits, v.integer).ptr;
            m_buffer += 'I';
            m_buffer.append(digits, end - digits);
            m_buffer += '\x1f';
            break;
        }
        case RawValue::Type::Real:
            m_buffer += 'R';
            m_buffer += QByteArray::number(v.real, 'g', 17);
            m_buffer += '\x1f';
            break;
        case RawValue::Type::Text:
        case RawValue::Type::Blob: {
            char digits[24];
            const auto end = std::to_chars(digits, digits + sizeof digits, v.bytes.size()).ptr;
            m_buffer += 'T';
            m_buffer.append(digits, end - digits);
            m_buffer += ':';
            m_buffer += v.bytes;
            break;
        }
        case RawValue::Type::Null:
            m_buffer += "N\x1f";
            break;
        }
        if (m_buffer.size() >= (1 << 16))
            flush();
    }
    // The stream's digest (32 bytes); the hash starts again.
    QByteArray result()
    {
        flush();
        const QByteArray digest = m_hash.result();
        m_hash.reset();
        return digest;
    }

private:
    void flush()
    {
        m_hash.addData(m_buffer);
        m_buffer.clear();
    }
    QCryptographicHash m_hash{QCryptographicHash::Blake2b_256};
    QByteArray m_buffer;
};
