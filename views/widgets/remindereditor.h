#pragma once

#include "domain/reminder.h"
#include "domain/todo.h"

#include <QWidget>

#include <optional>

class QAction;
class QDateTimeEdit;
class QGridLayout;
class QLabel;
class QMenu;
class QPushButton;
class QToolButton;

// The detail pane's reminders: each of the shown todo's reminders in words,
// with where it stands (when it fires next, snoozed, done) and a button that
// removes it; and "Add reminder", a menu of times relative to the due (for a
// todo that has one) and "At a date and time…", which opens a small form
// below. It writes nothing: each change leaves as a signal the window turns
// into one undo step, and the window shows the store's rows again.
class ReminderEditor : public QWidget
{
    Q_OBJECT
public:
    // One entry of the add menu: offsetMinutes before the due, or for
    // "N days before at HH:MM" whole days with a time of day (Reminder::beforeDue).
    struct Preset
    {
        int offsetMinutes = 0;
        std::optional<int> dayTime;
    };
    static QList<Preset> presets();

    explicit ReminderEditor(QWidget *parent = nullptr);

    // The todo shown and its live reminders, in the order they were made.
    void showReminders(const Todo &todo, const QList<Reminder> &reminders);

    QToolButton *addButton() const { return m_add; }
    QMenu *addMenu() const { return m_menu; }
    QDateTimeEdit *dateTimeEdit() const { return m_dateTime; }

Q_SIGNALS:
    void addRequested(const Reminder &reminder);
    void removeRequested(const QString &reminderId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void fillRows();
    void fillMenu();
    void openDateTimeForm();
    void closeDateTimeForm();
    void addDateTime();
    // One reminder's words, its state below them, and its remove button, from grid row `row`.
    QToolButton *addRow(const Reminder &reminder, int row);

    std::optional<Todo> m_todo;
    QList<Reminder> m_reminders;

    QLabel *m_heading;
    QGridLayout *m_rows; // two grid rows per reminder
    QToolButton *m_add;
    QMenu *m_menu;
    QList<QAction *> m_presetActions; // one per presets() entry
    QAction *m_presetSeparator = nullptr;
    QWidget *m_form;
    QDateTimeEdit *m_dateTime;
    QPushButton *m_formAdd;
    QPushButton *m_formCancel;
};
