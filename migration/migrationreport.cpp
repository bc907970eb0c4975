#include "migrationreport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

using namespace Qt::StringLiterals;

void MigrationReport::fromPlan(const MigrationPlan &plan)
{
    schemaVersion = plan.schemaVersion;
    fingerprint = plan.fingerprint;
    problems = plan.problems;
    auto count = [&](const QString &table, qint64 read, qint64 migrated) {
        TableCount c{table, read, migrated, 0, 0, 0};
        for (const RowProblem &p : plan.problems) {
            if (p.table != table)
                continue;
            if (p.skipped)
                ++c.skipped;
            else
                ++c.warnings;
        }
        return c;
    };
    tables = {count(u"todo"_s, plan.readTodos, plan.todos.size())};
    if (plan.schemaVersion >= 2) {
        tables << count(u"tag"_s, plan.readTags, plan.tags.size())
               << count(u"todo_tag"_s, plan.readLinks, plan.links.size());
    }
}

QString MigrationReport::toText() const
{
    QString out;
    out += u"Source:      %1 (schema v%2)\n"_s.arg(source).arg(schemaVersion);
    if (!backup.isEmpty())
        out += u"Backup:      %1\n"_s.arg(backup);
    out += u"Fingerprint: %1\n\n"_s.arg(fingerprint);
    out += u"%1 %2 %3 %4 %5 %6\n"_s.arg(u"table"_s, -10)
               .arg(u"read"_s, 8)
               .arg(dryRun ? u"to move"_s : u"migrated"_s, 9)
               .arg(u"warnings"_s, 9)
               .arg(u"skipped"_s, 8)
               .arg(u"time"_s, 9);
    out += QString(58, u'-') + u'\n';
    for (const TableCount &t : tables) {
        out += u"%1 %2 %3 %4 %5 %6\n"_s.arg(t.table, -10)
                   .arg(t.read, 8)
                   .arg(t.migrated, 9)
                   .arg(t.warnings, 9)
                   .arg(t.skipped, 8)
                   .arg(u"%1s"_s.arg(t.seconds, 0, 'f', 3), 9);
    }
    out += QString(58, u'-') + u'\n';
    out += u"Total time %1s\n"_s.arg(totalSeconds, 0, 'f', 3);
    if (!problems.isEmpty()) {
        out += u"\nRows that needed attention:\n"_s;
        for (const RowProblem &p : problems)
            out += u"  %1 %2, %3 = %4: %5%6\n"_s.arg(p.table, p.legacyId, p.column, p.rawValue, p.action,
                                                  p.skipped ? u" [left out]"_s : QString());
    }
    for (const QString &m : mismatches)
        out += u"  MISMATCH %1\n"_s.arg(m);
    out += u"\n%1\n"_s.arg(message);
    return out;
}

QJsonObject MigrationReport::toJson() const
{
    QJsonArray tableArray;
    for (const TableCount &t : tables)
        tableArray.append(QJsonObject{{u"table"_s, t.table},
                                      {u"read"_s, t.read},
                                      {u"migrated"_s, t.migrated},
                                      {u"warnings"_s, t.warnings},
                                      {u"skipped"_s, t.skipped},
                                      {u"seconds"_s, t.seconds}});
    QJsonArray problemArray;
    for (const RowProblem &p : problems)
        problemArray.append(QJsonObject{{u"table"_s, p.table},
                                        {u"legacy_id"_s, p.legacyId},
                                        {u"column"_s, p.column},
                                        {u"raw_value"_s, p.rawValue},
                                        {u"action"_s, p.action},
                                        {u"skipped"_s, p.skipped}});
    return QJsonObject{{u"source"_s, source},
                       {u"backup"_s, backup},
                       {u"fingerprint"_s, fingerprint},
                       {u"schema_version"_s, schemaVersion},
                       {u"status"_s, status},
                       {u"message"_s, message},
                       {u"exit_code"_s, exitCode},
                       {u"dry_run"_s, dryRun},
                       {u"tables"_s, tableArray},
                       {u"problems"_s, problemArray},
                       {u"mismatches"_s, QJsonArray::fromStringList(mismatches)},
                       {u"seconds"_s, totalSeconds}};
}

bool MigrationReport::writeJson(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = file.errorString();
        return false;
    }
    file.write(QJsonDocument(toJson()).toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}
