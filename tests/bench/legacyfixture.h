#pragma once

#include <QString>

// A legacy (v2) todo_app_local.db of the old Python app for the migration
// bench, written by make_legacy_db.py (a copy of the generator the migration
// tests' samples came from) with the real SQLAlchemy ORM. 200,000 rows take
// about 20 s to write, so the file is kept in the build folder, named by the
// row count, the seed and the generator's own hash: a changed generator makes
// a new file. Making it is never part of a measurement.
class LegacyFixture
{
public:
    static constexpr int kSeed = 7;

    // The path of the file with `rows` todos, made first when it is not in
    // the cache yet; empty with *error when it cannot be made (no
    // python3-sqlalchemy, say). *generatedMs is 0 when the file was cached.
    static QString file(int rows, qint64 *generatedMs, QString *error);

    // Copies the file (and its -wal and -shm, when there are any) into dir,
    // so a tool can write beside it; the copy's path.
    static QString copyInto(const QString &source, const QString &dir, QString *error);
};
