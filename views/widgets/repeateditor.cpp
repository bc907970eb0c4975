#include "repeateditor.h"

#include "named.h"
#include "operations/repeatoperations.h"
#include "repeat/repeatwords.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QScopedValueRollback>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

constexpr int kShownDates = 3;

enum class End { Never, OnDate, After };
enum class MonthChoice { Day, LastDay, NthWeekday };

// "the 2nd Tuesday", "the last Friday": the due date's place in its month.
int nthOf(QDate date)
{
    return date.day() + 7 > date.daysInMonth() ? -1 : (date.day() - 1) / 7 + 1;
}

} // namespace

RepeatEditor::RepeatEditor(QWidget *parent)
    : QWidget(parent)
    , m_preset(named(new QComboBox(this), u"repeatPreset"_s, tr("Repeat")))
    , m_custom(new QWidget(this))
    , m_interval(named(new QSpinBox(m_custom), u"repeatInterval"_s, tr("Every")))
    , m_unit(named(new QComboBox(m_custom), u"repeatUnit"_s, tr("Unit")))
    , m_weekdays(new QWidget(m_custom))
    , m_weekdayButtons(new QButtonGroup(this))
    , m_monthly(new QWidget(m_custom))
    , m_monthMode(named(new QComboBox(m_monthly), u"repeatMonthMode"_s, tr("On")))
    , m_end(named(new QComboBox(m_custom), u"repeatEnd"_s, tr("Ends")))
    , m_until(named(new QDateEdit(m_custom), u"repeatUntil"_s, tr("End date")))
    , m_count(named(new QSpinBox(m_custom), u"repeatCount"_s, tr("Times")))
    , m_fromCompletion(named(new QCheckBox(tr("Count from completion"), this), u"repeatFromCompletion"_s,
                             tr("Count from completion")))
    , m_summary(new QLabel(this))
{
    m_custom->setObjectName(u"repeatCustom"_s);
    m_summary->setObjectName(u"repeatSummary"_s);
    m_summary->setWordWrap(true);
    m_summary->setForegroundRole(QPalette::PlaceholderText);
    m_fromCompletion->setToolTip(tr("The next date is counted from the day it is done, not from the due date"));

    m_interval->setRange(1, 999);
    m_unit->addItems({tr("days"), tr("weeks"), tr("months"), tr("years")});
    m_weekdayButtons->setExclusive(false);
    auto *days = new QHBoxLayout(m_weekdays);
    days->setContentsMargins(0, 0, 0, 0);
    days->setSpacing(2);
    for (int day = 1; day <= 7; ++day) {
        auto *button = new QToolButton(m_weekdays);
        button->setCheckable(true);
        // "M", "T", …; a locale whose narrow names are numbers (C) gets "Mo", "Tu", ….
        QString name = QLocale().standaloneDayName(day, QLocale::NarrowFormat);
        if (name.isEmpty() || name.at(0).isDigit())
            name = QLocale().standaloneDayName(day, QLocale::ShortFormat).left(2);
        button->setText(name);
        button->setToolTip(QLocale().dayName(day));
        button->setAccessibleName(QLocale().dayName(day));
        button->setObjectName(u"repeatDay%1"_s.arg(day));
        m_weekdayButtons->addButton(button, day);
        days->addWidget(button);
    }
    days->addStretch();
    auto *monthly = new QHBoxLayout(m_monthly);
    monthly->setContentsMargins(0, 0, 0, 0);
    monthly->addWidget(m_monthMode, 1);
    m_end->addItems({tr("Never ends"), tr("Ends on"), tr("Ends after")});
    m_until->setCalendarPopup(true);
    m_count->setRange(1, 999);
    m_count->setSuffix(tr(" times"));

    auto *every = new QHBoxLayout;
    every->addWidget(new QLabel(tr("Every"), m_custom));
    every->addWidget(m_interval);
    every->addWidget(m_unit, 1);
    auto *end = new QHBoxLayout;
    end->addWidget(m_end, 1);
    end->addWidget(m_until);
    end->addWidget(m_count);
    auto *custom = new QVBoxLayout(m_custom);
    custom->setContentsMargins(0, 0, 0, 0);
    custom->addLayout(every);
    custom->addWidget(m_weekdays);
    custom->addWidget(m_monthly);
    custom->addLayout(end);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_preset);
    layout->addWidget(m_custom);
    layout->addWidget(m_fromCompletion);
    layout->addWidget(m_summary);

    connect(m_preset, &QComboBox::activated, this, &RepeatEditor::presetChosen);
    for (QSpinBox *spin : {m_interval, m_count})
        connect(spin, &QSpinBox::valueChanged, this, &RepeatEditor::formEdited);
    for (QComboBox *combo : {m_unit, m_monthMode, m_end})
        connect(combo, &QComboBox::activated, this, &RepeatEditor::formEdited);
    connect(m_until, &QDateEdit::dateChanged, this, &RepeatEditor::formEdited);
    connect(m_weekdayButtons, &QButtonGroup::idToggled, this, &RepeatEditor::formEdited);
    connect(m_fromCompletion, &QCheckBox::toggled, this, [this] { emitRule(m_todo.repeatRule); });
    setTodo(Todo());
}

