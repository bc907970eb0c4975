#include "quickaddkeywords.h"

#include <QHash>
#include <QLocale>

using namespace Qt::StringLiterals;
using namespace QuickAddWords;

namespace {

using QuickAddKeywords::Keyword;

// A keyword and the ways of writing it in one language; a form with a space
// in it is a phrase of several words.
struct Entry
{
    Keyword keyword;
    QStringList forms;
};

QList<Entry> english()
{
    return {
        {Keyword::Today, {u"today"_s, u"tod"_s}},
        {Keyword::Tomorrow, {u"tomorrow"_s, u"tmr"_s, u"tmrw"_s}},
        {Keyword::Tonight, {u"tonight"_s}},
        {Keyword::Next, {u"next"_s}},
        {Keyword::In, {u"in"_s}},
        {Keyword::One, {u"a"_s, u"an"_s}},
        {Keyword::Day, {u"day"_s, u"days"_s}},
        {Keyword::Week, {u"week"_s, u"weeks"_s}},
        {Keyword::Month, {u"month"_s, u"months"_s}},
        {Keyword::Year, {u"year"_s, u"years"_s}},
        {Keyword::At, {u"at"_s}},
        {Keyword::Noon, {u"noon"_s, u"midday"_s}},
        {Keyword::High, {u"high"_s}},
        {Keyword::Medium, {u"medium"_s, u"med"_s}},
        {Keyword::Low, {u"low"_s}},
        {Keyword::Every, {u"every"_s}},
        {Keyword::Daily, {u"daily"_s}},
        {Keyword::Weekly, {u"weekly"_s}},
        {Keyword::Monthly, {u"monthly"_s}},
        {Keyword::Yearly, {u"yearly"_s, u"annually"_s}},
        {Keyword::Workday, {u"weekday"_s}},
        {Keyword::And, {u"and"_s}},
        {Keyword::On, {u"on"_s}},
        {Keyword::The, {u"the"_s}},
        {Keyword::Last, {u"last"_s}},
        {Keyword::OfTheMonth, {u"of the month"_s}},
        {Keyword::Remind, {u"remind"_s}},
        {Keyword::Before, {u"before"_s, u"earlier"_s}},
        {Keyword::Minute, {u"m"_s, u"min"_s, u"mins"_s, u"minute"_s, u"minutes"_s}},
        {Keyword::Hour, {u"h"_s, u"hour"_s, u"hours"_s}},
    };
}

// The forms German grammar asks for after each word ("in einer Woche",
// "jede Woche", "jedes Jahr", "nächsten Montag"), and the umlauts spelt
// out for keyboards without them.
QList<Entry> german()
{
    return {
        {Keyword::Today, {u"heute"_s}},
        {Keyword::Tomorrow, {u"morgen"_s}},
        {Keyword::DayAfterTomorrow, {u"übermorgen"_s, u"uebermorgen"_s}},
        {Keyword::Tonight, {u"heute abend"_s}},
        {Keyword::Next,
            {u"nächste"_s, u"nächsten"_s, u"nächster"_s, u"nächstes"_s, u"naechste"_s,
                u"naechsten"_s}},
        {Keyword::In, {u"in"_s}},
        {Keyword::One, {u"einer"_s, u"einem"_s, u"einen"_s, u"eine"_s, u"ein"_s}},
        {Keyword::Day, {u"tag"_s, u"tage"_s, u"tagen"_s}},
        {Keyword::Week, {u"woche"_s, u"wochen"_s}},
        {Keyword::Month, {u"monat"_s, u"monate"_s, u"monaten"_s}},
        {Keyword::Year, {u"jahr"_s, u"jahre"_s, u"jahren"_s}},
        {Keyword::At, {u"um"_s}},
        {Keyword::OClock, {u"uhr"_s}},
        {Keyword::Noon, {u"mittags"_s, u"mittag"_s}},
        {Keyword::High, {u"hoch"_s}},
        {Keyword::Medium, {u"mittel"_s}},
        {Keyword::Low, {u"niedrig"_s}},
        {Keyword::Every, {u"jeden"_s, u"jede"_s, u"jedes"_s, u"alle"_s}},
        {Keyword::Daily, {u"täglich"_s, u"taeglich"_s}},
        {Keyword::Weekly, {u"wöchentlich"_s, u"woechentlich"_s}},
        {Keyword::Monthly, {u"monatlich"_s}},
        {Keyword::Yearly, {u"jährlich"_s, u"jaehrlich"_s}},
        {Keyword::Workday, {u"werktag"_s}},
        {Keyword::And, {u"und"_s}},
        {Keyword::On, {u"am"_s}},
        {Keyword::Last, {u"letzten"_s, u"letzter"_s, u"letzte"_s}},
        {Keyword::OfTheMonth, {u"des monats"_s, u"im monat"_s}},
        {Keyword::Remind, {u"erinnern"_s, u"erinnere"_s}},
        {Keyword::Before, {u"vorher"_s, u"davor"_s}},
        {Keyword::Minute, {u"minute"_s, u"minuten"_s}},
        {Keyword::Hour, {u"stunde"_s, u"stunden"_s, u"std"_s}},
    };
}

struct Language
{
    QLocale::Language language;
    QList<Entry> (*entries)();
};

// The languages besides English. Another language is a table here.
const Language kLanguages[] = {
    {QLocale::German, german},
};

// The keywords that count now, each form as its words; made once per thread
// and again when the default locale's language changes.
struct Active
{
    QLocale::Language language = QLocale::AnyLanguage;
    QHash<Keyword, QList<QStringList>> forms;

    static const Active &current()
    {
        thread_local Active active;
        const QLocale::Language language = QLocale().language();
        if (active.forms.isEmpty() || active.language != language)
            active = Active(language);
        return active;
    }

private:
    Active() = default;
    explicit Active(QLocale::Language spoken)
        : language(spoken)
    {
        add(english());
        for (const Language &other : kLanguages) {
            if (other.language == spoken)
                add(other.entries());
        }
    }

    void add(const QList<Entry> &entries)
    {
        for (const Entry &entry : entries) {
            for (const QString &form : entry.forms)
                forms[entry.keyword].append(form.split(u' '));
        }
    }
};

bool sameWord(QStringView typed, const QString &form)
{
    return typed.compare(form, Qt::CaseInsensitive) == 0;
}

} // namespace

namespace QuickAddKeywords {

bool is(QStringView word, Keyword keyword)
{
    if (word.isEmpty())
        return false;
    for (const QStringList &form : Active::current().forms.value(keyword)) {
        if (form.size() == 1 && sameWord(word, form.front()))
            return true;
    }
    return false;
}

qsizetype phraseAt(const QList<Word> &words, qsizetype index, Keyword keyword)
{
    qsizetype longest = 0;
    for (const QStringList &form : Active::current().forms.value(keyword)) {
        qsizetype count = 0;
        while (count < form.size() && sameWord(plainWord(words, index + count), form.at(count)))
            ++count;
        if (count == form.size())
            longest = std::max(longest, count);
    }
    return longest;
}

} // namespace QuickAddKeywords
