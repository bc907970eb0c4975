#include "todofinder.h"

#include "itemmodels/todofilter.h"
#include "store/localdatabase.h"
#include "store/sqlhelpers.h"
#include "store/todostore.h"

#include <QCoreApplication>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

bool looksLikeId(const QString &text)
{
    return std::all_of(text.cbegin(), text.cend(), [](QChar c) {
        return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || c == u'-';
    });
}

// Enough ids to say how long a prefix must be; a shorter prefix of
// thousands of todos says "at least" a little too few, never too many.
constexpr int kPrefixMatchesRead = 1000;

// How many characters tell every id here apart from the others: one more
// than the longest start two of them share. ids: sorted.
int distinctLength(const QStringList &ids)
{
    qsizetype longestShared = 0;
    for (qsizetype i = 1; i < ids.size(); ++i) {
        const QString &a = ids.at(i - 1);
        const QString &b = ids.at(i);
        qsizetype shared = 0;
        while (shared < a.size() && shared < b.size() && a.at(shared) == b.at(shared))
            ++shared;
        longestShared = std::max(longestShared, shared);
    }
    return int(longestShared) + 1;
}

} // namespace

TodoFinder::TodoFinder(TodoStore *store)
    : m_store(store)
{
}

std::optional<QList<Todo>> TodoFinder::liveTodos(bool includeCompleted, QString *error) const
{
    // The same filter and view the GUI's "All" list uses, so "open" and
    // "deleted" mean here exactly what they mean in the window.
    const QSqlDatabase db = m_store->database()->database();
    TodoFilter filter = TodoFilter::smart(TodoFilter::Kind::All);
    filter.hideCompleted = !includeCompleted;
    filter.withSubtasks = true; // every todo, with its parent_id
    const int slot = TodoFilterSql::allocateSlot();
    if (!TodoFilterSql::bind(db, slot, filter, Timestamp::now(), error))
        return std::nullopt;
    auto query = Sql::select(db,
                             u"SELECT id FROM todo_rows WHERE "_s + TodoFilterSql::whereClause(slot, filter)
                                 + u" ORDER BY (SELECT l.position FROM lists l WHERE l.id = todo_rows.list_id),"
                                   " position, created_at, id"_s,
                             {}, error);
    if (!query)
        return std::nullopt;
    QStringList ids;
    while (query->next())
        ids << query->value(0).toString();
    return m_store->todos(ids);
}

std::optional<Todo> TodoFinder::todo(const QString &idOrPrefix, QString *error) const
{
    const QString key = idOrPrefix.trimmed().toLower();
    auto unknown = [&]() -> std::optional<Todo> {
        *error = tr("No todo with the id %1.").arg(idOrPrefix);
        return std::nullopt;
    };
    if (key.isEmpty() || !looksLikeId(key))
        return unknown();
    if (const auto exact = m_store->todo(key))
        return exact->isDeleted() ? unknown() : exact;
    if (key.size() < kMinimumPrefix) {
        *error = tr("The id %1 is too short; give at least %n characters of it.", nullptr, kMinimumPrefix)
                     .arg(idOrPrefix);
        return std::nullopt;
    }

    // A prefix, like the 8-character short id that `list` prints.
    auto query = Sql::select(m_store->database()->database(),
                             u"SELECT id FROM todos WHERE deleted_at IS NULL AND substr(id, 1, ?) = ?"
                             " ORDER BY id LIMIT ?"_s,
                             {int(key.size()), key, kPrefixMatchesRead}, error);
    QStringList matches;
    while (query && query->next())
        matches << query->value(0).toString();
    if (matches.size() > 1) {
        *error = tr("The id %1 matches more than one todo; give at least %n characters of it.", nullptr,
                    distinctLength(matches))
                     .arg(idOrPrefix);
        return std::nullopt;
    }
    if (matches.isEmpty())
        return unknown();
    return m_store->todo(matches.first());
}

std::optional<TodoList> TodoFinder::list(const QString &name, QString *error) const
{
    // The inbox is renamed with the app's language; "Inbox" reaches it from any script.
    if (name.trimmed().compare(u"inbox"_s, Qt::CaseInsensitive) == 0) {
        if (const auto inbox = m_store->list(m_store->inboxId()))
            return inbox;
    }
    if (const auto found = m_store->listByName(name))
        return found;
    *error = tr("No list named \"%1\".").arg(name.trimmed());
    return std::nullopt;
}
