#include "legacyreader.h"

#include "importvalidator.h"
#include "legacyvalues.h"
#include "sqlitehandle.h"

#include <QCryptographicHash>
#include <QHash>

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <future>
#include <limits>
#include <optional>

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
// The fingerprint is a BLAKE2b-256 hash (three times as fast as SHA-256 in
// Qt's implementation, and as strong) of every value of every row of tag,
// todo_tag and todo, each value with its storage class, in two levels so
// that two threads can hash the todos:
//   BLAKE2b-256("tandem-legacy-v<schema version>/<kTodoBlockRows>\n"
//               || S || B(0) || B(1) || ... || B(n-1))
// S is the BLAKE2b-256 of the tags (id, name) in id order, then the links
// (todo_id, tag_id) in that order; B(i) is the BLAKE2b-256 of todos
// i*kTodoBlockRows to (i+1)*kTodoBlockRows - 1 in id order, every column
// (the last block may be shorter; no todos, no block). The blocks are fixed
// by the rows, not by the threads, so the fingerprint does not depend on
// how the work is split; the same content gives the same fingerprint
// whatever the file's page layout (after a VACUUM, a backup), and any
// changed value gives another one.

namespace {

const QUuid kNamespace = QUuid::fromString(u"{6f1f7c6e-5a43-4f3e-9a0e-6c1b2e4d8a17}");

// Todos per block of the fingerprint (see the top of the file): 200,000
// todos make 25 blocks, so the halves are within a block of even.
constexpr int kTodoBlockRows = 8192;

// The tests' overrides (LegacyReader::setFirstPassForTests); 0: the default.
int gTestBlockRows = 0;
int gTestThreads = 0;

// One stream of the fingerprint (the tags and links, or one block of
// todos), fed to the hash in 64 KiB pieces rather than a call per value.
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

// A column's value with its storage class. Text and blobs point into
// SQLite's row buffer: valid until the statement steps on.
RawValue column(sqlite3_stmt *stmt, int i)
{
    RawValue v;
    switch (sqlite3_column_type(stmt, i)) {
    case SQLITE_INTEGER:
        v.type = RawValue::Type::Integer;
        v.integer = sqlite3_column_int64(stmt, i);
        break;
    case SQLITE_FLOAT:
        v.type = RawValue::Type::Real;
        v.real = sqlite3_column_double(stmt, i);
        break;
    case SQLITE_TEXT:
    case SQLITE_BLOB:
        v.type = sqlite3_column_type(stmt, i) == SQLITE_TEXT ? RawValue::Type::Text : RawValue::Type::Blob;
        v.bytes = QByteArray::fromRawData(static_cast<const char *>(sqlite3_column_blob(stmt, i)),
                                          sqlite3_column_bytes(stmt, i));
        break;
    default:
        break;
    }
    return v;
}

// Records the problems of one row; without a list (the second pass) it only
// maps.
class RowMapper
{
public:
    RowMapper(QList<RowProblem> *problems, const QString &table, qint64 id)
        : m_problems(problems), m_table(table), m_id(id)
    {
    }

    void problem(const QString &columnName, const RawValue &raw, const QString &action, bool skipped = false)
    {
        if (m_problems)
            m_problems->append({m_table, QString::number(m_id), columnName, raw.display(), action, skipped});
    }
    // A QT_TRANSLATE_NOOP text, translated only when it is recorded: the
    // second pass maps every row again without a list.
    void problem(const QString &columnName, const RawValue &raw, const char *action, bool skipped = false)
    {
        if (m_problems)
            problem(columnName, raw, QCoreApplication::translate("LegacyReader", action), skipped);
    }
    bool recording() const { return m_problems != nullptr; }

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
            problem(columnName, raw, QT_TRANSLATE_NOOP("LegacyReader", "invalid UTF-8 replaced with U+FFFD"));
        if (nul)
            problem(columnName, raw, QT_TRANSLATE_NOOP("LegacyReader", "NUL characters removed"));
        return out;
    }

private:
    QList<RowProblem> *m_problems;
    QString m_table;
    qint64 m_id;
};