QDate RepeatEditor::referenceDate() const
{
    if (!m_todo.dueAt)
        return QDate::currentDate();
    return m_todo.dueHasTime ? Timestamp::toLocal(*m_todo.dueAt).date() : Timestamp::toDate(*m_todo.dueAt);
}

void RepeatEditor::fillPresets()
{
    const QDate day = referenceDate();
    if (day == m_presetDay && m_preset->count() > 0)
        return; // the texts name the due date's day, which has not changed
    m_presetDay = day;
    const QLocale locale;
    const int nth = nthOf(day);
    const QString weekday = locale.dayName(day.dayOfWeek());
    const QList<std::pair<QString, int>> presets = {
        {tr("Does not repeat"), Never},
        {tr("Every day"), Daily},
        {tr("Every weekday (Monday to Friday)"), Weekdays},
        {tr("Every week on %1").arg(weekday), Weekly},
        {tr("Every month on day %1").arg(day.day()), Monthly},
        {tr("Every year on %1").arg(locale.toString(day, tr("d MMMM", "a yearly date"))), Yearly},
        {tr("Custom…"), Custom},
    };
    const QList<std::pair<QString, int>> monthModes = {
        {tr("on day %1").arg(day.day()), int(MonthChoice::Day)},
        {tr("on the last day"), int(MonthChoice::LastDay)},
        {nth < 0 ? tr("on the last %1").arg(weekday)
                 : tr("on the %1. %2", "the 2. Tuesday of a month").arg(nth).arg(weekday),
         int(MonthChoice::NthWeekday)},
    };
    // In place: the combo boxes keep their items, only the words change.
    for (auto [combo, items] : {std::pair{m_preset, &presets}, std::pair{m_monthMode, &monthModes}}) {
        for (qsizetype i = 0; i < items->size(); ++i) {
            if (i < combo->count())
                combo->setItemText(int(i), items->at(i).first);
            else
                combo->addItem(items->at(i).first, items->at(i).second);
        }
    }
}

RepeatParts RepeatEditor::presetParts(Preset preset) const
{
    RepeatParts parts;
    switch (preset) {
    case Weekdays:
        parts.frequency = RepeatRule::Frequency::Weekly;
        parts.weekdays = {1, 2, 3, 4, 5};
        break;
    case Weekly:
        parts.frequency = RepeatRule::Frequency::Weekly;
        parts.weekdays = {referenceDate().dayOfWeek()};
        break;
    case Monthly:
        parts.frequency = RepeatRule::Frequency::Monthly;
        parts.monthDay = referenceDate().day();
        break;
    case Yearly:
        parts.frequency = RepeatRule::Frequency::Yearly;
        parts.yearMonth = referenceDate().month();
        parts.monthDay = referenceDate().day();
        break;
    case Never:
    case Daily:
    case Custom:
        break;
    }
    return parts;
}

