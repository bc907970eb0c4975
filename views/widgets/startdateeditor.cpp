#include "startdateeditor.h"

#include "named.h"
#include "sectionclick.h"

#include <QCheckBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QScopedValueRollback>

using namespace Qt::StringLiterals;

StartDateEditor::StartDateEditor(QWidget *parent)
    : QWidget(parent)
    , m_hasStart(named(new QCheckBox(this), u"detailHasStart"_s, tr("Has a start date")))
    , m_date(named(new QDateEdit(this), u"detailStartDate"_s, tr("Start date")))
{
    m_hasStart->setToolTip(tr("Keep this todo out of Today until a day"));
    m_date->setCalendarPopup(true);
    m_date->setDisplayFormat(tr("ddd d MMM yyyy", "start date in the detail pane"));
    selectSectionOnClick(m_date);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_hasStart);
    layout->addWidget(m_date);
    layout->addStretch(1);

    connect(m_hasStart, &QCheckBox::toggled, this, [this](bool on) {
        m_date->setEnabled(on);
        if (m_loading)
            return;
        if (on) {
            QScopedValueRollback guard(m_loading, true);
            m_date->setDate(QDate::currentDate().addDays(1));
        }
        Q_EMIT changed();
    });
    connect(m_date, &QDateEdit::dateChanged, this, [this] {
        if (!m_loading && m_hasStart->isChecked())
            Q_EMIT changed();
    });
    showStart(std::nullopt);
}

void StartDateEditor::showStart(std::optional<Timestamp::Micros> startAt)
{
    QScopedValueRollback guard(m_loading, true);
    m_hasStart->setChecked(startAt.has_value());
    m_date->setEnabled(startAt.has_value());
    const QDate date = startAt ? Timestamp::toDate(*startAt) : QDate::currentDate().addDays(1);
    if (m_date->date() != date)
        m_date->setDate(date);
}

std::optional<Timestamp::Micros> StartDateEditor::start() const
{
    if (!m_hasStart->isChecked())
        return std::nullopt;
    return Timestamp::fromDate(m_date->date());
}
