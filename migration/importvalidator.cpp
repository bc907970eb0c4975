#include "importvalidator.h"

#include "legacyreader.h"
#include "migrationlog.h"

#include "cloud/pgconnection.h"

#include <QElapsedTimer>

#include <libpq-fe.h>

#include <QCryptographicHash>

#include <QVarLengthArray>

#include <algorithm>
#include <charconv>

using namespace Qt::StringLiterals;

namespace {

// The same canonical forms as rowDigest() and linkDigest(), in SQL.
const QString kTodoChecksums = uR"(
SELECT t.legacy_id, md5(concat_ws(E'\x1f',
    t.legacy_id::text, t.title, t.notes, t.completed::text, t.priority::text,
    extract(epoch FROM t.created_at)::text, extract(epoch FROM t.updated_at)::text,
    coalesce(extract(epoch FROM t.due_at)::text, ''))) AS checksum
FROM tandem.todos t
WHERE t.id BETWEEN $1 AND $2 AND t.owner = current_user AND t.deleted_at IS NULL
)"_s;

// The import's todos are the ids between $1 and $2 (LegacyReader::idRange),
// in whatever list they are now; a link is named by the cloud's tag id.
const QString kLinks = uR"(
SELECT t.legacy_id, tt.tag_id::text AS tag, g.name
FROM tandem.todo_tags tt
JOIN tandem.todos t ON t.id = tt.todo_id
JOIN tandem.tags g ON g.id = tt.tag_id
WHERE t.id BETWEEN $1 AND $2 AND t.owner = current_user AND t.deleted_at IS NULL AND tt.deleted_at IS NULL
)"_s;

// Count and XOR of the checksums' two halves: no sort is needed, and the rows
// are told apart by their legacy ids, which are part of each checksum.
const QString kXor = u"count(*), coalesce(bit_xor(('x' || substr(checksum, 1, 16))::bit(64)::int8), 0),"
                     " coalesce(bit_xor(('x' || substr(checksum, 17, 16))::bit(64)::int8), 0)"_s;
const QString kTodoTotals = u"SELECT "_s + kXor + u" FROM ("_s + kTodoChecksums + u") AS todos"_s;
const QString kLinkTotals = u"SELECT "_s + kXor + u" FROM (SELECT md5(legacy_id::text || E'\\x1f' || tag) AS checksum"
                            " FROM ("_s + kLinks + u") AS l) AS links"_s;

// Freshly imported rows have no statistics yet (autovacuum analyzes them
// later, and only the table's owner may ANALYZE), and with none the planner
// picks nested loops that take minutes over 200,000 rows; hash joins are
// right for a whole list whatever the statistics say.
const QString kNoNestedLoops = u"SELECT set_config('enable_nestloop', 'off', true)"_s;

struct Totals
{
    qint64 count = 0;
    quint64 high = 0;
    quint64 low = 0;

    void add(const std::array<quint8, 16> &digest)
    {
        quint64 h = 0, l = 0;
        for (int i = 0; i < 8; ++i) {
            h = h << 8 | digest[i];
            l = l << 8 | digest[8 + i];
        }
        high ^= h;
        low ^= l;
        ++count;
    }
    bool matches(const PgResult &r, int row) const
    {
        return r.int64(row, 0) == count && quint64(r.int64(row, 1)) == high && quint64(r.int64(row, 2)) == low;
    }
};

// The epoch seconds as PostgreSQL's extract(epoch ...) prints them.
void appendEpoch(QByteArray *out, qint64 micros)
{
    const quint64 magnitude = micros < 0 ? quint64(0) - quint64(micros) : quint64(micros);
    char digits[32];
    char *p = digits;
    if (micros < 0)
        *p++ = '-';
    p = std::to_chars(p, digits + sizeof digits, magnitude / 1000000).ptr;
    *p++ = '.';
    quint64 fraction = magnitude % 1000000;
    for (int i = 5; i >= 0; --i) {
        p[i] = char('0' + fraction % 10);
        fraction /= 10;
    }
    p += 6;
    out->append(digits, p - digits);
}

QByteArray hex(const std::array<quint8, 16> &digest)
{
    return QByteArray(reinterpret_cast<const char *>(digest.data()), 16).toHex();
}

std::array<quint8, 16> digest(const QByteArray &canonical)
{
    const QByteArray md5 = QCryptographicHash::hash(canonical, QCryptographicHash::Md5);
    std::array<quint8, 16> out{};
    std::copy_n(reinterpret_cast<const quint8 *>(md5.constData()), 16, out.begin());
    return out;
}

} // namespace

std::array<quint8, 16> ImportValidator::rowDigest(const MappedTodo &todo)
{
    QByteArray canonical;
    canonical.reserve(128 + todo.title.size() * 3 + todo.notes.size() * 3);
    const auto number = [&canonical](qint64 value) {
        char digits[24];
        const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
        canonical.append(digits, end - digits);
        canonical += '\x1f';
    };
    number(todo.legacyId);
    canonical += todo.title.toUtf8();
    canonical += '\x1f';
    canonical += todo.notes.toUtf8();
    canonical += todo.completed ? "\x1ftrue\x1f" : "\x1f" "false\x1f";
    number(todo.priority);
    appendEpoch(&canonical, todo.createdUs);
    canonical += '\x1f';
    appendEpoch(&canonical, todo.updatedUs);
    canonical += '\x1f';
    if (todo.dueUs)
        appendEpoch(&canonical, *todo.dueUs);
    return digest(canonical);
}

