#include "schedulemenu.h"

#include <QCalendarWidget>
#include <QDialog>
#include <QDialogButtonBox>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

ScheduleMenu::ScheduleMenu(QWidget *parent)
    : QMenu(tr("Sc&hedule"), parent)
{
    setObjectName(u"menuSchedule"_s);
    const auto add = [this](const QString &name, const QString &text, auto day) {
        QAction *action = addAction(text);
        action->setObjectName(name);
        connect(action, &QAction::triggered, this, [this, day] { Q_EMIT dateChosen(day()); });
    };
    add(u"scheduleToday"_s, tr("&Today"), [] { return std::optional(QDate::currentDate()); });
    add(u"scheduleTomorrow"_s, tr("T&omorrow"), [] { return std::optional(QDate::currentDate().addDays(1)); });
    add(u"scheduleNextWeek"_s, tr("&Next Week"), [] { return std::optional(nextWeek(QDate::currentDate())); });
    add(u"scheduleSomeday"_s, tr("&Someday (No Date)"), [] { return std::optional<QDate>(); });
    addSeparator();
    QAction *pick = addAction(tr("&Pick a Date…"));
    pick->setObjectName(u"schedulePick"_s);
    connect(pick, &QAction::triggered, this, &ScheduleMenu::pickDate);
}

QDate ScheduleMenu::nextWeek(QDate today)
{
    return today.addDays(8 - today.dayOfWeek());
}

void ScheduleMenu::pickDate()
{
    auto *dialog = new QDialog(parentWidget());
    dialog->setObjectName(u"schedulePickDialog"_s);
    dialog->setWindowTitle(tr("Pick a Date"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    auto *calendar = new QCalendarWidget(dialog);
    calendar->setObjectName(u"schedulePickCalendar"_s);
    calendar->setSelectedDate(QDate::currentDate());
    calendar->setGridVisible(false);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(calendar);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    // A day activated (double-click, Enter) is a choice, as OK is.
    connect(calendar, &QCalendarWidget::activated, dialog, &QDialog::accept);
    connect(dialog, &QDialog::accepted, this, [this, calendar] { Q_EMIT dateChosen(calendar->selectedDate()); });
    calendar->setFocus();
    dialog->open();
}
