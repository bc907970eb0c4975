#include "importvalidator.h"

#include "legacyreader.h"
#include "pghash.h"
#include "migrationlog.h"

#include "cloud/pgconnection.h"

#include <QElapsedTimer>
#include <QStringEncoder>

#include <libpq-fe.h>

#include <QCryptographicHash>

#include <QVarLengthArray>
#include <QtEndian>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

// rowDigest(), in SQL: PostgreSQL hashes each column with its type's own
// hash function and combines them, all in C (no column is printed as text,
// which cost twice as much). The timestamps are hashed as the instants they
// are, whatever the session's TimeZone.
const QString kTodoChecksum = uR"(hash_record_extended(ROW(t.legacy_id, t.title, t.notes, t.completed,
    t.priority, t.created_at, t.updated_at, t.due_at), 0))"_s;

// The import's todos are the ids between $1 and $2 (LegacyReader::idRange),
// in whatever list they are now.
const QString kTodoChecksums = u"SELECT t.legacy_id, "_s + kTodoChecksum + uR"( AS checksum
FROM tandem.todos t
WHERE t.id BETWEEN $1 AND $2 AND t.owner = current_user AND t.deleted_at IS NULL
)"_s;

// A link is named by the cloud's tag id. Only for naming the rows that
// differ: the totals read tandem.todo_tags alone.
const QString kLinks = uR"(
SELECT t.legacy_id, tt.tag_id::text AS tag, g.name
FROM tandem.todo_tags tt
JOIN tandem.todos t ON t.id = tt.todo_id
JOIN tandem.tags g ON g.id = tt.tag_id
WHERE t.id BETWEEN $1 AND $2 AND t.owner = current_user AND t.deleted_at IS NULL AND tt.deleted_at IS NULL
)"_s;

// Count and XOR of the checksums: no sort is needed, one row comes back,
// and the rows are told apart by their ids, which are part of each
// checksum. The todos between %1 and %2, the links of the todos between %3
// and %4: the two connections each sum a share (validate()). A link's
// todo is found by its id alone (a link of a deleted todo counts here, but
// that todo is missing from the todos' totals, and then every row is
// compared anyway).
const QString kTotals = uR"(
SELECT n, x, links[1], links[2]
FROM (SELECT count(*) AS n, coalesce(bit_xor(%5), 0) AS x,
             (SELECT ARRAY[count(*), coalesce(bit_xor(uuid_hash_extended(tt.tag_id, uuid_hash_extended(tt.todo_id, 0))), 0)]
              FROM tandem.todo_tags tt
              WHERE tt.todo_id BETWEEN %3 AND %4 AND tt.owner = current_user AND tt.deleted_at IS NULL) AS links
      FROM tandem.todos t
      WHERE t.id BETWEEN %1 AND %2 AND t.owner = current_user AND t.deleted_at IS NULL) AS totals
)"_s;

// Transaction-local settings of both connections. Freshly imported rows have
// no statistics yet (autovacuum analyzes them later, and only the table's
// owner may ANALYZE), and with none the planner picks nested loops that take
// minutes over 200,000 rows for the joins that name differing rows; hash
// joins are right for a whole list whatever the statistics say. No parallel
// workers: the two connections already use both cores, and the workers'
// start and hand-over cost 50 ms of a 200 ms validation. No JIT either: a
// plan that avoids a disabled nested loop still carries its cost, and
// compiling it took longer than the query.
const QString kSettings = u"SELECT set_config('enable_nestloop', 'off', true),"
                          " set_config('max_parallel_workers_per_gather', '0', true), set_config('jit', 'off', true)"_s;

struct Totals
{
    qint64 count = 0;
    quint64 xored = 0;

    void add(quint64 checksum)
    {
        xored ^= checksum;
        ++count;
    }
    Totals &operator+=(const Totals &other)
    {
        count += other.count;
        xored ^= other.xored;
        return *this;
    }
    bool operator==(const Totals &other) const = default;
};

// A totals row of kTotals: the todos' count and XOR in columns 0 and 1, the
// links' in 2 and 3.
std::pair<Totals, Totals> totalsOf(const PgResult &r)
{
    if (r.rowCount() != 1 || r.columnCount() != 4)
        return {{-1, 0}, {-1, 0}};
    return {{r.int64(0, 0), quint64(r.int64(0, 1))}, {r.int64(0, 2), quint64(r.int64(0, 3))}};
}

