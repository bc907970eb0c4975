#include "cliparser.h"

#include "clioptions.h"

#include "quickadd/quickaddparser.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QRegularExpression>

#include <functional>
#include <limits>

using namespace Qt::StringLiterals;

namespace {

using Command = CliRequest::Command;

struct CommandName
{
    QString name;
    Command command;
};

const QList<CommandName> &commandNames()
{
    static const QList<CommandName> names{
        {u"add"_s, Command::Add},       {u"list"_s, Command::List},     {u"edit"_s, Command::Edit},
        {u"done"_s, Command::Done},     {u"undone"_s, Command::Undone}, {u"delete"_s, Command::Delete},
        {u"sync"_s, Command::Sync},     {u"export"_s, Command::Export}, {u"help"_s, Command::Help},
    };
    return names;
}

QString nameOf(Command command)
{
    for (const CommandName &entry : commandNames()) {
        if (entry.command == command)
            return entry.name;
    }
    return {};
}

struct GivenOption
{
    const OptionSpec *spec;
    QString value;
};

// The positional arguments each command wants, after its name.
QString checkPositionals(CliRequest &request, const QStringList &positionals)
{
    switch (request.command) {
    case Command::Add:
        if (positionals.isEmpty() || positionals.first().trimmed().isEmpty())
            return CliParser::tr("add needs a title.");
        request.target = positionals.first().trimmed();
        break;
    case Command::Edit:
    case Command::Done:
    case Command::Undone:
    case Command::Delete:
        if (positionals.isEmpty() || positionals.first().trimmed().isEmpty())
            return CliParser::tr("%1 needs the id of a todo.").arg(nameOf(request.command));
        request.target = positionals.first().trimmed();
        break;
    case Command::List:
    case Command::Sync:
    case Command::Export:
    case Command::Help:
    case Command::None:
        if (!positionals.isEmpty())
            return CliParser::tr("Unexpected argument: %1").arg(positionals.first());
        return {};
    }
    // A second title or id is almost always a missing pair of quotes.
    if (positionals.size() > 1)
        return CliParser::tr("Unexpected argument: %1 (quote a title that has spaces)")
            .arg(positionals.at(1));
    return {};
}

} // namespace

std::optional<CliRequest::Due> CliParser::parseDue(const QString &text, QString *error)
{
    auto invalid = [&]() -> std::optional<CliRequest::Due> {
        *error = tr("Invalid due date \"%1\"; expected YYYY-MM-DD, YYYY-MM-DDTHH:MM, or words as in quick add, such "
                    "as today, tomorrow, friday, next week, in 3 days, Dec 15 or tomorrow 3pm.")
                     .arg(text);
        return std::nullopt;
    };
    // Exactly these shapes: QDate::fromString alone would also take "2026-1-5".
    static const QRegularExpression shape(u"^(\\d{4}-\\d{2}-\\d{2})(?:[T ](\\d{2}:\\d{2}))?$"_s);
    const QRegularExpressionMatch match = shape.match(text.trimmed());
    QDate date;
    std::optional<QTime> time;
    if (match.hasMatch()) {
        date = QDate::fromString(match.captured(1), u"yyyy-MM-dd"_s);
        if (!match.captured(2).isEmpty())
            time = QTime::fromString(match.captured(2), u"HH:mm"_s);
    } else if (const auto words = QuickAddParser::parseDue(text, QDate::currentDate())) {
        // The quick-add line's words, read by its own parser.
        date = words->dueDate.value_or(QDate());
        time = words->dueTime;
    }
    if (!date.isValid() || (time && !time->isValid()))
        return invalid();
    if (!time)
        return CliRequest::Due{Timestamp::fromDate(date), false};
    // A wall-clock time in this computer's zone, as the GUI's date editor reads it.
    const QDateTime local(date, *time);
    if (!local.isValid()) {
        *error = tr("%1 does not exist in this computer's time zone (the clocks skip it).").arg(text);
        return std::nullopt;
    }
    return CliRequest::Due{Timestamp::fromDateTime(local), true};
}

