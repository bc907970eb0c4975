#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUuid>

#include <optional>

// What the legacy file holds, already mapped onto the cloud schema, plus
// every problem found on the way. Built once from the backup by
// LegacyReader; the transfer and the validation only read it.

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
    QStringList tags; // lower-cased tag names, sorted
};

struct MappedTag
{
    QUuid id;
    QString name; // as first seen
};

struct MappedLink
{
    QUuid todoId;
    QString tagKey; // lower-cased tag name; resolved to the tag's id on the server
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
    QString fingerprint;   // sha256 hex of the rows' content (see LegacyReader)
    QString owner;         // the cloud role the ids are derived for
    QUuid listId;          // the "Imported" list of this file
    QList<MappedTodo> todos;
    QList<MappedTag> tags;
    QList<MappedLink> links;
    QList<RowProblem> problems;
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
