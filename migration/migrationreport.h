#pragma once

#include "migrationplan.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QUuid>

// What a run did, for people (a pgloader-like table) and for tools (JSON).
struct MigrationReport
{
    Q_DECLARE_TR_FUNCTIONS(MigrationReport)

public:
    QString source;
    QString backup;
    QString fingerprint;
    // The cloud's "Imported" list of this file (legacy_imports.list_id), once
    // the import claimed it; null for dry runs and runs that never reached
    // the cloud. The window finds the list by it: its name is the person's.
    QUuid importedListId;
    int schemaVersion = 0;
    QString status; // dry-run, validated, already-migrated, cancelled, failed, refused
    QString message; // for people: in the user's language, like the problems' actions
    int exitCode = 0;
    bool dryRun = false;
    QList<TableCount> tables;
    QList<RowProblem> problems;
    QStringList mismatches;
    double totalSeconds = 0;

    // Fills tables and problems from the plan; migrated counts assume the
    // transfer completes (status says whether it did).
    void fromPlan(const MigrationPlan &plan);

    QString toText() const;
    QJsonObject toJson() const;
    bool writeJson(const QString &path, QString *error) const;
};
