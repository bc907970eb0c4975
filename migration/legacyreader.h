#pragma once

#include "migrationplan.h"

#include <QString>

// Reads a (backed up) legacy database and maps every row onto the cloud
// schema, recording each repair and each row left out (see docs in
// legacyreader.cpp for the fallbacks).
class LegacyReader
{
public:
    // fallbackUs: the time used when neither timestamp of a row can be read
    // (the legacy file's modification time).
    static bool read(const QString &path, int schemaVersion, qint64 fallbackUs, MigrationPlan *plan,
                     QString *error);

    // Derives the cloud ids (UUIDv5) from the file's fingerprint, the owner
    // and the legacy ids, so a rerun of the same file by the same person
    // produces the same ids and can never duplicate a row; another file or
    // another person gets other ids.
    static void assignIds(MigrationPlan *plan, const QString &owner);

    static QUuid todoId(const QString &fingerprint, const QString &owner, qint64 legacyId);
};