QString micros(qint64 us)
{
    return LegacyValues::formatMicros(us);
}

const char *todoQuery(int schemaVersion)
{
    return schemaVersion >= 2 ? "SELECT id, title, description, completed, created_at, updated_at, priority, due_date"
                                " FROM todo WHERE id >= ? ORDER BY id"
                              : "SELECT id, title, description, completed, created_at, updated_at"
                                " FROM todo WHERE id >= ? ORDER BY id";
}

const char *todoRangeQuery(int schemaVersion)
{
    return schemaVersion >= 2 ? "SELECT id, title, description, completed, created_at, updated_at, priority, due_date"
                                " FROM todo WHERE id BETWEEN ? AND ? ORDER BY id"
                              : "SELECT id, title, description, completed, created_at, updated_at"
                                " FROM todo WHERE id BETWEEN ? AND ? ORDER BY id";
}

// The todos one thread of the first pass read, in id order.
struct TodoPart
{
    QList<TodoDigest> todos;
    QByteArray blocks; // the digest of each of its fingerprint blocks, in order
    QString error;
};

// Reads the todos with from <= id <= to: their ids and the digests of their
// blocks, the first row starting a block. The todos' raw values only feed
// the fingerprint; mapping them waits for next(), which an import calls
// while the cloud inserts the batch before. False on an error, or when
// stop is set (the other thread failed).
bool readTodos(sqlite3 *db, int schemaVersion, qint64 from, qint64 to, int blockRows,
               const std::atomic<bool> &stop, TodoPart *part)
{
    SqliteStatement todos(db, todoRangeQuery(schemaVersion));
    if (!todos.ok() || sqlite3_bind_int64(todos.get(), 1, from) != SQLITE_OK
        || sqlite3_bind_int64(todos.get(), 2, to) != SQLITE_OK)
        return false;
    const int columns = schemaVersion >= 2 ? 8 : 6;
    StreamHash block;
    int inBlock = 0;
    int rc = SQLITE_DONE;
    while ((rc = sqlite3_step(todos.get())) == SQLITE_ROW) {
        qint64 legacyId = 0;
        for (int i = 0; i < columns; ++i) {
            const RawValue raw = column(todos.get(), i);
            block.add(raw);
            if (i == 0)
                legacyId = raw.integer;
        }
        part->todos.append(TodoDigest{legacyId, {}});
        if (++inBlock == blockRows) {
            part->blocks += block.result();
            inBlock = 0;
            if (stop.load(std::memory_order_relaxed))
                return false;
        }
    }
    if (inBlock > 0)
        part->blocks += block.result();
    return rc == SQLITE_DONE;
}

// Where the first thread's todos end: it reads the ids below firstId, which
// must be firstRows todos (the first blocks/2 blocks).
struct Split
{
    qint64 firstId = 0;
    qint64 firstRows = 0;
};

// The second thread, on a connection of its own: counts the todos, tells
// the first thread where the halves meet (nothing: it reads them all) and
// reads the second half. Counting here keeps it beside the first thread's
// read of the tags and links, off the critical path. A file of fewer than
// two blocks, or one this thread cannot open or count, is left to the first
// thread, which reports the file's errors in the order one thread meets them.
TodoPart readSecondHalf(const QString &path, int schemaVersion, int blockRows, std::promise<std::optional<Split>> split,
                        const std::atomic<bool> &stop)
{
    TodoPart part;
    SqliteHandle handle;
    qint64 count = 0;
    if (!handle.open(path, true, 2000) || !handle.scalarInt("SELECT count(*) FROM todo", &count)) {
        split.set_value(std::nullopt);
        return part;
    }
    const qint64 blocks = (count + blockRows - 1) / blockRows;
    const qint64 firstRows = blocks / 2 * blockRows;
    SqliteStatement first(handle.get(), "SELECT id FROM todo ORDER BY id LIMIT 1 OFFSET ?");
    if (blocks < 2 || !first.ok() || sqlite3_bind_int64(first.get(), 1, firstRows) != SQLITE_OK
        || sqlite3_step(first.get()) != SQLITE_ROW) {
        split.set_value(std::nullopt);
        return part;
    }
    const qint64 firstId = sqlite3_column_int64(first.get(), 0);
    split.set_value(Split{firstId, firstRows});
    if (!readTodos(handle.get(), schemaVersion, firstId, std::numeric_limits<qint64>::max(), blockRows, stop, &part))
        part.error = handle.lastError();
    return part;
}