std::optional<int> CliParser::parseDuration(const QString &text)
{
    static const QRegularExpression whole(u"^(?:\\s*\\d+\\s*[wdhm])+\\s*$"_s);
    static const QRegularExpression part(u"(\\d+)\\s*([wdhm])"_s);
    const QString value = text.trimmed().toLower();
    if (!whole.match(value).hasMatch())
        return std::nullopt;
    static const QHash<QChar, qint64> minutesPer{{u'w', 7 * 24 * 60}, {u'd', 24 * 60}, {u'h', 60}, {u'm', 1}};
    qint64 minutes = 0;
    for (const QRegularExpressionMatch &match : part.globalMatch(value)) {
        minutes += match.captured(1).toLongLong() * minutesPer.value(match.captured(2).front());
        if (minutes > std::numeric_limits<int>::max())
            return std::nullopt;
    }
    return int(minutes);
}

std::optional<Priority> CliParser::parsePriority(const QString &text)
{
    const QString value = text.trimmed().toLower();
    for (int i = 0; i < Priorities::kCount; ++i) {
        const Priority priority = Priorities::fromInt(i);
        if (value == QString::number(i) || value == Priorities::key(priority))
            return priority;
    }
    return std::nullopt;
}

CliRequest CliParser::parse(const QStringList &arguments)
{
    CliRequest request;
    QList<GivenOption> given;
    QStringList positionals;
    QString commandWord;
    bool optionsEnded = false;

    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        const bool isOption = !optionsEnded && argument.size() > 1 && argument.startsWith(u'-');
        if (!isOption) {
            if (commandWord.isNull())
                commandWord = argument;
            else
                positionals << argument;
            continue;
        }
        if (argument == u"--"_s) {
            optionsEnded = true;
            continue;
        }
        const qsizetype equals = argument.startsWith(u"--"_s) ? argument.indexOf(u'=') : -1;
        const QString name = equals < 0 ? argument : argument.left(equals);
        const OptionSpec *spec = CliOptions::find(name);
        if (!spec) {
            if (request.error.isEmpty())
                request.error = tr("Unknown option: %1").arg(name);
            continue;
        }
        QString value;
        if (spec->takesValue) {
            if (equals >= 0) {
                value = argument.mid(equals + 1);
            } else if (i + 1 < arguments.size()) {
                value = arguments.at(++i); // taken as it is, even when it starts with a dash
            } else {
                if (request.error.isEmpty())
                    request.error = tr("%1 needs a value.").arg(name);
                continue;
            }
        } else if (equals >= 0 && request.error.isEmpty()) {
            request.error = tr("%1 takes no value.").arg(name);
        }
        given << GivenOption{spec, value};
    }

    // --help and --version answer whatever else was given, the way most tools do.
    for (const GivenOption &option : std::as_const(given)) {
        request.help = request.help || option.spec->name == u"--help"_s || option.spec->name == u"-h"_s;
        request.version = request.version || option.spec->name == u"--version"_s;
    }
    if (request.help || request.version) {
        request.error.clear();
        return request;
    }
    if (!request.error.isEmpty())
        return request;

    if (commandWord.isNull()) {
        request.error = tr("No command given; see tandem-cli --help.");
        return request;
    }
    for (const CommandName &entry : commandNames()) {
        if (entry.name == commandWord)
            request.command = entry.command;
    }
    if (request.command == Command::None) {
        request.error = tr("Unknown command: %1 (see tandem-cli --help)").arg(commandWord);
        return request;
    }
    if (request.command == Command::Help) {
        request.help = true;
        return request;
    }

    // Now that the command is known: is each option its own, and is each value good?
    for (const GivenOption &option : std::as_const(given)) {
        const QList<Command> &allowed = option.spec->commands;
        if (!allowed.isEmpty() && !allowed.contains(request.command)) {
            request.error = tr("%1 is not an option of %2.").arg(option.spec->name, commandWord);
            return request;
        }
        const QString error = option.spec->apply(request, option.value);
        if (!error.isEmpty()) {
            request.error = error;
            return request;
        }
    }
    request.error = checkPositionals(request, positionals);
    if (!request.error.isEmpty())
        return request;

    if (request.due && request.noDue) {
        request.error = tr("--due and --no-due cannot be used together.");
    } else if (request.repeat && request.noRepeat) {
        request.error = tr("--repeat and --no-repeat cannot be used together.");
    } else if (request.start && request.noStart) {
        request.error = tr("--start and --no-start cannot be used together.");
    } else if (request.parent && request.noParent) {
        request.error = tr("--parent and --no-parent cannot be used together.");
    } else if (request.noReminders && (!request.remindAt.isEmpty() || !request.remindBefore.isEmpty())) {
        request.error = tr("--no-reminders cannot be used with --remind or --remind-before.");
    } else if (request.command == Command::Edit && !request.title && !request.notes && !request.due
               && !request.noDue && !request.priority && request.addTags.isEmpty()
               && request.removeTags.isEmpty() && !request.listName && !request.repeat && !request.noRepeat
               && !request.repeatFromCompletion && !request.start && !request.noStart && !request.parent
               && !request.noParent && request.remindAt.isEmpty() && request.remindBefore.isEmpty()
               && !request.noReminders) {
        request.error = tr("edit needs something to change (see tandem-cli --help).");
    }
    return request;
}