// The rows of the last statement that returned rows of a script sent with
// PQsendQuery; the first error in *error. Leaves the connection idle.
PgResult finish(pg_conn *connection, QString *error)
{
    PgResult rows;
    while (PGresult *r = PQgetResult(connection)) {
        const ExecStatusType status = PQresultStatus(r);
        if (status == PGRES_TUPLES_OK) {
            rows = PgResult(r);
            continue;
        }
        if (status != PGRES_COMMAND_OK && error->isEmpty())
            *error = QString::fromUtf8(PQresultErrorMessage(r)).trimmed();
        PQclear(r);
    }
    if (PQtransactionStatus(connection) != PQTRANS_IDLE)
        PQclear(PQexec(connection, "ROLLBACK"));
    return rows;
}

// The plan's links (plan.links is in todo order), each (todo, cloud tag) once:
// two of the file's tags may be one tag in the cloud (the claim resolved
// them), and then they are one link.
Totals planLinkTotals(const MigrationPlan &plan)
{
    Totals totals;
    QVarLengthArray<QUuid, 16> tags;
    for (qsizetype i = 0; i < plan.links.size();) {
        const qint64 legacyId = plan.links.at(i).todoLegacyId;
        const QUuid todoId = LegacyReader::todoId(plan, legacyId);
        tags.clear();
        for (; i < plan.links.size() && plan.links.at(i).todoLegacyId == legacyId; ++i) {
            const QUuid &tag = plan.tags.at(plan.links.at(i).tag).id;
            if (std::find(tags.cbegin(), tags.cend(), tag) == tags.cend()) {
                tags.append(tag);
                totals.add(ImportValidator::linkDigest(todoId, tag));
            }
        }
    }
    return totals;
}

} // namespace

quint64 ImportValidator::rowDigest(const MappedTodo &todo)
{
    // kTodoChecksum: the columns in its order, each with its type's hash;
    // a timestamptz is microseconds since 2000-01-01 UTC.
    constexpr qint64 kPostgresEpochUs = Q_INT64_C(946684800000000);
    const auto instant = [](qint64 unixUs) { return PgHash::int8Extended(unixUs - kPostgresEpochUs, 0); };
    // The texts' UTF-8 in one buffer per thread instead of an allocation
    // each: this runs for every todo.
    static thread_local QByteArray utf8;
    const auto text = [](const QString &value) {
        QStringEncoder encoder(QStringEncoder::Utf8);
        if (utf8.size() < encoder.requiredSpace(value.size()))
            utf8.resize(encoder.requiredSpace(value.size()));
        const char *end = encoder.appendToBuffer(utf8.data(), value);
        return PgHash::bytesExtended(QByteArrayView(utf8.constData(), end - utf8.constData()), 0);
    };
    quint64 hash = 0;
    hash = PgHash::recordStep(hash, PgHash::int8Extended(todo.legacyId, 0));
    hash = PgHash::recordStep(hash, text(todo.title));
    hash = PgHash::recordStep(hash, text(todo.notes));
    hash = PgHash::recordStep(hash, PgHash::uint32Extended(todo.completed ? 1 : 0, 0));
    hash = PgHash::recordStep(hash, PgHash::uint32Extended(quint32(qint32(qint16(todo.priority))), 0));
    hash = PgHash::recordStep(hash, instant(todo.createdUs));
    hash = PgHash::recordStep(hash, instant(todo.updatedUs));
    return PgHash::recordStep(hash, todo.dueUs ? instant(*todo.dueUs) : 0);
}

quint64 ImportValidator::linkDigest(const QUuid &todoId, const QUuid &tagId)
{
    // The uuids' 16 bytes in RFC 4122 order, as PostgreSQL stores them,
    // without a QByteArray each: this runs for every link.
    const auto bytes = [](const QUuid &id) {
        std::array<char, 16> out{};
        qToBigEndian(id.data1, out.data());
        qToBigEndian(id.data2, out.data() + 4);
        qToBigEndian(id.data3, out.data() + 6);
        std::copy_n(id.data4, 8, out.data() + 8);
        return out;
    };
    const auto todo = bytes(todoId);
    const auto tag = bytes(tagId);
    return PgHash::bytesExtended(QByteArrayView(tag.data(), 16),
                                 PgHash::bytesExtended(QByteArrayView(todo.data(), 16), 0));
}

