#include "clicommands.h"

#include "clireminders.h"
#include "cloud/profileloader.h"
#include "domain/tagkey.h"
#include "operations/reminderoperations.h"
#include "operations/todooperations.h"
#include "presenters/todolistpresenter.h"
#include "quickadd/quickaddparser.h"
#include "store/localdatabase.h"
#include "store/todostore.h"
#include "sync/syncsession.h"
#include "todofinder.h"
#include "todojsonexport.h"

#include <QCoreApplication>
#include <QDir>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcessEnvironment>
#include <QStandardPaths>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

// UTF-8 whatever the locale says: scripts read it back as JSON or compare it.
void print(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
}

// Whether names holds the same tag as name: the same TagKey, so "Work" and
// "work", or "İstanbul" and "i̇stanbul", are one tag, as in the store.
bool containsTag(const QStringList &names, const QString &name)
{
    const QString key = TagKey::of(name);
    return std::any_of(names.cbegin(), names.cend(),
                       [&key](const QString &other) { return TagKey::of(other) == key; });
}

// Adds the names a todo does not have yet.
void addTags(QStringList *tags, const QStringList &names)
{
    for (const QString &name : names) {
        if (!containsTag(*tags, name))
            tags->append(name);
    }
}

QString dueText(const Todo &todo)
{
    if (!todo.dueAt)
        return {};
    // A date-only due is a calendar date kept in UTC; a timed one is shown
    // in this computer's zone, as the window shows it.
    return todo.dueHasTime ? Timestamp::toLocal(*todo.dueAt).toString(u"yyyy-MM-dd HH:mm"_s)
                           : Timestamp::toDate(*todo.dueAt).toString(Qt::ISODate);
}

// One line per todo: short id, check mark, title, @list, due, priority, #tags.
QString line(const Todo &todo, const QString &listName)
{
    QString title = todo.title;
    title.replace(u'\n', u' '); // one todo, one line, even for a pasted title
    QStringList parts{todo.id.left(TodoFinder::kShortId), todo.completed ? u"✓"_s : u" "_s, title};
    if (!listName.isEmpty())
        parts << u"@"_s + listName; // as quick add writes it
    if (todo.dueAt)
        parts << CliCommands::tr("due %1", "tandem-cli list: the due date of a todo")
                     .arg(dueText(todo));
    if (todo.priority != Priority::None)
        parts << u"!"_s + Priorities::key(todo.priority);
    if (!todo.tags.isEmpty())
        parts << u"#"_s + todo.tags.join(u" #"_s);
    return parts.join(u"  "_s);
}

} // namespace

CliCommands::CliCommands(const CliRequest &request)
    : m_request(request)
{
}

CliCommands::~CliCommands()
{
    // The finder and store read through the database's connection: they go first.
    m_finder.reset();
    m_store.reset();
    m_database.reset();
}

QString CliCommands::databasePath(const QString &dataDir)
{
    // The same place as the window's (app/commandline.cpp), so that by
    // default the two work on one cache.
    const QString dir = dataDir.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                                          : QDir(dataDir).absolutePath();
    return QDir(dir).filePath(u"tandem.db"_s);
}

int CliCommands::fail(int code, const QString &message)
{
    QString text = message.trimmed();
    text.replace(u'\n', u' '); // a script reads the first line of stderr
    const QByteArray bytes = (u"tandem-cli: "_s + text + u'\n').toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    return code;
}

int CliCommands::openDatabase(LocalDatabase::Role role)
{
    m_database = std::make_unique<LocalDatabase>();
    const QString path = databasePath(m_request.dataDir);
    // A guest beside the window and other runs; sync owns the file (one sync engine per outbox).
    const LocalDatabase::OpenResult result = m_database->open(path, role);
    if (!result.ok()) {
        // Unlike the window, never offer to set a damaged file aside: a
        // script should not make that choice for the person.
        return fail(CliExit::Failure,
                    u"%1 (%2%3)"_s.arg(LocalDatabase::describe(result.status), path,
                                       result.detail.isEmpty() || result.detail == path ? QString()
                                                                                        : u": "_s + result.detail));
    }
    m_store = std::make_unique<TodoStore>(m_database.get());
    m_finder = std::make_unique<TodoFinder>(m_store.get());
    return CliExit::Ok;
}

