#include "legacyreader.h"

#include "legacyvalues.h"
#include "sqlitehandle.h"

#include <QCryptographicHash>
#include <QHash>

#include <sqlite3.h>

#include <algorithm>

using namespace Qt::StringLiterals;

// Fallbacks, chosen so that no row is lost and no value is invented where a
// real one exists:
// - created_at unreadable: updated_at of the row, else the file's mtime;
//   updated_at unreadable: created_at of the row, else the file's mtime.
// - updated_at earlier than created_at: both kept as they were (a warning):
//   they are history, and "fixing" one would be a guess.
// - due_date unreadable: no due date (a warning) rather than a made-up one.
// - completed unreadable: not completed (a warning).
// - unknown priority: none (0) (a warning).
// - title: trimmed; empty becomes "(untitled)". Long titles are kept whole.
// - text that is not UTF-8: invalid bytes become U+FFFD; NUL is removed.
// - todo_tag rows whose todo or tag does not exist: left out (reported).
// - tags equal but for case: merged into the first one's name.
//
// The fingerprint is the SHA-256 of every row of todo, tag and todo_tag in
// id order, each value with its storage class: the same content gives the
// same fingerprint whatever the file's page layout (after a VACUUM, a
// backup), and any changed value gives another one.

namespace {

const QUuid kNamespace = QUuid::fromString(u"{6f1f7c6e-5a43-4f3e-9a0e-6c1b2e4d8a17}");

RawValue column(sqlite3_stmt *stmt, int i, QCryptographicHash *hash)
{
    RawValue v;
    switch (sqlite3_column_type(stmt, i)) {
    case SQLITE_INTEGER:
        v.type = RawValue::Type::Integer;
        v.integer = sqlite3_column_int64(stmt, i);
        hash->addData(QByteArrayView("I" + QByteArray::number(v.integer) + "\x1f"));
        break;
    case SQLITE_FLOAT:
        v.type = RawValue::Type::Real;
        v.real = sqlite3_column_double(stmt, i);
        hash->addData(QByteArrayView("R" + QByteArray::number(v.real, 'g', 17) + "\x1f"));
        break;
    case SQLITE_TEXT:
    case SQLITE_BLOB:
        v.type = sqlite3_column_type(stmt, i) == SQLITE_TEXT ? RawValue::Type::Text : RawValue::Type::Blob;
        v.bytes = QByteArray(static_cast<const char *>(sqlite3_column_blob(stmt, i)), sqlite3_column_bytes(stmt, i));
        hash->addData(QByteArrayView("T" + QByteArray::number(v.bytes.size()) + ":"));
        hash->addData(v.bytes);
        break;
    default:
        hash->addData(QByteArrayView("N\x1f"));
        break;
    }
    return v;
}

class RowMapper
{
public:
    RowMapper(MigrationPlan *plan, const QString &table, const QString &id) : m_plan(plan), m_table(table), m_id(id) { }

    void problem(const QString &columnName, const RawValue &raw, const QString &action, bool skipped = false)
    {
        m_plan->problems.append({m_table, m_id, columnName, raw.display(), action, skipped});
    }

    QString text(const QString &columnName, const RawValue &raw)
    {
        if (raw.isNull())
            return {};
        QByteArray bytes = raw.bytes;
        if (raw.type == RawValue::Type::Integer || raw.type == RawValue::Type::Real)
            bytes = raw.display().toUtf8();
        bool invalid = false, nul = false;
        const QString out = LegacyValues::repairText(bytes, &invalid, &nul);
        if (invalid)
            problem(columnName, raw, u"invalid UTF-8 replaced with U+FFFD"_s);
        if (nul)
            problem(columnName, raw, u"NUL characters removed"_s);
        return out;
    }

private:
    MigrationPlan *m_plan;
    QString m_table;
    QString m_id;
};

QString micros(qint64 us)
{
    return LegacyValues::formatMicros(us);
}

} // namespace

