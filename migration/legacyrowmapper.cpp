#include "legacyrowmapper.h"

#include <QCoreApplication>

#include <optional>

using namespace Qt::StringLiterals;

// Fallbacks, chosen so that no row is lost and no value is invented where a
// real one exists:
// - created_at unreadable: updated_at of the row, else the file's mtime;
//   updated_at unreadable: created_at of the row, else the file's mtime.
// - updated_at earlier than created_at: both kept as they were (a warning):
//   they are history, and "fixing" one would be a guess.
// - due_date unreadable: no due date (a warning) rather than a made-up one.
// - completed unreadable: not completed (a warning).
// - unknown priority: none (0) (a warning).
// - title: trimmed; empty becomes "(untitled)". Long titles are kept whole.
// - text that is not UTF-8: invalid bytes become U+FFFD; NUL is removed.
// - todo_tag rows whose todo or tag does not exist: left out (reported).
// - tags equal but for case: merged into the first one's name.
// (The last two are the reader's: LegacyReader::readStructure().)

namespace {

QString micros(qint64 us)
{
    return LegacyValues::formatMicros(us);
}

} // namespace

void LegacyRowMapper::problem(const QString &columnName, const RawValue &raw, const char *action, bool skipped)
{
    if (m_problems)
        problem(columnName, raw, QCoreApplication::translate("LegacyReader", action), skipped);
}

QString LegacyRowMapper::text(const QString &columnName, const RawValue &raw)
{
    if (raw.isNull())
        return {};
    QByteArray bytes = raw.bytes;
    if (raw.type == RawValue::Type::Integer || raw.type == RawValue::Type::Real)
        bytes = raw.display().toUtf8();
    bool invalid = false, nul = false;
    const QString out = LegacyValues::repairText(bytes, &invalid, &nul);
    if (invalid)
        problem(columnName, raw, QT_TRANSLATE_NOOP("LegacyReader", "invalid UTF-8 replaced with U+FFFD"));
    if (nul)
        problem(columnName, raw, QT_TRANSLATE_NOOP("LegacyReader", "NUL characters removed"));
    return out;
}

// One todo row onto the cloud schema, recording its problems when given a
// list.
void LegacyRowMapper::mapTodo(sqlite3_stmt *stmt, int schemaVersion, qint64 fallbackUs, MappedTodo *t,
                              QList<RowProblem> *problems)
{
    RawValue raw[8];
    const int columns = schemaVersion >= 2 ? 8 : 6;
    for (int i = 0; i < columns; ++i)
        raw[i] = column(stmt, i);
    t->legacyId = raw[0].integer;
    LegacyRowMapper row(problems, u"todo"_s, t->legacyId);

    const QString title = row.text(u"title"_s, raw[1]);
    t->title = title.trimmed();
    if (t->title.isEmpty()) {
        t->title = u"(untitled)"_s;
        row.problem(u"title"_s, raw[1], QT_TRANSLATE_NOOP("LegacyReader", "empty title: imported as \"(untitled)\""));
    } else if (t->title.size() != title.size()) {
        row.problem(u"title"_s, raw[1], QT_TRANSLATE_NOOP("LegacyReader", "spaces around the title removed"));
    }
    t->notes = row.text(u"description"_s, raw[2]);

    const std::optional<bool> completed = LegacyValues::parseBool(raw[3]);
    t->completed = completed.value_or(false);
    if (!completed)
        row.problem(u"completed"_s, raw[3],
                    QT_TRANSLATE_NOOP("LegacyReader", "not a boolean: imported as not completed"));

    const std::optional<qint64> created = LegacyValues::parseTimestamp(raw[4]);
    const std::optional<qint64> updated = LegacyValues::parseTimestamp(raw[5]);
    t->createdUs = created.value_or(updated.value_or(fallbackUs));
    t->updatedUs = updated.value_or(created.value_or(fallbackUs));
    if (row.recording()) {
        // An unreadable date took the other one's value, or the file's time.
        const auto unreadable = [&row](const QString &column, const RawValue &value, qint64 importedUs,
                                       const QString &source) {
            row.problem(column, value,
                        QCoreApplication::translate("LegacyReader", "not a date: imported as %1 (%2)")
                            .arg(micros(importedUs), source));
        };
        const QString fileTime = QCoreApplication::translate("LegacyReader", "the file's modification time");
        if (!created)
            unreadable(u"created_at"_s, raw[4], t->createdUs,
                       updated ? QCoreApplication::translate("LegacyReader", "the row's updated_at") : fileTime);
        if (!updated)
            unreadable(u"updated_at"_s, raw[5], t->updatedUs,
                       created ? QCoreApplication::translate("LegacyReader", "the row's created_at") : fileTime);
        if (created && updated && *updated < *created)
            row.problem(u"updated_at"_s, raw[5],
                        QCoreApplication::translate("LegacyReader", "earlier than created_at (%1): kept as it was")
                            .arg(micros(*created)));
    }

    t->priority = 0;
    t->dueUs.reset();
    t->dueHasTime = false;
    if (schemaVersion >= 2) {
        const std::optional<int> priority = LegacyValues::parsePriority(raw[6]);
        t->priority = priority.value_or(0);
        if (!priority)
            row.problem(u"priority"_s, raw[6], QT_TRANSLATE_NOOP("LegacyReader", "unknown priority: imported as none"));
        else if (row.recording() && raw[6].type == RawValue::Type::Text && raw[6].bytes != raw[6].bytes.toUpper())
            row.problem(u"priority"_s, raw[6],
                        QCoreApplication::translate("LegacyReader", "priority value instead of its name: read as %1")
                            .arg(QString::fromUtf8(raw[6].bytes.toUpper())));
        if (!raw[7].isNull()) {
            bool hasTime = true;
            t->dueUs = LegacyValues::parseTimestamp(raw[7], &hasTime);
            t->dueHasTime = t->dueUs && hasTime;
            if (!t->dueUs)
                row.problem(u"due_date"_s, raw[7],
                            QT_TRANSLATE_NOOP("LegacyReader", "not a date: imported without a due date"));
        }
    }
}