// One todo row onto the cloud schema, recording its problems when given a
// list.
void mapTodo(sqlite3_stmt *stmt, int schemaVersion, qint64 fallbackUs, MappedTodo *t, QList<RowProblem> *problems)
{
    RawValue raw[8];
    const int columns = schemaVersion >= 2 ? 8 : 6;
    for (int i = 0; i < columns; ++i)
        raw[i] = column(stmt, i);
    t->legacyId = raw[0].integer;
    RowMapper row(problems, u"todo"_s, t->legacyId);

    const QString title = row.text(u"title"_s, raw[1]);
    t->title = title.trimmed();
    if (t->title.isEmpty()) {
        t->title = u"(untitled)"_s;
        row.problem(u"title"_s, raw[1], QT_TRANSLATE_NOOP("LegacyReader", "empty title: imported as \"(untitled)\""));
    } else if (t->title.size() != title.size()) {
        row.problem(u"title"_s, raw[1], QT_TRANSLATE_NOOP("LegacyReader", "spaces around the title removed"));
    }
    t->notes = row.text(u"description"_s, raw[2]);

    const std::optional<bool> completed = LegacyValues::parseBool(raw[3]);
    t->completed = completed.value_or(false);
    if (!completed)
        row.problem(u"completed"_s, raw[3],
                    QT_TRANSLATE_NOOP("LegacyReader", "not a boolean: imported as not completed"));

    const std::optional<qint64> created = LegacyValues::parseTimestamp(raw[4]);
    const std::optional<qint64> updated = LegacyValues::parseTimestamp(raw[5]);
    t->createdUs = created.value_or(updated.value_or(fallbackUs));
    t->updatedUs = updated.value_or(created.value_or(fallbackUs));
    if (row.recording()) {
        if (!created)
            row.problem(u"created_at"_s, raw[4],
                        QCoreApplication::translate("LegacyReader", "not a date: imported as %1 (%2)")
                            .arg(micros(t->createdUs),
                                 updated ? QCoreApplication::translate("LegacyReader", "the row's updated_at")
                                         : QCoreApplication::translate("LegacyReader",
                                                                       "the file's modification time")));
        if (!updated)
            row.problem(u"updated_at"_s, raw[5],
                        QCoreApplication::translate("LegacyReader", "not a date: imported as %1 (%2)")
                            .arg(micros(t->updatedUs),
                                 created ? QCoreApplication::translate("LegacyReader", "the row's created_at")
                                         : QCoreApplication::translate("LegacyReader",
                                                                       "the file's modification time")));
        if (created && updated && *updated < *created)
            row.problem(u"updated_at"_s, raw[5],
                        QCoreApplication::translate("LegacyReader", "earlier than created_at (%1): kept as it was")
                            .arg(micros(*created)));
    }

    t->priority = 0;
    t->dueUs.reset();
    t->dueHasTime = false;
    if (schemaVersion >= 2) {
        const std::optional<int> priority = LegacyValues::parsePriority(raw[6]);
        t->priority = priority.value_or(0);
        if (!priority)
            row.problem(u"priority"_s, raw[6], QT_TRANSLATE_NOOP("LegacyReader", "unknown priority: imported as none"));
        else if (row.recording() && raw[6].type == RawValue::Type::Text && raw[6].bytes != raw[6].bytes.toUpper())
            row.problem(u"priority"_s, raw[6],
                        QCoreApplication::translate("LegacyReader", "priority value instead of its name: read as %1")
                            .arg(QString::fromUtf8(raw[6].bytes.toUpper())));
        if (!raw[7].isNull()) {
            bool hasTime = true;
            t->dueUs = LegacyValues::parseTimestamp(raw[7], &hasTime);
            t->dueHasTime = t->dueUs && hasTime;
            if (!t->dueUs)
                row.problem(u"due_date"_s, raw[7],
                            QT_TRANSLATE_NOOP("LegacyReader", "not a date: imported without a due date"));
        }
    }
}

