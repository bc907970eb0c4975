#include "benchdatabase.h"

#include "domain/timestamp.h"
#include "store/localdatabase.h"
#include "store/sqlhelpers.h"
#include "store/todostore.h"

#include <QFileInfo>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <array>

using namespace Qt::StringLiterals;

namespace {

constexpr quint32 kSeed = 20261122;
constexpr int kTombstonePerMille = 10;
constexpr int kPendingEvery = 200; // one todo in 200 waits in the outbox

// List names and the share of the todos in each (the Inbox first).
constexpr std::array kLists = {
    std::pair{"Inbox", 25}, std::pair{"Work", 25},         std::pair{"Home", 12},
    std::pair{"Groceries", 8}, std::pair{"Side project", 12}, std::pair{"Reading", 6},
    std::pair{"Travel", 5},  std::pair{"Errands", 7},
};

constexpr std::array kTags = {
    "work",   "home",   "urgent",  "errand", "phone",   "waiting", "someday", "health",
    "finance", "family", "email",  "review", "garden",  "car",     "kids",    "school",
    "music",  "sport",  "travel",  "books",  "cooking", "admin",   "ideas",   "Q4",
};

constexpr std::array kVerbs = {
    "Call",   "Email",  "Buy",    "Fix",     "Write",  "Review", "Book",    "Plan",
    "Clean",  "Pay",    "Update", "Prepare", "Send",   "Check",  "Schedule", "Finish",
    "Read",   "Order",  "Return", "Draft",   "Renew",  "Pick up", "Organise", "Ask about",
};

constexpr std::array kObjects = {
    "the dentist",   "mum",           "the landlord",  "groceries",       "the bike",
    "quarterly report", "slides",     "flights",       "hotel",           "the garage",
    "electricity bill", "passport",   "library books", "birthday present", "car insurance",
    "team meeting",  "project plan",  "budget",        "kitchen sink",    "winter tyres",
    "tax return",    "the plumber",   "running shoes", "conference talk", "newsletter",
    "pull request",  "release notes", "backup drive",  "photo album",     "recipe book",
};

constexpr std::array kDetails = {
    "before Friday",   "for the trip",      "with Sam",        "at the office",
    "after lunch",     "if it is still open", "and confirm by email", "for next week",
    "from the shop on the corner", "(again)", "with the new numbers", "for the kids",
    "and file the receipt", "before the deadline", "on the way home", "for the review",
};

constexpr std::array kNoteSentences = {
    "Remember to bring the reference number.",
    "They said to call back after ten.",
    "Compare prices first; last time the second shop was cheaper.",
    "The link is in the shared folder.",
    "Ask whether the warranty covers it.",
    "Check the calendar for conflicts before confirming anything.",
    "Needs the signed form, a copy of the ID and the old contract.",
    "Low priority unless it becomes blocking.",
    "See the thread from last month for the background and the numbers we agreed on.",
    "Keep the receipt.",
};

template<typename Array>
QString pick(QRandomGenerator &rng, const Array &array)
{
    return QString::fromUtf8(array[rng.bounded(int(array.size()))]);
}

bool percent(QRandomGenerator &rng, int p)
{
    return int(rng.bounded(100)) < p;
}

QString makeTitle(QRandomGenerator &rng, bool rare)
{
    QString title = pick(rng, kVerbs);
    const int shape = int(rng.bounded(100));
    if (shape < 25) { // short: "Call mum"
        title += u' ' + pick(rng, kObjects);
    } else if (shape < 80) { // medium
        title += u' ' + pick(rng, kObjects) + u' ' + pick(rng, kDetails);
    } else { // long
        title += u' ' + pick(rng, kObjects) + u' ' + pick(rng, kDetails) + u" and "_s
            + pick(rng, kVerbs).toLower() + u' ' + pick(rng, kObjects) + u' ' + pick(rng, kDetails);
    }
    if (rare)
        title += u" (%1 #%2)"_s.arg(QString::fromLatin1(BenchDatabase::kRareWord)).arg(rng.bounded(9000) + 1000);
    return title;
}

QString makeNotes(QRandomGenerator &rng)
{
    QStringList sentences;
    const int count = 1 + int(rng.bounded(4));
    for (int i = 0; i < count; ++i)
        sentences << pick(rng, kNoteSentences);
    return sentences.join(u' ');
}

QString newUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

struct Inserter
{
    explicit Inserter(const QSqlDatabase &db)
        : query(db)
    {
    }
    bool prepare(const QString &sql, QString *error)
    {
        if (query.prepare(sql))
            return true;
        *error = query.lastError().text();
        return false;
    }
    bool run(const QVariantList &values, QString *error)
    {
        for (int i = 0; i < values.size(); ++i)
            query.bindValue(i, values.at(i));
        if (query.exec())
            return true;
        *error = query.lastError().text();
        return false;
    }
    QSqlQuery query;
};

} // namespace

