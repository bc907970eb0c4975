#include "dueeditor.h"

#include "duetext.h"
#include "named.h"
#include "sectionclick.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QTimeEdit>

using namespace Qt::StringLiterals;

namespace {

const QTime kDefaultDueTime(9, 0); // what "add a time" starts from

} // namespace

// The texts keep the DetailPane translation context they were translated in.
DueEditor::DueEditor(QWidget *parent)
    : QWidget(parent)
    , m_hasDue(named(new QCheckBox(this), u"detailHasDue"_s,
          QCoreApplication::translate("DetailPane", "Has a due date")))
    , m_date(named(new QDateEdit(this), u"detailDueDate"_s,
          QCoreApplication::translate("DetailPane", "Due date")))
    , m_hasTime(named(new QCheckBox(QCoreApplication::translate("DetailPane", "at"), this),
          u"detailHasTime"_s, QCoreApplication::translate("DetailPane", "Has a due time")))
    , m_time(named(new QTimeEdit(this), u"detailDueTime"_s,
          QCoreApplication::translate("DetailPane", "Due time")))
{
    m_hasDue->setToolTip(QCoreApplication::translate("DetailPane", "Give this todo a due date"));
    m_date->setCalendarPopup(true);
    // The weekday helps more than the numeric short format when planning.
    m_date->setDisplayFormat(
        QCoreApplication::translate("DetailPane", "ddd d MMM yyyy", "due date in the detail pane"));
    m_hasTime->setToolTip(
        QCoreApplication::translate("DetailPane", "Due at a time of day, not just on the date"));
    m_time->setDisplayFormat(DueText::timeFormat());
    selectSectionOnClick(m_date);
    selectSectionOnClick(m_time);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_hasDue);
    layout->addWidget(m_date);
    layout->addSpacing(8);
    layout->addWidget(m_hasTime);
    layout->addWidget(m_time);
    layout->addStretch(1);

    auto edited = [this] {
        updateEnabled();
        Q_EMIT changed();
    };
    connect(m_hasDue, &QCheckBox::toggled, this, edited);
    connect(m_hasTime, &QCheckBox::toggled, this, edited);
    connect(m_date, &QDateEdit::dateChanged, this, edited);
    connect(m_time, &QTimeEdit::timeChanged, this, edited);
}

void DueEditor::showDue(const Todo &todo, bool sameTodo)
{
    const bool hasDue = todo.dueAt.has_value();
    const bool hasTime = hasDue && todo.dueHasTime;
    QDate date = QDate::currentDate();
    QTime time = kDefaultDueTime;
    if (hasDue)
        date = DueText::day(*todo.dueAt, hasTime);
    if (hasTime)
        time = Timestamp::toLocal(*todo.dueAt).time();
    if (m_hasDue->isChecked() != hasDue)
        m_hasDue->setChecked(hasDue);
    // Without a due, the editors keep what they showed so re-checking picks up
    // from there; a different todo starts from today.
    if ((hasDue || !sameTodo) && m_date->date() != date)
        m_date->setDate(date);
    if (m_hasTime->isChecked() != hasTime)
        m_hasTime->setChecked(hasTime);
    if ((hasTime || !sameTodo) && m_time->time() != time)
        m_time->setTime(time);
    updateEnabled();
}

void DueEditor::writeDue(Todo &todo) const
{
    if (!m_hasDue->isChecked()) {
        todo.dueAt.reset();
        todo.dueHasTime = false;
    } else if (!m_hasTime->isChecked()) {
        todo.dueAt = Timestamp::fromDate(m_date->date());
        todo.dueHasTime = false;
    } else {
        todo.dueAt = Timestamp::fromDateTime(QDateTime(m_date->date(), m_time->time()));
        todo.dueHasTime = true;
    }
}

void DueEditor::updateEnabled()
{
    const bool hasDue = m_hasDue->isChecked();
    m_date->setEnabled(hasDue);
    m_hasTime->setEnabled(hasDue);
    m_time->setEnabled(hasDue && m_hasTime->isChecked());
}
