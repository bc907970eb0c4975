#pragma once

#include <QDate>
#include <QMenu>

#include <optional>

// The quick-schedule menu (Ctrl+D and the todo list's context menu): Today,
// Tomorrow, Next week, Someday (no date) and Pick a date…. It only says
// which day was chosen; the window reschedules the selected todos with it.
class ScheduleMenu : public QMenu
{
    Q_OBJECT
public:
    explicit ScheduleMenu(QWidget *parent = nullptr);

    // Next week starts on Monday, as in Todoist: the Monday after today.
    static QDate nextWeek(QDate today);

Q_SIGNALS:
    // nullopt: no date (Someday).
    void dateChosen(std::optional<QDate> date);

private:
    void pickDate();
};