// A link read in the first pass, before the todos are: todo_id as stored,
// the tag it names (-1: no such tag).
struct PendingLink
{
    qint64 todoId = 0;
    qint64 tagId = 0;
    int tag = -1;
    QString todoDisplay; // the values as stored, for the report
    QString tagDisplay;
    RawValue::Type todoType = RawValue::Type::Null;
};

// Once every row is mapped: the report lists todos, then tags, then links,
// each in id order (the todos' problems are recorded last).
void sortProblems(MigrationPlan *plan)
{
    const auto rank = [](const QString &table) { return table == u"todo"_s ? 0 : table == u"tag"_s ? 1 : 2; };
    std::stable_sort(plan->problems.begin(), plan->problems.end(),
                     [&rank](const RowProblem &a, const RowProblem &b) { return rank(a.table) < rank(b.table); });
}

} // namespace

struct LegacyReader::Private
{
    QString path;
    int schemaVersion = 0;
    qint64 fallbackUs = 0;
    SqliteHandle db;
    std::unique_ptr<SqliteStatement> cursor;
    MigrationPlan *plan = nullptr;
    qsizetype index = 0;    // next plan.todos entry
    qsizetype linkAt = 0;   // next plan.links entry

    bool open(QString *error)
    {
        if (db.get())
            return true;
        if (!db.open(path, true, 2000)) {
            *error = db.lastError();
            return false;
        }
        return true;
    }
};

LegacyReader::LegacyReader(const QString &path, int schemaVersion, qint64 fallbackUs) : d(std::make_unique<Private>())
{
    d->path = path;
    d->schemaVersion = schemaVersion;
    d->fallbackUs = fallbackUs;
}

LegacyReader::~LegacyReader() = default;

