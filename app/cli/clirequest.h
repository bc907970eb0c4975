#pragma once

#include "domain/priority.h"
#include "domain/timestamp.h"

#include <QString>
#include <QStringList>

#include <optional>

// Exit codes of tandem-cli, for scripts: 1 means the call was fine but the
// world was not (a database that cannot be opened, a failed sync, an id or
// list that does not exist); 2 means the call itself was wrong.
namespace CliExit {
constexpr int Ok = 0;
constexpr int Failure = 1;
constexpr int Usage = 2;
} // namespace CliExit

// One call of tandem-cli, parsed and checked, but not yet carried out.
// Values that need no database (dates, priorities, the profile name) are
// already validated here, so a usage error never opens the cache.
struct CliRequest
{
    enum class Command { None, Help, Add, List, Edit, Done, Undone, Delete, Sync, Export };

    struct Due
    {
        Timestamp::Micros at = 0;
        bool hasTime = false; // false: a calendar date (Timestamp::fromDate)
    };

    Command command = Command::None;
    bool help = false;
    bool version = false;

    // Global options.
    QString dataDir; // empty: the GUI's place under AppDataLocation
    QString profile; // empty: TANDEM_PROFILE, else development

    // add: the title; edit, done, undone, delete: the todo id (or prefix).
    QString target;

    std::optional<QString> title; // edit --title
    std::optional<QString> notes;
    std::optional<QString> listName;
    std::optional<Due> due;
    bool noDue = false;
    std::optional<Priority> priority;
    QStringList tags;       // add --tag
    QStringList addTags;    // edit --add-tag
    QStringList removeTags; // edit --remove-tag
    bool json = false;
    bool all = false;
    bool yes = false; // sync: confirm a mass deletion
    std::optional<QString> repeat; // --repeat: the rule's canonical text
    bool noRepeat = false;
    std::optional<bool> repeatFromCompletion; // --repeat-from
    std::optional<Timestamp::Micros> start;   // --start: a calendar date (Timestamp::fromDate)
    bool noStart = false;
    std::optional<QString> parent; // --parent: a todo id or prefix
    bool noParent = false;
    bool quick = false; // add --quick: the title is a quick-add line
    QList<Due> remindAt;      // --remind: a date alone means 09:00 of that day
    QList<int> remindBefore;  // --remind-before, in minutes before the due
    bool noReminders = false; // edit --no-reminders

    QString error; // a usage error, one line, already phrased for the person
};