void RepeatEditor::setTodo(const Todo &todo)
{
    // The pane loads the todo again after every save of any field: what the
    // editor shows depends on these alone, so a new title costs nothing here.
    if (todo.id == m_todo.id && todo.repeatRule == m_todo.repeatRule
        && todo.repeatFromCompletion == m_todo.repeatFromCompletion && todo.dueAt == m_todo.dueAt
        && todo.dueHasTime == m_todo.dueHasTime && todo.timeZone == m_todo.timeZone && !todo.id.isEmpty()) {
        m_todo = todo;
        return;
    }
    const QScopedValueRollback loading(m_loading, true);
    // The custom form stays open while its own edits come back from the store.
    const bool keepCustom = todo.id == m_todo.id && m_custom->isVisibleTo(this);
    m_todo = todo;
    fillPresets();
    m_fromCompletion->setChecked(todo.repeatFromCompletion);
    m_fromCompletion->setEnabled(todo.repeats());
    const auto rule = todo.repeats() ? RepeatRule::parse(todo.repeatRule) : std::nullopt;
    auto parts = rule ? RepeatParts::from(*rule) : std::nullopt;
    // A rule that leaves its day to the due date (FREQ=WEEKLY alone) is the preset that names it.
    if (parts && parts->frequency == RepeatRule::Frequency::Weekly && parts->weekdays.isEmpty())
        parts->weekdays = {referenceDate().dayOfWeek()};
    if (parts && parts->frequency == RepeatRule::Frequency::Monthly && parts->monthMode == RepeatParts::MonthMode::Day
        && parts->monthDay == 0)
        parts->monthDay = referenceDate().day();
    if (parts && parts->frequency == RepeatRule::Frequency::Yearly && parts->yearMonth == 0) {
        parts->yearMonth = referenceDate().month();
        parts->monthDay = referenceDate().day();
    }
    int preset = todo.repeats() ? Custom : Never;
    for (const Preset candidate : {Daily, Weekdays, Weekly, Monthly, Yearly}) {
        if (parts && !keepCustom && presetParts(candidate).text() == parts->text())
            preset = candidate;
    }
    m_preset->setCurrentIndex(m_preset->findData(preset));
    showParts(parts.value_or(presetParts(Daily)));
    // A rule written elsewhere that the form has no fields for stays as it is.
    m_custom->setVisible(preset == Custom && parts.has_value());
    describe();
}

void RepeatEditor::showParts(const RepeatParts &parts)
{
    m_interval->setValue(parts.interval);
    m_unit->setCurrentIndex(int(parts.frequency));
    for (int day = 1; day <= 7; ++day)
        m_weekdayButtons->button(day)->setChecked(parts.weekdays.contains(day));
    const bool lastDay = parts.monthMode == RepeatParts::MonthMode::LastDay;
    const bool nth = parts.monthMode == RepeatParts::MonthMode::NthWeekday;
    m_monthMode->setCurrentIndex(int(lastDay ? MonthChoice::LastDay : nth ? MonthChoice::NthWeekday : MonthChoice::Day));
    m_end->setCurrentIndex(int(parts.count > 0 ? End::After : parts.until.isValid() ? End::OnDate : End::Never));
    m_count->setValue(parts.count > 0 ? parts.count : 5);
    m_until->setDate(parts.until.isValid() ? parts.until : referenceDate().addMonths(3));
    m_weekdays->setVisible(parts.frequency == RepeatRule::Frequency::Weekly);
    m_monthly->setVisible(parts.frequency == RepeatRule::Frequency::Monthly);
    m_until->setVisible(m_end->currentIndex() == int(End::OnDate));
    m_count->setVisible(m_end->currentIndex() == int(End::After));
}