bool LegacyReader::readStructure(MigrationPlan *plan, QString *error)
{
    if (!d->open(error))
        return false;
    sqlite3 *db = d->db.get();
    const int schemaVersion = d->schemaVersion;
    plan->schemaVersion = schemaVersion;
    const int blockRows = gTestBlockRows > 0 ? gTestBlockRows : kTodoBlockRows;

    // The todos are most of the work (stepping, reading, hashing): a second
    // thread reads the second half of them while this one reads the tags,
    // the links and the first half.
    std::atomic<bool> stop{false};
    std::promise<std::optional<Split>> splitPromise;
    std::future<std::optional<Split>> split = splitPromise.get_future();
    std::future<TodoPart> second;
    if (gTestThreads == 1)
        splitPromise.set_value(std::nullopt);
    else
        second = std::async(std::launch::async, readSecondHalf, d->path, schemaVersion, blockRows,
                            std::move(splitPromise), std::cref(stop));
    // Declared after second: an early return stops the second thread, then
    // waits for it.
    struct StopOnReturn
    {
        std::atomic<bool> &stop;
        ~StopOnReturn() { stop = true; }
    } stopOnReturn{stop};

    StreamHash structure;
    int rc = SQLITE_DONE;

    // Tags and links first (few bytes a row): the links, sorted, are then
    // matched to the todos in one walk.
    QList<PendingLink> pending;
    if (schemaVersion >= 2) {
        QHash<qint64, int> tagById;
        QHash<QString, int> tagByKey;
        SqliteStatement tags(db, "SELECT id, name FROM tag ORDER BY id");
        while (tags.ok() && (rc = sqlite3_step(tags.get())) == SQLITE_ROW) {
            ++plan->readTags;
            const RawValue idRaw = column(tags.get(), 0);
            const RawValue raw = column(tags.get(), 1);
            structure.add(idRaw);
            structure.add(raw);
            const qint64 id = idRaw.integer;
            RowMapper row(&plan->problems, u"tag"_s, id);
            const QString name = row.text(u"name"_s, raw).trimmed();
            if (name.isEmpty()) {
                row.problem(u"name"_s, raw, tr("empty tag name: tag left out"), true);
                continue;
            }
            const QString key = name.toLower();
            const auto known = tagByKey.constFind(key);
            if (known != tagByKey.cend()) {
                tagById.insert(id, *known);
                row.problem(u"name"_s, raw,
                            tr("same name as \"%1\" but for case: merged").arg(plan->tags.at(*known).name));
                continue;
            }
            tagByKey.insert(key, int(plan->tags.size()));
            tagById.insert(id, int(plan->tags.size()));
            plan->tags.append({QUuid(), name, key});
        }
        if (!tags.ok() || rc != SQLITE_DONE) {
            *error = d->db.lastError();
            return false;
        }
        SqliteStatement links(db, "SELECT todo_id, tag_id FROM todo_tag ORDER BY todo_id, tag_id");
        while (links.ok() && (rc = sqlite3_step(links.get())) == SQLITE_ROW) {
            ++plan->readLinks;
            const RawValue todoRaw = column(links.get(), 0);
            const RawValue tagRaw = column(links.get(), 1);
            structure.add(todoRaw);
            structure.add(tagRaw);
            PendingLink link;
            link.todoId = todoRaw.integer;
            link.todoType = todoRaw.type;
            link.tagId = tagRaw.integer;
            link.tag = tagRaw.type == RawValue::Type::Integer ? tagById.value(tagRaw.integer, -1) : -1;
            link.todoDisplay = todoRaw.display();
            link.tagDisplay = tagRaw.display();
            pending.append(link);
        }
        if (!links.ok() || rc != SQLITE_DONE) {
            *error = d->db.lastError();
            return false;
        }
        // Integer todo ids in order (SQLite sorts NULL, then numbers, then
        // text); anything else names no todo.
        std::stable_sort(pending.begin(), pending.end(), [](const PendingLink &a, const PendingLink &b) {
            const bool ai = a.todoType == RawValue::Type::Integer, bi = b.todoType == RawValue::Type::Integer;
            if (ai != bi)
                return !ai;
            return ai && a.todoId < b.todoId;
        });
    }

    auto linkProblem = [plan](const PendingLink &link, const QString &columnName, const QString &action,
                              bool skipped) {
        plan->problems.append({u"todo_tag"_s, link.todoDisplay + u'/' + link.tagDisplay, columnName,
                               columnName == u"todo_id"_s ? link.todoDisplay : link.tagDisplay, action, skipped});
    };
    qsizetype linkAt = 0;
    while (linkAt < pending.size() && pending.at(linkAt).todoType != RawValue::Type::Integer) {
        linkProblem(pending.at(linkAt), u"todo_id"_s, tr("no such todo: link left out"), true);
        ++linkAt;
    }

    TodoPart first;
    const std::optional<Split> halves = split.get();
    const qint64 last = halves ? halves->firstId - 1 : std::numeric_limits<qint64>::max();
    if (!readTodos(db, schemaVersion, std::numeric_limits<qint64>::min(), last, blockRows, stop, &first)) {
        *error = d->db.lastError();
        return false;
    }
    TodoPart rest;
    if (second.valid())
        rest = second.get();
    if (!rest.error.isEmpty()) {
        *error = rest.error;
        return false;
    }
    // The second half's blocks line up with the first half's only
    // if the first half is the rows the second thread counted.
    if (halves && first.todos.size() != halves->firstRows) {
        *error = tr("the backup changed while it was read");
        return false;
    }
    plan->readTodos += first.todos.size() + rest.todos.size();
    plan->todos.reserve(plan->todos.size() + first.todos.size() + rest.todos.size());
    plan->todos.append(std::move(first.todos));
    plan->todos.append(std::move(rest.todos));

    QList<int> tagsOfTodo;
    for (const TodoDigest &todo : std::as_const(plan->todos)) {
        const qint64 legacyId = todo.legacyId;
        tagsOfTodo.clear();
        for (; linkAt < pending.size() && pending.at(linkAt).todoId <= legacyId; ++linkAt) {
            const PendingLink &link = pending.at(linkAt);
            if (link.todoId < legacyId) {
                linkProblem(link, u"todo_id"_s, tr("no such todo: link left out"), true);
            } else if (link.tag < 0) {
                linkProblem(link, u"tag_id"_s, tr("no such tag: link left out"), true);
            } else if (tagsOfTodo.contains(link.tag)) {
                linkProblem(link, u"tag_id"_s, tr("the todo already has this tag (merged by case): counted once"),
                            false);
            } else {
                tagsOfTodo.append(link.tag);
                plan->links.append({legacyId, link.tag});
            }
        }
    }
    for (; linkAt < pending.size(); ++linkAt)
        linkProblem(pending.at(linkAt), u"todo_id"_s, tr("no such todo: link left out"), true);
    QCryptographicHash fingerprint(QCryptographicHash::Blake2b_256);
    fingerprint.addData(QByteArray("tandem-legacy-v") + QByteArray::number(schemaVersion) + '/'
                        + QByteArray::number(blockRows) + '\n');
    fingerprint.addData(structure.result());
    fingerprint.addData(first.blocks);
    fingerprint.addData(rest.blocks);
    plan->fingerprint = QString::fromLatin1(fingerprint.result().toHex());
    plan->mappedTodos = 0;
    if (plan->todos.isEmpty())
        sortProblems(plan);
    return true;
}