bool BenchDatabase::create(const QString &filePath, int rows, BenchDatabase *result, QString *error)
{
    if (QFileInfo::exists(filePath)) {
        *error = u"%1 exists already"_s.arg(filePath);
        return false;
    }
    *result = BenchDatabase{};
    result->filePath = filePath;

    LocalDatabase database;
    const auto opened = database.open(filePath);
    if (!opened.ok()) {
        *error = LocalDatabase::describe(opened.status) + u' ' + opened.detail;
        return false;
    }
    TodoStore store(&database);
    result->inboxId = store.inboxId();

    // Lists through the store, as the app makes them.
    Changeset lists;
    for (std::size_t i = 1; i < kLists.size(); ++i) {
        TodoList list = store.newList(QString::fromUtf8(kLists[i].first));
        list.position = double(i);
        lists.lists << list;
    }
    if (!store.apply(lists)) {
        *error = store.lastError();
        return false;
    }
    result->listIds << result->inboxId;
    for (const TodoList &list : std::as_const(lists.lists))
        result->listIds << list.id;

    const QSqlDatabase db = database.database();
    Sql::WriteTransaction transaction(db);
    if (!transaction.isActive()) {
        *error = transaction.error();
        return false;
    }

    Inserter tag(db), todo(db), link(db), outbox(db);
    if (!tag.prepare(u"INSERT INTO tags(id, name, name_key) VALUES (?, ?, ?)"_s, error)
        || !todo.prepare(u"INSERT INTO todos(id, list_id, title, notes, completed, completed_at,"
                         " due_at, due_has_time, priority, position, created_at, updated_at, deleted_at)"
                         " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
                         error)
        || !link.prepare(u"INSERT OR IGNORE INTO todo_tags(todo_id, tag_id) VALUES (?, ?)"_s, error)
        || !outbox.prepare(u"INSERT INTO outbox(entity, entity_id, op, payload, queued_at)"
                           " VALUES ('todo', ?, 'upsert', ?, ?)"_s,
                           error))
        return false;
    // Everything made so far counts as synced.
    if (!Sql::exec(db, u"DELETE FROM outbox"_s, {}, error))
        return false;

    QStringList tagIds;
    for (const char *name : kTags) {
        const QString id = newUuid();
        const QString text = QString::fromUtf8(name);
        if (!tag.run({id, text, text.toCaseFolded()}, error))
            return false;
        tagIds << id;
    }

    QRandomGenerator rng(kSeed);
    const Timestamp::Micros now = Timestamp::now();
    const QDate today = QDate::currentDate();
    QList<double> nextPosition(result->listIds.size(), 1.0);
    int totalWeight = 0;
    for (const auto &list : kLists)
        totalWeight += list.second;

    const int total = rows + rows * kTombstonePerMille / 1000;
    for (int n = 0; n < total; ++n) {
        // Which list, by weight.
        int roll = int(rng.bounded(totalWeight));
        qsizetype listIndex = 0;
        while (roll >= kLists[listIndex].second) {
            roll -= kLists[listIndex].second;
            ++listIndex;
        }
        const bool tombstone = n >= rows; // the last ones, so exactly `rows` are live
        const bool rare = rng.bounded(1000) < 4;
        const QString id = newUuid();
        const QString title = makeTitle(rng, rare);
        QString notes = percent(rng, 35) ? makeNotes(rng) : u""_s; // a null QString binds as NULL
        if (!rare && rng.bounded(2000) == 0)
            notes += u" Attach the %1."_s.arg(QString::fromLatin1(kRareWord));
        const bool matchesRare = rare || notes.contains(QString::fromLatin1(kRareWord));

        const Timestamp::Micros created = now - qint64(rng.bounded(730 * 24)) * 3600 * Timestamp::kMicrosPerSecond;
        const bool done = percent(rng, 20);
        QVariant completedAt(QMetaType::fromType<qint64>());
        if (done)
            completedAt = created + qint64(rng.bounded(30 * 24)) * 3600 * Timestamp::kMicrosPerSecond;

        QVariant dueAt(QMetaType::fromType<qint64>());
        bool dueHasTime = false;
        if (percent(rng, 30)) {
            const QDate day = today.addDays(qint64(rng.bounded(121)) - 60);
            dueHasTime = percent(rng, 30);
            dueAt = dueHasTime ? Timestamp::fromDateTime(QDateTime(day, QTime(8 + int(rng.bounded(12)), rng.bounded(2) * 30)))
                               : Timestamp::fromDate(day);
        }
        const int priorityRoll = int(rng.bounded(100));
        const int priority = priorityRoll < 65 ? 0 : priorityRoll < 80 ? 1 : priorityRoll < 92 ? 2 : 3;
        const double position = nextPosition[listIndex];
        nextPosition[listIndex] += 1.0;
        QVariant deletedAt(QMetaType::fromType<qint64>());
        if (tombstone)
            deletedAt = now - qint64(rng.bounded(30 * 24)) * 3600 * Timestamp::kMicrosPerSecond;

        if (!todo.run({id, result->listIds.at(listIndex), title, notes, done, completedAt, dueAt,
                       dueHasTime, priority, position, created, created, deletedAt},
                      error))
            return false;

        if (percent(rng, 20)) {
            const int count = 1 + int(rng.bounded(3));
            for (int t = 0; t < count; ++t) {
                if (!link.run({id, tagIds.at(rng.bounded(int(tagIds.size())))}, error))
                    return false;
            }
            if (!tombstone)
                ++result->withTags;
        }
        if (n % kPendingEvery == 0) {
            if (!outbox.run({id, u"title"_s, now}, error))
                return false;
            ++result->pending;
        }
        if (tombstone) {
            ++result->tombstones;
            continue;
        }
        ++result->liveTodos;
        result->withDue += dueAt.isNull() ? 0 : 1;
        result->completed += done ? 1 : 0;
        result->rareWordMatches += matchesRare ? 1 : 0;
    }
    if (!transaction.commit()) {
        *error = transaction.error();
        return false;
    }
    // Leave no WAL behind: the measured start opens a checkpointed file.
    QSqlQuery checkpoint(db);
    checkpoint.exec(u"PRAGMA wal_checkpoint(TRUNCATE)"_s);
    checkpoint.finish();
    return true;
}

QString BenchDatabase::summary() const
{
    const double live = qMax(1, liveTodos);
    return u"%1 live todos in %2 lists (+%3 tombstones); %4 % with a due date, %5 % with tags,"
           " %6 % completed; %7 pending outbox rows; \"%8\" matches %9 todos"_s
        .arg(liveTodos)
        .arg(listIds.size())
        .arg(tombstones)
        .arg(100.0 * withDue / live, 0, 'f', 0)
        .arg(100.0 * withTags / live, 0, 'f', 0)
        .arg(100.0 * completed / live, 0, 'f', 0)
        .arg(pending)
        .arg(QString::fromLatin1(kRareWord))
        .arg(rareWordMatches);
}