int CliCommands::run()
{
    using Command = CliRequest::Command;
    // sync checks its profile before it touches the cache: no server, no side effects.
    if (m_request.command == Command::Sync)
        return sync();
    if (const int opened = openDatabase(); opened != CliExit::Ok)
        return opened;
    switch (m_request.command) {
    case Command::Add:
        return add();
    case Command::List:
        return list();
    case Command::Edit:
        return edit();
    case Command::Done:
        return setCompleted(true);
    case Command::Undone:
        return setCompleted(false);
    case Command::Delete:
        return remove();
    case Command::Export:
        return exportJson();
    case Command::Sync:
    case Command::Help:
    case Command::None:
        break;
    }
    return fail(CliExit::Usage, tr("No command given; see tandem-cli --help."));
}

// The repeat, start date and parent that add and edit set alike.
int CliCommands::applyShape(const Todo &before, Todo *todo)
{
    if (m_request.repeat)
        todo->repeatRule = *m_request.repeat;
    else if (m_request.noRepeat)
        todo->repeatRule.clear();
    if (m_request.repeatFromCompletion)
        todo->repeatFromCompletion = *m_request.repeatFromCompletion;
    if (m_request.start)
        todo->startAt = *m_request.start;
    else if (m_request.noStart)
        todo->startAt.reset();
    if (m_request.noParent)
        todo->parentId.clear();
    if (!m_request.parent)
        return CliExit::Ok;
    QString error;
    const auto parent = m_finder->todo(*m_request.parent, &error);
    if (!parent)
        return fail(CliExit::Failure, error);
    // One level deep, as in the window.
    if (parent->id == before.id || !parent->parentId.isEmpty())
        return fail(CliExit::Failure, tr("%1 is a subtask itself; subtasks are one level deep.").arg(*m_request.parent));
    if (!m_store->subtaskIds({before.id}).isEmpty())
        return fail(CliExit::Failure, tr("This todo has subtasks of its own, so it cannot become a subtask."));
    todo->parentId = parent->id;
    todo->listId = parent->listId;
    return CliExit::Ok;
}

int CliCommands::addQuick()
{
    // Read as the window's quick add reads a line, in the Inbox.
    QStringList listNames;
    for (const TodoList &list : m_store->lists())
        listNames << list.name;
    const QDate today = QDate::currentDate();
    const QuickAddResult result = QuickAddParser::parse(m_request.target, today, listNames);
    if (result.isEmpty())
        return fail(CliExit::Usage, tr("The quick-add line has no title."));
    const TodoListPresenter presenter(m_store.get());
    const Edit edit = presenter.quickAdd(result, today);
    if (!TodoOperations::apply(*m_store, edit))
        return fail(CliExit::Failure, m_store->lastError());
    print(edit.after.todos.last().id + u'\n');
    return CliExit::Ok;
}

int CliCommands::add()
{
    if (m_request.quick)
        return addQuick();
    QString error;
    QString listId; // empty: the inbox (TodoStore::newTodo)
    if (m_request.listName) {
        const auto list = m_finder->list(*m_request.listName, &error);
        if (!list)
            return fail(CliExit::Failure, error);
        listId = list->id;
    }
    Todo todo = m_store->newTodo(listId, m_request.target);
    if (m_request.notes)
        todo.notes = *m_request.notes;
    if (m_request.due) {
        todo.dueAt = m_request.due->at;
        todo.dueHasTime = m_request.due->hasTime;
    }
    if (m_request.priority)
        todo.priority = *m_request.priority;
    addTags(&todo.tags, m_request.tags);
    if (const int shaped = applyShape(todo, &todo); shaped != CliExit::Ok)
        return shaped;
    const auto reminders = CliReminders::fromRequest(m_request, todo, &error);
    if (!reminders)
        return fail(CliExit::Failure, error);
    Edit edit = TodoOperations::addTodo(todo);
    ReminderOperations::addTo(edit, *reminders);
    if (!TodoOperations::apply(*m_store, edit))
        return fail(CliExit::Failure, m_store->lastError());
    print(todo.id + u'\n');
    return CliExit::Ok;
}

int CliCommands::list()
{
    QString error;
    const auto todos = m_finder->liveTodos(m_request.all, &error);
    if (!todos)
        return fail(CliExit::Failure, error);
    if (m_request.json) {
        const QJsonArray array = TodoJsonExport::todos(*todos, CliReminders::nextFireTimes(*m_store, *todos));
        print(QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented)));
        return CliExit::Ok;
    }
    QHash<QString, QString> listNames;
    for (const TodoList &list : m_store->lists())
        listNames.insert(list.id, list.name);
    for (const Todo &todo : *todos)
        print(line(todo, listNames.value(todo.listId)) + u'\n');
    return CliExit::Ok;
}