void LegacyReader::setFirstPassForTests(int blockRows, int threads)
{
    gTestBlockRows = blockRows;
    gTestThreads = threads;
}

bool LegacyReader::scan(MigrationPlan *plan, QString *error)
{
    return readStructure(plan, error) && mapRest(plan, error);
}

bool LegacyReader::mapRest(MigrationPlan *plan, QString *error)
{
    if (plan->mappedTodos == plan->todos.size())
        return true;
    if (!seek(*plan, plan->mappedTodos, error))
        return false;
    MappedTodo todo;
    while (next(&todo, error)) {
    }
    return error->isEmpty();
}

QUuid LegacyReader::todoId(const MigrationPlan &plan, qint64 legacyId)
{
    // Bytes 0-5 and the low half of 6: the import's prefix; 6's high half:
    // version 8; 7: the legacy id's top byte; 8: variant 10 and zeros;
    // 9-15: the legacy id's low 56 bits. The id is offset by 2^63, so that
    // negative ids sort before positive ones like they do in SQLite.
    const quint64 key = quint64(legacyId) ^ (quint64(1) << 63);
    std::array<char, 16> bytes{};
    for (int i = 0; i < 6; ++i)
        bytes[i] = plan.idPrefix.at(i);
    bytes[6] = char(0x80 | (quint8(plan.idPrefix.at(6)) & 0x0f));
    bytes[7] = char(key >> 56);
    bytes[8] = char(0x80);
    for (int i = 9; i < 16; ++i)
        bytes[i] = char(key >> (8 * (15 - i)));
    return QUuid::fromRfc4122(QByteArrayView(bytes.data(), 16));
}

std::pair<QUuid, QUuid> LegacyReader::idRange(const MigrationPlan &plan)
{
    return {todoId(plan, std::numeric_limits<qint64>::min()), todoId(plan, std::numeric_limits<qint64>::max())};
}

