#pragma once

#include <QSqlDatabase>
#include <QString>

// The local cache's schema, versioned from day one. Each step takes the
// database from version N-1 to N; open() applies the missing ones in order,
// inside the one transaction that LocalDatabase::open() holds.
class LocalSchema
{
public:
    static constexpr int kCurrentVersion = 7;

    // 0 for a new, empty file.
    static int version(const QSqlDatabase &db, QString *error = nullptr);
    // Applies steps (version(db), target]. The caller owns the transaction.
    static bool upgrade(QSqlDatabase &db, int targetVersion, QString *error);

private:
    static bool applyStep(QSqlDatabase &db, int version, QString *error);
};
