#pragma once

// The repeating todos and their records as a desktop's cache and the server
// hold them, in the same words, so that a sync test can compare the two and
// check what docs/repeats.md promises of them. Header-only, as syncsnapshot.h.

#include "cloud/pgconnection.h"
#include "store/sqlhelpers.h"

#include <QMap>
#include <QSqlDatabase>
#include <QStringList>

namespace RepeatSnapshot {

// A live series or record: id -> its fields in one line.
using Rows = QMap<QString, QString>;

// One field list for both sides; a timestamp as microseconds since the epoch.
inline QString row(const QString &title, const QString &rule, const QString &from, const QString &zone,
                   const QString &due, bool hasTime, bool completed, const QString &series, const QString &occurrence)
{
    return QStringLiteral("title=%1 rule=%2 from=%3 zone=%4 due=%5%6 completed=%7 series=%8 occurrence=%9")
        .arg(title, rule, from, zone, due.isEmpty() ? QStringLiteral("none") : due,
             hasTime ? QStringLiteral("T") : QString(), completed ? QStringLiteral("yes") : QStringLiteral("no"),
             series.isEmpty() ? QStringLiteral("none") : series,
             occurrence.isEmpty() ? QStringLiteral("none") : occurrence);
}

inline Rows local(const QSqlDatabase &db)
{
    Rows rows;
    auto query = Sql::select(db,
                             QStringLiteral("SELECT id, title, repeat_rule, repeat_from, time_zone, due_at, due_has_time,"
                                            " completed, series_id, occurrence FROM todos WHERE deleted_at IS NULL"
                                            " AND (repeat_rule <> '' OR series_id IS NOT NULL)"),
                             {});
    while (query && query->next()) {
        const auto text = [&query](int i) { return query->value(i).isNull() ? QString() : query->value(i).toString(); };
        rows.insert(text(0), row(text(1), text(2), text(3), text(4), text(5), query->value(6).toBool(),
                                 query->value(7).toBool(), text(8), text(9)));
    }
    return rows;
}

inline Rows server(PgConnection &pg, const QString &owner)
{
    Rows rows;
    const PgResult result = pg.exec(
        QStringLiteral("SELECT id, title, repeat_rule, repeat_from, time_zone,"
                       " (extract(epoch FROM due_at) * 1000000)::int8, due_has_time, completed, series_id,"
                       " (extract(epoch FROM occurrence) * 1000000)::int8 FROM tandem.todos"
                       " WHERE deleted_at IS NULL AND owner = $1 AND (repeat_rule <> '' OR series_id IS NOT NULL)"),
        {owner});
    if (!result.ok())
        qWarning("repeat snapshot: %s", qPrintable(pg.lastError()));
    for (int r = 0; r < result.rowCount(); ++r) {
        const auto text = [&](int i) { return result.isNull(r, i) ? QString() : result.text(r, i); };
        rows.insert(text(0), row(text(1), text(2), text(3), text(4), text(5), result.boolean(r, 6),
                                 result.boolean(r, 7), text(8), text(9)));
    }
    return rows;
}

// The occurrences that have more than one live record: "series@occurrence x n".
inline QStringList doubledInCache(const QSqlDatabase &db)
{
    QStringList doubled;
    auto query = Sql::select(db,
                             QStringLiteral("SELECT series_id, occurrence, count(*) FROM todos"
                                            " WHERE series_id IS NOT NULL AND deleted_at IS NULL"
                                            " GROUP BY series_id, occurrence HAVING count(*) > 1"),
                             {});
    while (query && query->next())
        doubled << QStringLiteral("%1@%2 x %3")
                       .arg(query->value(0).toString(), query->value(1).toString(), query->value(2).toString());
    return doubled;
}

inline QStringList doubledOnServer(PgConnection &pg, const QString &owner)
{
    QStringList doubled;
    const PgResult result = pg.exec(
        QStringLiteral("SELECT series_id, (extract(epoch FROM occurrence) * 1000000)::int8, count(*)"
                       " FROM tandem.todos WHERE series_id IS NOT NULL AND deleted_at IS NULL AND owner = $1"
                       " GROUP BY series_id, occurrence HAVING count(*) > 1"),
        {owner});
    for (int r = 0; r < result.rowCount(); ++r)
        doubled << QStringLiteral("%1@%2 x %3").arg(result.text(r, 0), result.text(r, 1), result.text(r, 2));
    return doubled;
}

// Series counted from their due date, open, whose due date is on or before
// an occurrence with a live record: series id -> "due D, done up to O".
inline QMap<QString, QString> doneDueDates(const QSqlDatabase &db)
{
    QMap<QString, QString> found;
    auto query = Sql::select(db,
                             QStringLiteral("SELECT s.id, s.due_at, max(r.occurrence) FROM todos s"
                                            " JOIN todos r ON r.series_id = s.id AND r.deleted_at IS NULL"
                                            " WHERE s.deleted_at IS NULL AND s.repeat_rule <> '' AND s.repeat_from = 'due'"
                                            " AND s.completed = 0 AND s.due_at IS NOT NULL"
                                            " GROUP BY s.id, s.due_at HAVING max(r.occurrence) >= s.due_at"),
                             {});
    while (query && query->next())
        found.insert(query->value(0).toString(), QStringLiteral("due %1, done up to %2")
                                                     .arg(query->value(1).toString(), query->value(2).toString()));
    return found;
}

inline QMap<QString, QString> doneDueDatesOnServer(PgConnection &pg, const QString &owner)
{
    QMap<QString, QString> found;
    const PgResult result = pg.exec(
        QStringLiteral("SELECT s.id, (extract(epoch FROM s.due_at) * 1000000)::int8,"
                       " (extract(epoch FROM max(r.occurrence)) * 1000000)::int8 FROM tandem.todos s"
                       " JOIN tandem.todos r ON r.series_id = s.id AND r.deleted_at IS NULL"
                       " WHERE s.owner = $1 AND s.deleted_at IS NULL AND s.repeat_rule <> ''"
                       " AND s.repeat_from = 'due' AND NOT s.completed AND s.due_at IS NOT NULL"
                       " GROUP BY s.id, s.due_at HAVING max(r.occurrence) >= s.due_at"),
        {owner});
    for (int r = 0; r < result.rowCount(); ++r)
        found.insert(result.text(r, 0),
                     QStringLiteral("due %1, done up to %2").arg(result.text(r, 1), result.text(r, 2)));
    return found;
}

} // namespace RepeatSnapshot