void LegacyReader::assignIds(MigrationPlan *plan, const QString &owner)
{
    plan->owner = owner;
    const QString base = owner + u"/"_s + plan->fingerprint;
    plan->listId = QUuid::createUuidV5(kNamespace, base + u"/list"_s);
    plan->idPrefix = QCryptographicHash::hash((base + u"/todos"_s).toUtf8(), QCryptographicHash::Sha256).left(7);
    for (MappedTag &tag : plan->tags)
        tag.id = QUuid::createUuidV5(kNamespace, base + u"/tag/"_s + tag.key);
}

bool LegacyReader::seek(MigrationPlan &plan, qsizetype from, QString *error)
{
    if (!d->open(error))
        return false;
    d->plan = &plan;
    d->index = from;
    d->cursor = std::make_unique<SqliteStatement>(d->db.get(), todoQuery(d->schemaVersion));
    const qint64 start = from < plan.todos.size() ? plan.todos.at(from).legacyId : std::numeric_limits<qint64>::max();
    if (!d->cursor->ok() || sqlite3_bind_int64(d->cursor->get(), 1, start) != SQLITE_OK) {
        *error = d->db.lastError();
        return false;
    }
    d->linkAt = std::lower_bound(plan.links.cbegin(), plan.links.cend(), start,
                                 [](const MappedLink &link, qint64 id) { return link.todoLegacyId < id; })
                - plan.links.cbegin();
    return true;
}

bool LegacyReader::next(MappedTodo *todo, QString *error)
{
    MigrationPlan &plan = *d->plan;
    if (d->index >= plan.todos.size())
        return false;
    const int rc = sqlite3_step(d->cursor->get());
    if (rc != SQLITE_ROW) {
        *error = rc == SQLITE_DONE ? tr("the backup has fewer todos than when it was read") : d->db.lastError();
        return false;
    }
    // The first read of a row records its problems and checksum; a later
    // one (a test reading the plan again) only maps.
    const bool first = d->index == plan.mappedTodos;
    mapTodo(d->cursor->get(), d->schemaVersion, d->fallbackUs, todo, first ? &plan.problems : nullptr);
    if (todo->legacyId != plan.todos.at(d->index).legacyId) {
        *error = tr("the backup changed since it was read (todo %1)").arg(todo->legacyId);
        return false;
    }
    // Ids exist once assignIds() ran (a dry run maps without them).
    todo->id = plan.idPrefix.size() >= 7 ? todoId(plan, todo->legacyId) : QUuid();
    todo->position = double(d->index + 1);
    todo->tags.clear();
    todo->tagIds.clear();
    for (; d->linkAt < plan.links.size() && plan.links.at(d->linkAt).todoLegacyId == todo->legacyId; ++d->linkAt) {
        const MappedTag &tag = plan.tags.at(plan.links.at(d->linkAt).tag);
        todo->tags.append(tag.key);
        // Two of the file's tags may be one tag in the cloud.
        if (!todo->tagIds.contains(tag.id))
            todo->tagIds.append(tag.id);
    }
    if (first) {
        plan.todos[d->index].checksum = ImportValidator::rowDigest(*todo);
        if (++plan.mappedTodos == plan.todos.size())
            sortProblems(&plan);
    }
    ++d->index;
    return true;
}

bool LegacyReader::readAll(const QString &path, int schemaVersion, qint64 fallbackUs, const QString &owner,
                           MigrationPlan *plan, QList<MappedTodo> *todos, QString *error)
{
    LegacyReader reader(path, schemaVersion, fallbackUs);
    if (!reader.scan(plan, error))
        return false;
    assignIds(plan, owner);
    if (!reader.seek(*plan, 0, error))
        return false;
    MappedTodo todo;
    while (reader.next(&todo, error))
        todos->append(todo);
    return error->isEmpty();
}
