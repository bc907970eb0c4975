#pragma once

#include "migrationplan.h"

#include <QCoreApplication>
#include <QString>

#include <atomic>
#include <memory>
#include <utility>

// Reads a (backed up) legacy database and maps every row onto the cloud
// schema, recording each repair and each row left out (the fallbacks are
// listed in legacyrowmapper.cpp).
//
// Two passes, so that memory does not grow with the file:
// - readStructure() reads every row's raw values once: the counts, the
//   fingerprint, the tags, which todo has which tag, and the problems of
//   tags and tag links;
// - after assignIds(), seek() and next() read the todos again and map
//   them. The first read of each row records its problems and checksum in
//   the plan, so an import maps every todo once, batch by batch, while the
//   cloud inserts the batch before. mapRest() maps the rows not read yet
//   (a run that stopped early still reports every problem).
// scan() is both: a complete plan, for previews and dry runs.
class LegacyReader
{
    Q_DECLARE_TR_FUNCTIONS(LegacyReader)

public:
    // fallbackUs: the time used when neither timestamp of a row can be read
    // (the legacy file's modification time).
    LegacyReader(const QString &path, int schemaVersion, qint64 fallbackUs);
    ~LegacyReader();
    LegacyReader(const LegacyReader &) = delete;
    LegacyReader &operator=(const LegacyReader &) = delete;

    // Reads the todos in two threads, each on its own connection, when the
    // file has two blocks of the fingerprint or more (see legacyfirstpass.cpp).
    bool readStructure(MigrationPlan *plan, QString *error);
    // Stops early, with error set, once cancel reads true (a stale preview).
    bool mapRest(MigrationPlan *plan, QString *error, const std::atomic<bool> *cancel = nullptr);
    bool scan(MigrationPlan *plan, QString *error);

    // Derives the cloud ids from the file's fingerprint and the owner, so a
    // rerun of the same file by the same person produces the same ids and
    // can never duplicate a row; another file or another person gets other
    // ids.
    static void assignIds(MigrationPlan *plan, const QString &owner);
    // A todo's id: a UUID (version 8) whose first 52 bits come from the
    // owner and the fingerprint and whose next 64 are the legacy id, so one
    // import's ids are unique, the same on every run, and ascending in
    // legacy id order: the cloud's primary key index grows at its end
    // instead of at 200,000 random places.
    static QUuid todoId(const MigrationPlan &plan, qint64 legacyId);
    // The lowest and highest id an import can have: its todos, and nothing
    // else, lie between them (PostgreSQL orders uuids by their bytes).
    static std::pair<QUuid, QUuid> idRange(const MigrationPlan &plan);

    // Positions the second pass before plan.todos[from].
    bool seek(MigrationPlan &plan, qsizetype from, QString *error);
    // The next todo, mapped, with its id and tags. False at the end, or on
    // an error (then *error is set).
    bool next(MappedTodo *todo, QString *error);

    // Both passes at once, every todo in memory: for tests and previews of
    // small files.
    static bool readAll(const QString &path, int schemaVersion, qint64 fallbackUs, const QString &owner,
                        MigrationPlan *plan, QList<MappedTodo> *todos, QString *error);

    // For tests, before readStructure(): the todos per fingerprint block
    // (the fingerprint depends on it) and the threads of the first pass (1
    // or 2; nothing else depends on it). 0 restores the default.
    static void setFirstPassForTests(int blockRows, int threads);

private:
    struct Private;
    std::unique_ptr<Private> d;
};