int CliCommands::edit()
{
    QString error;
    const auto before = m_finder->todo(m_request.target, &error);
    if (!before)
        return fail(CliExit::Failure, error);
    Todo after = *before;
    if (m_request.title)
        after.title = *m_request.title;
    if (m_request.notes)
        after.notes = *m_request.notes;
    if (m_request.due) {
        after.dueAt = m_request.due->at;
        after.dueHasTime = m_request.due->hasTime;
    } else if (m_request.noDue) {
        after.dueAt.reset();
        after.dueHasTime = false;
    }
    if (m_request.priority)
        after.priority = *m_request.priority;
    // Removing a tag the todo does not have is no error: the result is what was asked.
    after.tags.removeIf([this](const QString &tag) { return containsTag(m_request.removeTags, tag); });
    addTags(&after.tags, m_request.addTags);
    if (m_request.listName) {
        const auto list = m_finder->list(*m_request.listName, &error);
        if (!list)
            return fail(CliExit::Failure, error);
        after.listId = list->id; // the operation puts it at the end of that list
    }
    if (const int shaped = applyShape(*before, &after); shaped != CliExit::Ok)
        return shaped;
    const auto reminders = CliReminders::fromRequest(m_request, after, &error);
    if (!reminders)
        return fail(CliExit::Failure, error);
    // The todo and its reminders in one step, as one transaction.
    Edit edit = TodoOperations::editTodo(*m_store, after);
    if (m_request.noReminders) {
        const Edit cleared = ReminderOperations::clear(*m_store, before->id);
        edit.before.reminders << cleared.before.reminders;
        edit.after.reminders << cleared.after.reminders;
    }
    ReminderOperations::addTo(edit, *reminders);
    if (!TodoOperations::apply(*m_store, edit))
        return fail(CliExit::Failure, m_store->lastError());
    return CliExit::Ok;
}

int CliCommands::setCompleted(bool done)
{
    QString error;
    const auto before = m_finder->todo(m_request.target, &error);
    if (!before)
        return fail(CliExit::Failure, error);
    // No change (and no outbox entry) when it is so already.
    if (!TodoOperations::apply(*m_store, TodoOperations::setCompleted(*m_store, {before->id}, done)))
        return fail(CliExit::Failure, m_store->lastError());
    return CliExit::Ok;
}

int CliCommands::remove()
{
    QString error;
    const auto before = m_finder->todo(m_request.target, &error);
    if (!before)
        return fail(CliExit::Failure, error);
    // A tombstone, so the deletion syncs.
    if (!TodoOperations::apply(*m_store, TodoOperations::deleteTodos(*m_store, {before->id})))
        return fail(CliExit::Failure, m_store->lastError());
    return CliExit::Ok;
}

int CliCommands::sync()
{
    QString error;
    const QString profileDir = QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation);
    const std::optional<Profile> profile = ProfileLoader::load(
        ProfileLoader::Inputs{m_request.profile, {}, QProcessEnvironment::systemEnvironment(), profileDir}, &error);
    if (!profile)
        return fail(CliExit::Failure, error);
    if (!profile->hasServer()) {
        const QString envFile = QDir(profileDir).filePath(ProfileLoader::envFileName(profile->name));
        return fail(CliExit::Failure,
                    tr("No cloud database is configured for the %1 profile; set DATABASE_URL (or PGHOST and the"
                       " other PG* variables), or put them in %2.")
                        .arg(ProfileNames::toString(profile->name), envFile));
    }
    if (const int opened = openDatabase(LocalDatabase::Role::Owner); opened != CliExit::Ok)
        return opened;

    SyncOptions options;
    options.statementTimeoutMs = profile->statementTimeoutMs;
    options.confirmDeletes = m_request.yes;
    SyncSession session(m_database->database(), profile->connection, options);
    const SyncResult result = session.sync();
    if (!result.notice.isEmpty())
        print(result.notice + u'\n');
    if (!result.ok()) {
        QString message = result.message.isEmpty() ? tr("The sync failed.") : result.message;
        if (result.error == SyncResult::Error::NeedsConfirmation)
            message += u' ' + tr("Run tandem-cli sync --yes to go ahead.");
        return fail(CliExit::Failure, message);
    }
    print(tr("Synced: pushed %1 changes, pulled %2 rows, %3 conflicts.\n")
              .arg(result.pushedChanges)
              .arg(result.pulledRows)
              .arg(result.conflicts));
    return CliExit::Ok;
}

int CliCommands::exportJson()
{
    QString error;
    const auto todos = m_finder->liveTodos(true, &error);
    if (!todos)
        return fail(CliExit::Failure, error);
    const QJsonObject document
        = TodoJsonExport::document(m_store->lists(), *todos, CliReminders::nextFireTimes(*m_store, *todos));
    print(QString::fromUtf8(QJsonDocument(document).toJson(QJsonDocument::Indented)));
    return CliExit::Ok;
}
