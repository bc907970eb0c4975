#include "legacyreader.h"

#include "domain/tagkey.h"
#include "importvalidator.h"
#include "legacyfirstpass.h"
#include "legacyrowmapper.h"
#include "sqlitehandle.h"

#include <QCryptographicHash>
#include <QHash>

#include <sqlite3.h>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

// The rows' fallbacks are listed in legacyrowmapper.cpp, the fingerprint in
// legacyfirstpass.cpp.

namespace {

const QUuid kNamespace = QUuid::fromString(u"{6f1f7c6e-5a43-4f3e-9a0e-6c1b2e4d8a17}");

const char *todoQuery(int schemaVersion)
{
    return schemaVersion >= 2 ? "SELECT id, title, description, completed, created_at, updated_at, priority, due_date"
                                " FROM todo WHERE id >= ? ORDER BY id"
                              : "SELECT id, title, description, completed, created_at, updated_at"
                                " FROM todo WHERE id >= ? ORDER BY id";
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

    // A second thread reads the second half of the todos while this one
    // reads the tags, the links and the first half. Declared before the
    // returns: each one stops the second thread, then waits for it.
    LegacyFirstPass firstPass(d->path, schemaVersion);
    StreamHash &structure = firstPass.structure();
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
            const RawValue idRaw = LegacyRowMapper::column(tags.get(), 0);
            const RawValue raw = LegacyRowMapper::column(tags.get(), 1);
            structure.add(idRaw);
            structure.add(raw);
            const qint64 id = idRaw.integer;
            LegacyRowMapper row(&plan->problems, u"tag"_s, id);
            const QString name = row.text(u"name"_s, raw).trimmed();
            if (name.isEmpty()) {
                row.problem(u"name"_s, raw, tr("empty tag name: tag left out"), true);
                continue;
            }
            const QString key = TagKey::of(name);
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
            const RawValue todoRaw = LegacyRowMapper::column(links.get(), 0);
            const RawValue tagRaw = LegacyRowMapper::column(links.get(), 1);
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

    if (!firstPass.readTodos(d->db, plan, error))
        return false;

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
    plan->fingerprint = firstPass.fingerprint();
    plan->mappedTodos = 0;
    if (plan->todos.isEmpty())
        sortProblems(plan);
    return true;
}

void LegacyReader::setFirstPassForTests(int blockRows, int threads)
{
    LegacyFirstPass::setForTests(blockRows, threads);
}

bool LegacyReader::scan(MigrationPlan *plan, QString *error)
{
    return readStructure(plan, error) && mapRest(plan, error);
}

bool LegacyReader::mapRest(MigrationPlan *plan, QString *error, const std::atomic<bool> *cancel)
{
    if (plan->mappedTodos == plan->todos.size())
        return true;
    if (!seek(*plan, plan->mappedTodos, error))
        return false;
    // Often enough that a cancelled preview stops within milliseconds, rarely
    // enough that the atomic load costs nothing beside mapping a row.
    constexpr qint64 kRowsBetweenCancelChecks = 512;
    MappedTodo todo;
    for (qint64 row = 1; next(&todo, error); ++row) {
        if (cancel && row % kRowsBetweenCancelChecks == 0 && cancel->load()) {
            *error = tr("cancelled");
            return false;
        }
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
    LegacyRowMapper::mapTodo(d->cursor->get(), d->schemaVersion, d->fallbackUs, todo, first ? &plan.problems : nullptr);
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