QString CliParser::usage()
{
    return tr(R"(Usage: tandem-cli [GLOBAL OPTIONS] COMMAND [ARGUMENTS] [OPTIONS]

Tandem without a window: the same local cache and sync as the desktop app,
for scripts and testing. Options may come before or after the command.

Commands:
  add TITLE [--list NAME] [--due DATE] [--priority P] [--tag T]... [--notes TEXT]
          [--repeat RULE] [--repeat-from due|completion] [--start DATE]
          [--parent ID] [--remind DATE]... [--remind-before DURATION]...
                      Add a todo; prints its id.
  add --quick "TEXT"  Add a todo from a line read as the window's quick add
                      reads it ("Pay rent every month on the 1st #home").
                      Prints its id.
  list [--json] [--all]
                      Show the open todos with their lists (--all: the
                      completed ones too).
  edit ID [--title T] [--notes N] [--due DATE | --no-due] [--priority P]
          [--add-tag T]... [--remove-tag T]... [--list NAME]
          [--repeat RULE | --no-repeat] [--repeat-from due|completion]
          [--start DATE | --no-start] [--parent ID | --no-parent]
          [--remind DATE]... [--remind-before DURATION]... [--no-reminders]
                      Change a todo. --remind and --remind-before add
                      reminders; --no-reminders removes them all.
  done ID | undone ID | delete ID
                      Mark a todo done or not done, or delete it. Done on a
                      repeating todo completes the occurrence due and moves
                      the todo to its next one. Deleting a todo deletes its
                      subtasks.
  sync [--yes]        Push local changes and pull the cloud's, once.
                      --yes confirms a pull that would delete many todos.
  export [--json]     All lists and todos (with tags) as JSON; each todo's
                      "reminders" are the times its reminders fire next
                      (ISO-8601, UTC).
  help                This text.

Values:
  ID        a todo's id, or its first characters (at least 4) when no
            other todo's id starts with them
  DATE      YYYY-MM-DD, or YYYY-MM-DDTHH:MM in local time, or words as in
            the window's quick add: today, tomorrow, friday, next week,
            in 3 days, Dec 15, tomorrow 3pm
  DURATION  how long before the due a reminder fires: 15m, 2h, 1d, 1w,
            or a sum such as 1h30m. --remind DATE with a date alone
            reminds at 09:00 that day; so does --remind-before for a due
            date without a time, counted from 09:00 of the due day.
  P         0-3, or none, low, medium, high
  RULE      an RFC 5545 repeat rule, with or without RRULE:, such as
            FREQ=WEEKLY;BYDAY=MO,TH or FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=6
            (FREQ DAILY, WEEKLY, MONTHLY or YEARLY; INTERVAL, BYDAY,
            BYMONTHDAY, BYMONTH, COUNT, UNTIL); it follows this computer's
            time zone. --repeat-from completion counts from the day it is
            done, as "every!" does in quick add.
  NAME      an existing list, any case; Inbox is the inbox
  T         a tag name; a leading # is dropped
  TITLE     one argument (quote it); after -- it may start with a dash

Global options:
  --data-dir DIR      Use DIR/tandem.db instead of the desktop app's cache.
  --profile PROFILE   development, staging or production (default:
                      TANDEM_PROFILE, else development). The server comes from
                      DATABASE_URL, the PG* variables or the profile's .env file.
  -h, --help          Show this text.
  --version           Show the version.

Exit status: 0 success, 1 failure (database, sync, unknown id or list),
2 wrong call (unknown command or option, missing or invalid value).
Errors are one line on stderr; QT_LOGGING_RULES=tandem.*=true shows the log.
)");
}
