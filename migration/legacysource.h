#pragma once

#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

// The old app's SQLite file: where it is, what it is, and a verified copy of
// it. Nothing here ever writes to the legacy file (or its -wal/-shm): it is
// opened read-only, and only SQLite's online backup API reads its pages, so
// rows that live only in the -wal file are kept (a file copy would lose them).
class LegacySource
{
    Q_DECLARE_TR_FUNCTIONS(LegacySource)

public:
    struct Inspection
    {
        bool ok = false;
        QString error;         // one line for the person, when !ok
        int schemaVersion = 0; // 1: no alembic_version; 2: 3f2a9c1d7b4e
    };

    static constexpr const char *kV2Revision = "3f2a9c1d7b4e";

    // The old app's locations, first match wins (see LEGACY_FORMAT.md).
    static QStringList defaultLocations(const QProcessEnvironment &env);
    // The first default location that exists, or an empty string.
    static QString findDefault(const QProcessEnvironment &env);

    // Checks that path is a legacy database this build understands. Refuses
    // a missing or empty file, a file that is not SQLite, one without a todo
    // table, an unknown alembic revision, and a file locked by a writer.
    static Inspection inspect(const QString &path);

    // "todo_app_local.db.bak-20240302-072600" beside the source (a suffix
    // -2, -3 ... when that name is taken).
    static QString backupPathFor(const QString &sourcePath);

    // Copies source to destination with the online backup API, switches the
    // copy to a rollback journal (one self-contained file), and verifies it:
    // PRAGMA quick_check and equal row counts of todo, tag and todo_tag.
    // On failure the destination is removed and *error says why.
    static bool backup(const QString &sourcePath, const QString &destinationPath, QString *error);
    // backup() in two steps, so that the check can run beside the first
    // read of the copy (an import does): copy() without the check, verify()
    // the check alone, and the one sync of the copy to disk. Each removes
    // the destination when it fails.
    static bool copy(const QString &sourcePath, const QString &destinationPath, QString *error);
    static bool verify(const QString &sourcePath, const QString &destinationPath, QString *error);

private:
    static void discard(const QString &destinationPath);
};