bool LegacyReader::read(const QString &path, int schemaVersion, qint64 fallbackUs, MigrationPlan *plan,
                        QString *error)
{
    SqliteHandle db;
    if (!db.open(path, true, 2000)) {
        *error = db.lastError();
        return false;
    }
    plan->schemaVersion = schemaVersion;
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(QByteArray("tandem-legacy-v") + QByteArray::number(schemaVersion));

    const char *todoSql = schemaVersion >= 2
        ? "SELECT id, title, description, completed, created_at, updated_at, priority, due_date FROM todo ORDER BY id"
        : "SELECT id, title, description, completed, created_at, updated_at FROM todo ORDER BY id";
    SqliteStatement todos(db.get(), todoSql);
    if (!todos.ok()) {
        *error = db.lastError();
        return false;
    }
    QHash<qint64, qsizetype> todoIndex;
    int rc = SQLITE_ROW;
    while ((rc = sqlite3_step(todos.get())) == SQLITE_ROW) {
        ++plan->readTodos;
        MappedTodo t;
        t.legacyId = sqlite3_column_int64(todos.get(), 0);
        RawValue raw[8];
        const int columns = schemaVersion >= 2 ? 8 : 6;
        for (int i = 0; i < columns; ++i)
            raw[i] = column(todos.get(), i, &hash);
        RowMapper row(plan, u"todo"_s, QString::number(t.legacyId));

        const QString title = row.text(u"title"_s, raw[1]);
        t.title = title.trimmed();
        if (t.title.isEmpty()) {
            t.title = u"(untitled)"_s;
            row.problem(u"title"_s, raw[1], u"empty title: imported as \"(untitled)\""_s);
        } else if (t.title != title) {
            row.problem(u"title"_s, raw[1], u"spaces around the title removed"_s);
        }
        t.notes = row.text(u"description"_s, raw[2]);

        const std::optional<bool> completed = LegacyValues::parseBool(raw[3]);
        t.completed = completed.value_or(false);
        if (!completed)
            row.problem(u"completed"_s, raw[3], u"not a boolean: imported as not completed"_s);

        const std::optional<qint64> created = LegacyValues::parseTimestamp(raw[4]);
        const std::optional<qint64> updated = LegacyValues::parseTimestamp(raw[5]);
        t.createdUs = created.value_or(updated.value_or(fallbackUs));
        t.updatedUs = updated.value_or(created.value_or(fallbackUs));
        if (!created)
            row.problem(u"created_at"_s, raw[4],
                        u"not a date: imported as %1 (%2)"_s.arg(micros(t.createdUs),
                                                                 updated ? u"the row's updated_at"_s
                                                                         : u"the file's modification time"_s));
        if (!updated)
            row.problem(u"updated_at"_s, raw[5],
                        u"not a date: imported as %1 (%2)"_s.arg(micros(t.updatedUs),
                                                                 created ? u"the row's created_at"_s
                                                                         : u"the file's modification time"_s));
        if (created && updated && *updated < *created)
            row.problem(u"updated_at"_s, raw[5], u"earlier than created_at (%1): kept as it was"_s.arg(micros(*created)));

        if (schemaVersion >= 2) {
            const std::optional<int> priority = LegacyValues::parsePriority(raw[6]);
            t.priority = priority.value_or(0);
            if (!priority)
                row.problem(u"priority"_s, raw[6], u"unknown priority: imported as none"_s);
            else if (raw[6].type == RawValue::Type::Text && raw[6].bytes != raw[6].bytes.toUpper())
                row.problem(u"priority"_s, raw[6], u"priority value instead of its name: read as %1"_s.arg(QString::fromUtf8(raw[6].bytes.toUpper())));
            if (!raw[7].isNull()) {
                bool hasTime = true;
                t.dueUs = LegacyValues::parseTimestamp(raw[7], &hasTime);
                t.dueHasTime = t.dueUs && hasTime;
                if (!t.dueUs)
                    row.problem(u"due_date"_s, raw[7], u"not a date: imported without a due date"_s);
            }
        }
        t.position = double(plan->todos.size() + 1);
        todoIndex.insert(t.legacyId, plan->todos.size());
        plan->todos.append(t);
    }
    if (rc != SQLITE_DONE) {
        *error = db.lastError();
        return false;
    }

    if (schemaVersion >= 2) {
        QHash<qint64, QString> tagKeyById;
        QHash<QString, qsizetype> tagByKey;
        SqliteStatement tags(db.get(), "SELECT id, name FROM tag ORDER BY id");
        while (tags.ok() && (rc = sqlite3_step(tags.get())) == SQLITE_ROW) {
            ++plan->readTags;
            const qint64 id = sqlite3_column_int64(tags.get(), 0);
            column(tags.get(), 0, &hash);
            const RawValue raw = column(tags.get(), 1, &hash);
            RowMapper row(plan, u"tag"_s, QString::number(id));
            const QString name = row.text(u"name"_s, raw).trimmed();
            if (name.isEmpty()) {
                row.problem(u"name"_s, raw, u"empty tag name: tag left out"_s, true);
                continue;
            }
            const QString key = name.toLower();
            tagKeyById.insert(id, key);
            if (tagByKey.contains(key)) {
                row.problem(u"name"_s, raw, u"same name as \"%1\" but for case: merged"_s.arg(plan->tags.at(tagByKey.value(key)).name));
                continue;
            }
            tagByKey.insert(key, plan->tags.size());
            plan->tags.append({QUuid(), name});
        }
        SqliteStatement links(db.get(), "SELECT todo_id, tag_id FROM todo_tag ORDER BY todo_id, tag_id");
        while (links.ok() && (rc = sqlite3_step(links.get())) == SQLITE_ROW) {
            ++plan->readLinks;
            const RawValue todoRaw = column(links.get(), 0, &hash);
            const RawValue tagRaw = column(links.get(), 1, &hash);
            RowMapper row(plan, u"todo_tag"_s, u"%1/%2"_s.arg(todoRaw.display(), tagRaw.display()));
            if (!todoIndex.contains(todoRaw.integer)) {
                row.problem(u"todo_id"_s, todoRaw, u"no such todo: link left out"_s, true);
                continue;
            }
            if (!tagKeyById.contains(tagRaw.integer)) {
                row.problem(u"tag_id"_s, tagRaw, u"no such tag: link left out"_s, true);
                continue;
            }
            const QString key = tagKeyById.value(tagRaw.integer);
            MappedTodo &todo = plan->todos[todoIndex.value(todoRaw.integer)];
            if (todo.tags.contains(key)) {
                row.problem(u"tag_id"_s, tagRaw, u"the todo already has this tag (merged by case): counted once"_s);
                continue;
            }
            todo.tags.append(key);
        }
        // Links are built from the todos by assignIds(), one per (todo, tag).
        for (MappedTodo &todo : plan->todos)
            std::sort(todo.tags.begin(), todo.tags.end());
    }
    plan->fingerprint = QString::fromLatin1(hash.result().toHex());
    return true;
}

QUuid LegacyReader::todoId(const QString &fingerprint, const QString &owner, qint64 legacyId)
{
    return QUuid::createUuidV5(kNamespace, u"%1/%2/todo/%3"_s.arg(owner, fingerprint).arg(legacyId));
}

void LegacyReader::assignIds(MigrationPlan *plan, const QString &owner)
{
    plan->owner = owner;
    const QString base = owner + u"/"_s + plan->fingerprint;
    plan->listId = QUuid::createUuidV5(kNamespace, base + u"/list"_s);
    for (MappedTag &tag : plan->tags)
        tag.id = QUuid::createUuidV5(kNamespace, base + u"/tag/"_s + tag.name.toLower());
    // Links are rebuilt from the todos, in todo order: one per (todo, tag).
    plan->links.clear();
    for (MappedTodo &todo : plan->todos) {
        todo.id = todoId(plan->fingerprint, owner, todo.legacyId);
        for (const QString &key : std::as_const(todo.tags))
            plan->links.append({todo.id, key});
    }
}
