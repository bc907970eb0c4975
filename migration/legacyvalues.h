#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

// A value as SQLite stored it: the legacy app's columns have no enforced
// types, so every reader must look at the storage class first.
struct RawValue
{
    enum class Type { Null, Integer, Real, Text, Blob };
    Type type = Type::Null;
    qint64 integer = 0;
    double real = 0;
    QByteArray bytes; // Text and Blob

    bool isNull() const { return type == Type::Null; }
    // For problem reports: the value as text, shortened, bytes that are not
    // UTF-8 shown as \xNN.
    QString display() const;
};

// The parsing rules for the legacy values, kept free of I/O so they can be
// tested row by row.
//
// Timestamps become int64 microseconds since the Unix epoch, UTC. Not
// QDateTime: it keeps milliseconds only, and the legacy app wrote
// microseconds that must arrive exactly.
class LegacyValues
{
public:
    // Accepts "YYYY-MM-DD[ T]HH:MM[:SS[.f{1,6}]][Z|+HH:MM|-HH:MM|+HHMM|+HH]",
    // "YYYY-MM-DD" (midnight UTC), Unix epoch seconds (integer, real or a
    // text of digits). Naive forms are UTC: the old app used utcnow().
    // nullopt for anything else ("yesterday").
    static std::optional<qint64> parseTimestamp(const RawValue &value, bool *hasTime = nullptr);
    // "2024-03-02 07:26:00.367299+00": exact, and understood by timestamptz.
    static QString formatMicros(qint64 micros);

    // 0/1 (integer or text), true/false, t/f, yes/no, any case.
    static std::optional<bool> parseBool(const RawValue &value);
    // LOW/MEDIUM/HIGH in any case -> 1/2/3. NULL or empty -> 0.
    static std::optional<int> parsePriority(const RawValue &value);

    // Decodes UTF-8; invalid sequences become U+FFFD and NUL characters are
    // removed (PostgreSQL text cannot hold them). The flags say what happened.
    static QString repairText(const QByteArray &bytes, bool *invalidUtf8, bool *hadNul);
};