QString ImportValidator::planChecksum(const MigrationPlan &plan)
{
    // The md5 of every todo's checksum as 16 hex digits, in legacy id order.
    QCryptographicHash hash(QCryptographicHash::Md5);
    QByteArray digits;
    digits.reserve(16 * 4096);
    static constexpr char kHex[] = "0123456789abcdef";
    for (const TodoDigest &todo : plan.todos) {
        for (int shift = 60; shift >= 0; shift -= 4)
            digits += kHex[(todo.checksum >> shift) & 0xf];
        if (digits.size() >= 16 * 4096) {
            hash.addData(digits);
            digits.resize(0);
        }
    }
    hash.addData(digits);
    return QString::fromLatin1(hash.result().toHex());
}

ImportValidator::Result ImportValidator::validate(PgConnection &pg, const MigrationPlan &plan, const QString &runId,
                                                  pg_conn *second)
{
    Result result;
    result.expectedRows = plan.todos.size();
    const auto [low, high] = LegacyReader::idRange(plan);
    const QString idLow = low.toString(QUuid::WithoutBraces);
    const QString idHigh = high.toString(QUuid::WithoutBraces);
    const auto query = [&](const QString &sql) {
        bool ok = false;
        const QList<PgResult> results = pg.transaction({{kSettings, {}}, {sql, {idLow, idHigh}}}, 0, &ok);
        if (!ok || results.size() != 2) {
            result.error = pg.lastError();
            return PgResult();
        }
        return results.at(1);
    };
    // Each connection sums a share in one simple-query string, sent without
    // waiting, so that the plan's side is computed meanwhile: this one the
    // first todos, the second one the rest and the links. The shares meet
    // at a todo of the plan; an empty share is a range from high to low.
    // The ids are ours (uuid text), in line.
    const auto literal = [](const QUuid &id) { return u"'%1'::uuid"_s.arg(id.toString(QUuid::WithoutBraces)); };
    const auto script = [&](const QUuid &todoFrom, const QUuid &todoTo, const QUuid &linkFrom, const QUuid &linkTo) {
        return (u"BEGIN; "_s + kSettings + u"; "_s
                + QString(kTotals).arg(literal(todoFrom), literal(todoTo), literal(linkFrom), literal(linkTo),
                                       kTodoChecksum)
                + u"; COMMIT"_s)
            .toUtf8();
    };
    QUuid firstEnd = high, secondStart = high;
    if (plan.todos.size() >= 2) {
        // The second connection also sums the links, each about a third of
        // a todo's work (35 against 103 ms for 200,000 of each): the first
        // takes more todos, so that both end together.
        const double share = qBound(0.5, 0.5 + 0.17 * double(plan.links.size()) / double(plan.todos.size()), 0.9);
        const qsizetype split = qBound(qsizetype(1), qsizetype(double(plan.todos.size()) * share),
                                       plan.todos.size() - 1);
        const qint64 middle = plan.todos.at(split).legacyId;
        firstEnd = LegacyReader::todoId(plan, middle - 1);
        secondStart = LegacyReader::todoId(plan, middle);
    }
    const QByteArray firstShare = script(low, firstEnd, high, low);
    const QByteArray secondShare = plan.todos.size() >= 2 ? script(secondStart, high, low, high)
                                                          : script(high, low, low, high);
    QElapsedTimer clock;
    clock.start();
    pg_conn *first = pg.handle();
    const bool firstSent = first && PQsendQuery(first, firstShare.constData()) == 1;
    if (!firstSent)
        result.error = first ? QString::fromUtf8(PQerrorMessage(first)).trimmed() : pg.lastError();
    const bool secondSent = firstSent && second && PQsendQuery(second, secondShare.constData()) == 1;

    result.checksum = planChecksum(plan);
    Totals todos;
    for (const TodoDigest &todo : plan.todos)
        todos.add(todo.checksum);
    const Totals links = planLinkTotals(plan);

    const PgResult firstTotals = firstSent ? finish(first, &result.error) : PgResult();
    PgResult secondTotals;
    if (secondSent) {
        secondTotals = finish(second, &result.error);
    } else if (result.error.isEmpty()) {
        // No second connection: both shares on this one.
        if (PQsendQuery(first, secondShare.constData()) == 1)
            secondTotals = finish(first, &result.error);
        else
            result.error = QString::fromUtf8(PQerrorMessage(first)).trimmed();
    }
    qCDebug(lcMigration) << "validation query:" << clock.elapsed() << "ms";
    if (!result.error.isEmpty())
        return result;
    auto [cloudTodos, cloudLinks] = totalsOf(firstTotals);
    const auto [secondTodos, secondLinks] = totalsOf(secondTotals);
    cloudTodos += secondTodos;
    cloudLinks += secondLinks;
    result.cloudRows = cloudTodos.count;
    if (cloudTodos != todos || cloudLinks != links) {
        // Something differs: every row, to say which.
        const PgResult rows = query(kTodoChecksums + u" ORDER BY t.legacy_id"_s);
        const PgResult cloudLinks = result.error.isEmpty() ? query(kLinks) : PgResult();
        if (!result.error.isEmpty())
            return result;
        // The file's links by the cloud's tag ids, each once (planLinkTotals).
        QHash<qint64, QList<QUuid>> planTags;
        for (const MappedLink &link : plan.links) {
            QList<QUuid> &ids = planTags[link.todoLegacyId];
            if (!ids.contains(plan.tags.at(link.tag).id))
                ids.append(plan.tags.at(link.tag).id);
        }
        QHash<qint64, quint64> cloud;
        cloud.reserve(rows.rowCount());
        for (int r = 0; r < rows.rowCount(); ++r)
            cloud.insert(rows.int64(r, 0), quint64(rows.int64(r, 1)));
        QHash<qint64, QStringList> cloudTags, cloudNames;
        for (int r = 0; r < cloudLinks.rowCount(); ++r) {
            cloudTags[cloudLinks.int64(r, 0)].append(cloudLinks.text(r, 1));
            cloudNames[cloudLinks.int64(r, 0)].append(cloudLinks.text(r, 2));
        }
        for (const TodoDigest &todo : plan.todos) {
            QStringList ours, ourNames;
            for (const QUuid &tag : planTags.value(todo.legacyId)) {
                ours.append(tag.toString(QUuid::WithoutBraces));
                for (const MappedTag &known : plan.tags) {
                    if (known.id == tag) {
                        ourNames.append(known.name);
                        break;
                    }
                }
            }
            QStringList theirs = cloudTags.take(todo.legacyId);
            QStringList theirNames = cloudNames.take(todo.legacyId);
            ours.sort();
            theirs.sort();
            ourNames.sort();
            theirNames.sort();
            const auto it = cloud.constFind(todo.legacyId);
            if (it == cloud.cend())
                result.mismatches << tr("todo %1: missing in the cloud").arg(todo.legacyId);
            else if (*it != todo.checksum)
                result.mismatches << tr("todo %1: the cloud's values differ from the legacy row's").arg(todo.legacyId);
            else if (ours != theirs)
                result.mismatches << tr("todo %1: the cloud's tags (%2) differ from the legacy row's (%3)")
                                         .arg(todo.legacyId)
                                         .arg(theirNames.join(u", "_s), ourNames.join(u", "_s));
            cloud.remove(todo.legacyId);
        }
        QList<qint64> extra = cloud.keys();
        std::sort(extra.begin(), extra.end());
        for (const qint64 id : std::as_const(extra))
            result.mismatches << tr("todo %1: in the cloud's Imported list but not in the legacy file").arg(id);
        if (result.mismatches.isEmpty())
            result.mismatches << tr("the cloud's checksum over all rows differs, but no single row does");
        return result;
    }
    // Only while this run still holds the import: a run that took it over
    // (this one's lease ran out meanwhile) validates it itself.
    const PgResult marked = pg.exec(u"UPDATE tandem.legacy_imports SET status = 'validated', checksum = $2,"
                                    " validated_at = now(), finished_at = now(), heartbeat = NULL"
                                    " WHERE owner = current_user AND fingerprint = $1 AND run_id = $3 RETURNING 1"_s,
                                    {plan.fingerprint, result.checksum, runId});
    if (!marked.ok()) {
        result.error = marked.errorMessage();
        return result;
    }
    if (marked.rowCount() != 1) {
        result.error = tr("another run took the import over meanwhile");
        return result;
    }
    result.ok = true;
    return result;
}
