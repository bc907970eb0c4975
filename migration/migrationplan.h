#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUuid>

#include <array>
#include <optional>

// What the legacy file holds, mapped onto the cloud schema, and every
// problem found on the way. It keeps no values, only what the transfer and
// the validation need between reading and writing (about 40 bytes a todo),
// so a file of any size is migrated in bounded memory. LegacyReader fills
// it in two passes: the structure first (counts, fingerprint, tags and
// links), then each todo's problems and checksum as the transfer reads the
// rows batch by batch (see LegacyReader).

// One thing about one legacy row that did not map one to one.
struct RowProblem
{
    QString table;    // todo, tag, todo_tag
    QString legacyId; // the row's id (todo_tag: "todo_id/tag_id")
    QString column;
    QString rawValue; // shortened for display
    QString action;   // what the migration does about it
    bool skipped = false; // true: the row does not reach the cloud
};

// One todo, mapped. Lives only while its row is read, checked or sent.
struct MappedTodo
{
    qint64 legacyId = 0;
    QUuid id;
    QString title;
    QString notes;
    bool completed = false;
    int priority = 0; // 0 none, 1 low, 2 medium, 3 high
    qint64 createdUs = 0; // microseconds since the Unix epoch, UTC
    qint64 updatedUs = 0;
    std::optional<qint64> dueUs;
    bool dueHasTime = false;
    double position = 0;
    QStringList tags; // lower-cased tag names
    QList<QUuid> tagIds; // the cloud's ids of those tags, each once (known after the claim)
};

// What the plan remembers of a todo: its legacy id and the checksum of its
// values (ImportValidator::rowDigest).
struct TodoDigest
{
    qint64 legacyId = 0;
    quint64 checksum = 0; // ImportValidator::rowDigest
};

struct MappedTag
{
    QUuid id; // derived from the file; after the claim, the cloud's tag of that name
    QString name; // as first seen
    QString key;  // TagKey::of(name): tags of one key are one tag, here and in the cloud
};

// A todo's tag, after orphans and duplicates (merged by case) are dropped.
struct MappedLink
{
    qint64 todoLegacyId = 0;
    int tag = 0; // index into MigrationPlan::tags
};

struct TableCount
{
    QString table;
    qint64 read = 0;
    qint64 migrated = 0;
    qint64 warnings = 0;
    qint64 skipped = 0;
    double seconds = 0;
};

struct MigrationPlan
{
    int schemaVersion = 0; // 1 or 2
    QString fingerprint;   // BLAKE2b-256 hex of the rows' content (see LegacyReader)
    QString owner;         // the cloud role the ids are derived for
    QUuid listId;          // the "Imported" list of this file
    QByteArray idPrefix;   // the first bytes of every todo id of this import (LegacyReader::todoId)
    QList<TodoDigest> todos; // every todo that reaches the cloud, in legacy id order
    QList<MappedTag> tags;
    QList<MappedLink> links; // in todo legacy id order
    QList<RowProblem> problems;
    qsizetype mappedTodos = 0; // todos whose problems and checksum are recorded (LegacyReader::next)
    qint64 readTodos = 0;
    qint64 readTags = 0;
    qint64 readLinks = 0;

    bool hasSkipped() const
    {
        for (const RowProblem &p : problems)
            if (p.skipped)
                return true;
        return false;
    }
};
