#include "clioptions.h"

#include "cliparser.h"
#include "cloud/profile.h"
#include "repeat/repeatrule.h"

using namespace Qt::StringLiterals;

namespace {

using Command = CliRequest::Command;

QString tagName(const QString &value, QString *error)
{
    // "#work" as in the GUI's quick add and in `list`'s output means the tag "work".
    QString name = value.trimmed();
    if (name.startsWith(u'#'))
        name = name.mid(1).trimmed();
    if (name.isEmpty())
        *error = CliParser::tr("A tag needs a name.");
    return name;
}

OptionSpec::Apply appendTag(QStringList CliRequest::*field)
{
    return [field](CliRequest &request, const QString &value) {
        QString error;
        const QString name = tagName(value, &error);
        if (error.isEmpty())
            (request.*field).append(name);
        return error;
    };
}

OptionSpec::Apply setFlag(bool CliRequest::*field)
{
    return [field](CliRequest &request, const QString &) {
        request.*field = true;
        return QString();
    };
}

} // namespace

const QList<OptionSpec> &CliOptions::specs()
{
    static const QList<OptionSpec> specs{
        {u"--help"_s, false, {}, setFlag(&CliRequest::help)},
        {u"-h"_s, false, {}, setFlag(&CliRequest::help)},
        {u"--version"_s, false, {}, setFlag(&CliRequest::version)},
        {u"--data-dir"_s, true, {},
         [](CliRequest &r, const QString &v) {
             r.dataDir = v.trimmed();
             return r.dataDir.isEmpty() ? CliParser::tr("--data-dir needs a folder.") : QString();
         }},
        {u"--profile"_s, true, {},
         [](CliRequest &r, const QString &v) {
             r.profile = v.trimmed();
             if (ProfileNames::fromString(r.profile))
                 return QString();
             return CliParser::tr("Unknown profile \"%1\"; expected %2.")
                 .arg(v, ProfileNames::all().join(u", "_s));
         }},
        {u"--list"_s, true, {Command::Add, Command::Edit},
         [](CliRequest &r, const QString &v) {
             r.listName = v.trimmed();
             return r.listName->isEmpty() ? CliParser::tr("--list needs a list name.") : QString();
         }},
        {u"--due"_s, true, {Command::Add, Command::Edit},
         [](CliRequest &r, const QString &v) {
             QString error;
             r.due = CliParser::parseDue(v, &error);
             return error;
         }},
        {u"--no-due"_s, false, {Command::Edit}, setFlag(&CliRequest::noDue)},
        {u"--priority"_s, true, {Command::Add, Command::Edit},
         [](CliRequest &r, const QString &v) {
             r.priority = CliParser::parsePriority(v);
             return r.priority
                 ? QString()
                 : CliParser::tr("Invalid priority \"%1\"; expected 0-3 (none, low, medium, high).")
                       .arg(v);
         }},
        {u"--tag"_s, true, {Command::Add}, appendTag(&CliRequest::tags)},
        {u"--add-tag"_s, true, {Command::Edit}, appendTag(&CliRequest::addTags)},
        {u"--remove-tag"_s, true, {Command::Edit}, appendTag(&CliRequest::removeTags)},
        {u"--notes"_s, true, {Command::Add, Command::Edit},
         [](CliRequest &r, const QString &v) {
             r.notes = v; // verbatim: notes may start or end with blank lines on purpose
             return QString();
         }},
        {u"--title"_s, true, {Command::Edit},
         [](CliRequest &r, const QString &v) {
             r.title = v.trimmed();
             return r.title->isEmpty() ? CliParser::tr("A todo needs a title.") : QString();
         }},
        {u"--repeat"_s, true, {Command::Add, Command::Edit},
         [](CliRequest &r, const QString &v) {
             QString error;
             const auto rule = RepeatRule::parse(v, &error);
             if (!rule)
                 return CliParser::tr("Invalid repeat rule \"%1\": %2").arg(v, error);
             r.repeat = rule->text();
             return QString();
         }},
        {u"--no-repeat"_s, false, {Command::Edit}, setFlag(&CliRequest::noRepeat)},
        {u"--repeat-from"_s, true, {Command::Add, Command::Edit},
         [](CliRequest &r, const QString &v) {
             const QString from = v.trimmed().toLower();
             if (from != u"due"_s && from != u"completion"_s)
                 return CliParser::tr("Invalid --repeat-from \"%1\"; expected due or completion.").arg(v);
             r.repeatFromCompletion = from == u"completion"_s;
             return QString();
         }},
        {u"--start"_s, true, {Command::Add, Command::Edit},
         [](CliRequest &r, const QString &v) {
             QString error;
             const auto start = CliParser::parseDue(v, &error);
             if (!start)
                 return error;
             // A start date is a calendar day: a time given with it only names the day.
             const QDate day = start->hasTime ? Timestamp::toLocal(start->at).date() : Timestamp::toDate(start->at);
             r.start = Timestamp::fromDate(day);
             return QString();
         }},
        {u"--no-start"_s, false, {Command::Edit}, setFlag(&CliRequest::noStart)},
        {u"--parent"_s, true, {Command::Add, Command::Edit},
         [](CliRequest &r, const QString &v) {
             r.parent = v.trimmed();
             return r.parent->isEmpty() ? CliParser::tr("--parent needs the id of a todo.") : QString();
         }},
        {u"--no-parent"_s, false, {Command::Edit}, setFlag(&CliRequest::noParent)},
        {u"--remind"_s, true, {Command::Add, Command::Edit},
         [](CliRequest &r, const QString &v) {
             QString error;
             const auto at = CliParser::parseDue(v, &error);
             if (at)
                 r.remindAt << *at;
             return error;
         }},
        {u"--remind-before"_s, true, {Command::Add, Command::Edit},
         [](CliRequest &r, const QString &v) {
             const auto minutes = CliParser::parseDuration(v);
             if (!minutes)
                 return CliParser::tr("Invalid duration \"%1\"; expected minutes, hours, days or weeks such as 15m, 2h, 1d or 1h30m.")
                     .arg(v);
             r.remindBefore << *minutes;
             return QString();
         }},
        {u"--no-reminders"_s, false, {Command::Edit}, setFlag(&CliRequest::noReminders)},
        {u"--quick"_s, false, {Command::Add}, setFlag(&CliRequest::quick)},
        {u"--json"_s, false, {Command::List, Command::Export}, setFlag(&CliRequest::json)},
        {u"--all"_s, false, {Command::List}, setFlag(&CliRequest::all)},
        {u"--yes"_s, false, {Command::Sync}, setFlag(&CliRequest::yes)},
    };
    return specs;
}

const OptionSpec *CliOptions::find(const QString &name)
{
    for (const OptionSpec &spec : specs()) {
        if (spec.name == name)
            return &spec;
    }
    return nullptr;
}