RepeatParts RepeatEditor::partsFromForm() const
{
    RepeatParts parts;
    parts.frequency = RepeatRule::Frequency(m_unit->currentIndex());
    parts.interval = m_interval->value();
    const QDate day = referenceDate();
    if (parts.frequency == RepeatRule::Frequency::Weekly) {
        for (int weekday = 1; weekday <= 7; ++weekday) {
            if (m_weekdayButtons->button(weekday)->isChecked())
                parts.weekdays << weekday;
        }
    } else if (parts.frequency == RepeatRule::Frequency::Monthly) {
        switch (MonthChoice(m_monthMode->currentData().toInt())) {
        case MonthChoice::Day:
            parts.monthDay = day.day();
            break;
        case MonthChoice::LastDay:
            parts.monthMode = RepeatParts::MonthMode::LastDay;
            break;
        case MonthChoice::NthWeekday:
            parts.monthMode = RepeatParts::MonthMode::NthWeekday;
            parts.nth = nthOf(day);
            parts.nthWeekday = day.dayOfWeek();
            break;
        }
    }
    if (m_end->currentIndex() == int(End::After))
        parts.count = m_count->value();
    else if (m_end->currentIndex() == int(End::OnDate))
        parts.until = m_until->date();
    return parts;
}

void RepeatEditor::presetChosen(int index)
{
    const auto preset = Preset(m_preset->itemData(index).toInt());
    m_custom->setVisible(preset == Custom);
    if (preset == Never)
        return emitRule({});
    if (preset == Custom) {
        showParts(partsFromForm());
        return emitRule(partsFromForm().text());
    }
    const RepeatParts parts = presetParts(preset);
    {
        const QScopedValueRollback loading(m_loading, true);
        showParts(parts);
    }
    emitRule(parts.text());
}

void RepeatEditor::formEdited()
{
    if (m_loading)
        return;
    const RepeatParts parts = partsFromForm();
    {
        const QScopedValueRollback loading(m_loading, true);
        showParts(parts);
    }
    m_preset->setCurrentIndex(m_preset->findData(Custom));
    emitRule(parts.text());
}

void RepeatEditor::emitRule(const QString &rule)
{
    if (m_loading)
        return;
    const bool fromCompletion = !rule.isEmpty() && m_fromCompletion->isChecked();
    m_todo.repeatRule = rule;
    m_todo.repeatFromCompletion = fromCompletion;
    m_fromCompletion->setEnabled(!rule.isEmpty());
    describe();
    Q_EMIT changed(rule, fromCompletion);
}

void RepeatEditor::describe()
{
    if (!m_todo.repeats()) {
        m_summary->clear();
        m_summary->hide();
        return;
    }
    QString text = RepeatWords::describe(m_todo.repeatRule, m_todo.repeatFromCompletion);
    if (text.isEmpty())
        text = tr("Repeats by the rule %1").arg(m_todo.repeatRule);
    if (RepeatRule::parse(m_todo.repeatRule) && m_todo.dueAt && !m_todo.repeatFromCompletion) {
        // Short: the days only (a timed todo keeps its time of day), "ddd d MMM".
        const QString format = tr("ddd d MMM", "a date among the next ones, as in QDate::toString()");
        QStringList dates;
        for (const Timestamp::Micros next : RepeatOperations::nextDates(m_todo, kShownDates)) {
            const QDate day = m_todo.dueHasTime ? Timestamp::toLocal(next).date() : Timestamp::toDate(next);
            dates << QLocale().toString(day, format);
        }
        text += u'\n' + (dates.isEmpty() ? tr("No more dates after this one") : tr("Next: %1").arg(dates.join(u", "_s)));
    }
    m_summary->setText(text);
    m_summary->show();
}
