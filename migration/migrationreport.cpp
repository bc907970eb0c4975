#include "migrationreport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <algorithm>
#include <cstdlib>

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
    //: The labels of these three lines are padded to line up their values.
    out += tr("Source:      %1 (schema v%2)\n").arg(source).arg(schemaVersion);
    if (!backup.isEmpty())
        out += tr("Backup:      %1\n").arg(backup);
    out += tr("Fingerprint: %1\n\n").arg(fingerprint);

    // The table's columns: at least as wide as the English headings, wider
    // when a translated heading needs it (negative: left-aligned).
    const QStringList headings{
        //: Column heading of the report's table (the table names: todo, tag, todo_tag).
        tr("table"),
        //: Column heading: rows read from the legacy file.
        tr("read"),
        //: Column heading of a dry run: rows that a migration would move.
        dryRun ? tr("to move")
               //: Column heading: rows migrated to the cloud.
               : tr("migrated"),
        //: Column heading: rows imported with a repair.
        tr("warnings"),
        //: Column heading: rows left out.
        tr("skipped"),
        //: Column heading: seconds spent on the table.
        tr("time"),
    };
    QList<int> widths{-10, 8, 9, 9, 8, 9};
    int ruleLength = int(widths.size()) - 1;
    for (qsizetype i = 0; i < widths.size(); ++i) {
        const int width = std::max(std::abs(widths.at(i)), int(headings.at(i).size()));
        widths[i] = widths.at(i) < 0 ? -width : width;
        ruleLength += width;
    }
    const QString rule = QString(ruleLength, u'-') + u'\n';
    out += u"%1 %2 %3 %4 %5 %6\n"_s.arg(headings.at(0), widths.at(0))
               .arg(headings.at(1), widths.at(1))
               .arg(headings.at(2), widths.at(2))
               .arg(headings.at(3), widths.at(3))
               .arg(headings.at(4), widths.at(4))
               .arg(headings.at(5), widths.at(5));
    out += rule;
    for (const TableCount &t : tables) {
        out += u"%1 %2 %3 %4 %5 %6\n"_s.arg(t.table, widths.at(0))
                   .arg(t.read, widths.at(1))
                   .arg(t.migrated, widths.at(2))
                   .arg(t.warnings, widths.at(3))
                   .arg(t.skipped, widths.at(4))
                   .arg(u"%1s"_s.arg(t.seconds, 0, 'f', 3), widths.at(5));
    }
    out += rule;
    out += tr("Total time %1s\n").arg(totalSeconds, 0, 'f', 3);
    if (!problems.isEmpty()) {
        out += u'\n' + tr("Rows that needed attention:") + u'\n';
        //: Marks a row of the list above that was not imported.
        const QString leftOut = tr(" [left out]");
        for (const RowProblem &p : problems)
            out += u"  %1 %2, %3 = %4: %5%6\n"_s.arg(p.table, p.legacyId, p.column, p.rawValue, p.action,
                                                  p.skipped ? leftOut : QString());
    }
    for (const QString &m : mismatches)
        out += u"  "_s + tr("MISMATCH %1").arg(m) + u'\n';
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
                       {u"list_id"_s, importedListId.isNull() ? QString() : importedListId.toString(QUuid::WithoutBraces)},
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
