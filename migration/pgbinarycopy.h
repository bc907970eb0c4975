#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QStringEncoder>
#include <QStringView>
#include <QUuid>

// Appends rows in PostgreSQL's binary COPY format (COPY ... FROM STDIN
// (FORMAT binary)) to a buffer the caller owns and reuses.
//
// Why binary: the server parses the text format's timestamps and uuid
// arrays character by character, and that parsing was most of an import's
// server time; binary fields are copied as they are. The server is the
// bottleneck of an import, so this is where the time goes.
//
// A COPY stream is header(), any number of tuples, trailer(). A tuple is
// startTuple(n) and then exactly n fields in the table's column order; the
// server checks the count and each field's length, and the types must match
// the columns exactly (there is no conversion: a bigint column refuses an
// int32). Every number is big-endian. The writer allocates nothing per
// field: each one is written straight into the buffer's spare capacity.
class PgBinaryCopy
{
public:
    explicit PgBinaryCopy(QByteArray *out);

    // "PGCOPY\n\377\r\n\0", flags 0 and no header extension: 19 bytes.
    static QByteArrayView header();
    // A field count of -1.
    static QByteArrayView trailer();

    void startTuple(qint16 fieldCount);
    void appendNull();
    void appendUuid(const QUuid &id);
    // UTF-8; the connection's client_encoding must be UTF8, because the
    // server converts binary text from it like any other text.
    void appendText(QStringView text);
    void appendBool(bool value);
    // timestamptz from microseconds since the Unix epoch: the server's
    // binary timestamps count microseconds from 2000-01-01 00:00:00 UTC
    // (integer_datetimes, the only kind since PostgreSQL 10).
    void appendTimestamp(qint64 unixMicros);
    void appendInt16(qint16 value);
    void appendInt64(qint64 value);
    void appendFloat8(double value);
    // A one-dimensional uuid[] (no dimensions when empty), without NULLs.
    void appendUuidArray(const QList<QUuid> &ids);

private:
    // Makes room for bytes more at the end and returns where they start.
    char *grow(qsizetype bytes);

    QByteArray *m_out;
    QStringEncoder m_utf8;
};
