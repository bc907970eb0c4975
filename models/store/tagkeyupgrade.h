#pragma once

#include <QSqlDatabase>
#include <QString>

// Local schema step 4's part that SQL cannot do: tags.name_key was
// QString::toCaseFolded() of the trimmed name until then, and is TagKey::of()
// since. The two differ for a few names (İ, decomposed letters), so the step
// recomputes every key, and tags that now have one key become one tag.
namespace TagKeyUpgrade {

// The caller owns the transaction (LocalSchema::upgrade runs in one).
bool rekey(const QSqlDatabase &db, QString *error);

} // namespace TagKeyUpgrade