std::array<quint8, 16> ImportValidator::linkDigest(qint64 legacyId, const QUuid &tagId)
{
    return digest(QByteArray::number(legacyId) + '\x1f' + tagId.toByteArray(QUuid::WithoutBraces));
}

QString ImportValidator::planChecksum(const MigrationPlan &plan)
{
    QCryptographicHash hash(QCryptographicHash::Md5);
    for (const TodoDigest &todo : plan.todos)
        hash.addData(hex(todo.checksum));
    return QString::fromLatin1(hash.result().toHex());
}

ImportValidator::Result ImportValidator::validate(PgConnection &pg, const MigrationPlan &plan, pg_conn *second)
{
    Result result;
    result.expectedRows = plan.todos.size();
    result.checksum = planChecksum(plan);
    const auto [low, high] = LegacyReader::idRange(plan);
    const QString idLow = low.toString(QUuid::WithoutBraces);
    const QString idHigh = high.toString(QUuid::WithoutBraces);
    // The file's links by the cloud's tag ids; two of the file's tags may be
    // one tag in the cloud (the claim resolved them), and then one link.
    QHash<qint64, QList<QUuid>> planTags;
    for (const MappedLink &link : plan.links) {
        QList<QUuid> &ids = planTags[link.todoLegacyId];
        if (!ids.contains(plan.tags.at(link.tag).id))
            ids.append(plan.tags.at(link.tag).id);
    }
    Totals todos, links;
    for (const TodoDigest &todo : plan.todos)
        todos.add(todo.checksum);
    for (auto it = planTags.cbegin(); it != planTags.cend(); ++it) {
        for (const QUuid &tag : it.value())
            links.add(linkDigest(it.key(), tag));
    }

    const auto query = [&](const QString &sql) {
        bool ok = false;
        const QList<PgResult> results = pg.transaction({{kNoNestedLoops, {}}, {sql, {idLow, idHigh}}}, 0, &ok);
        if (!ok || results.size() != 2) {
            result.error = pg.lastError();
            return PgResult();
        }
        return results.at(1);
    };
    QElapsedTimer clock;
    clock.start();
    // The links on the second connection while the todos are summed on
    // this one: two server cores.
    const QByteArray linkScript = "BEGIN; " + kNoNestedLoops.toUtf8() + "; "
                                  + QString(kLinkTotals)
                                        .replace(u"$1"_s, u"'%1'::uuid"_s.arg(idLow))
                                        .replace(u"$2"_s, u"'%1'::uuid"_s.arg(idHigh))
                                        .toUtf8()
                                  + "; COMMIT";
    const bool linksAside = second && PQsendQuery(second, linkScript.constData()) == 1;
    const PgResult todoTotals = query(kTodoTotals);
    PgResult linkTotals;
    if (linksAside) {
        while (PGresult *r = PQgetResult(second)) {
            const ExecStatusType status = PQresultStatus(r);
            if (status == PGRES_TUPLES_OK && PQnfields(r) == 3) {
                linkTotals = PgResult(r);
                continue;
            }
            if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && result.error.isEmpty())
                result.error = QString::fromUtf8(PQresultErrorMessage(r)).trimmed();
            PQclear(r);
        }
        if (PQtransactionStatus(second) != PQTRANS_IDLE)
            PQclear(PQexec(second, "ROLLBACK"));
    } else if (result.error.isEmpty()) {
        linkTotals = query(kLinkTotals);
    }
    qCDebug(lcMigration) << "validation query:" << clock.elapsed() << "ms";
    if (!result.error.isEmpty())
        return result;
    result.cloudRows = todoTotals.int64(0, 0);
    if (!todos.matches(todoTotals, 0) || !links.matches(linkTotals, 0)) {
        // Something differs: every row, to say which.
        const PgResult rows = query(kTodoChecksums + u" ORDER BY t.legacy_id"_s);
        const PgResult cloudLinks = result.error.isEmpty() ? query(kLinks) : PgResult();
        if (!result.error.isEmpty())
            return result;
        QHash<qint64, QByteArray> cloud;
        cloud.reserve(rows.rowCount());
        for (int r = 0; r < rows.rowCount(); ++r)
            cloud.insert(rows.int64(r, 0), rows.raw(r, 1));
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
            else if (*it != hex(todo.checksum))
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
    if (!pg.run(u"UPDATE tandem.legacy_imports SET status = 'validated', checksum = $2, validated_at = now(),"
                " finished_at = now(), heartbeat = NULL WHERE owner = current_user AND fingerprint = $1"_s,
                {plan.fingerprint, result.checksum})) {
        result.error = pg.lastError();
        return result;
    }
    result.ok = true;
    return result;
}
