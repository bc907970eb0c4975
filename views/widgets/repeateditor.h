#pragma once

#include "domain/todo.h"
#include "repeat/repeatparts.h"

#include <QWidget>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QSpinBox;
class QStackedWidget;
class QToolButton;

// The detail pane's repeat editor: presets (every day, every weekday, every
// week on the due date's weekday, every month on its day, every year on its
// date), a custom form (every N days, weeks on chosen weekdays, months on a
// day, the last day or the nth weekday, years), the end (never, on a date,
// after N times) and "count from completion". It always says the rule in
// words and the next three dates. Every change is emitted at once.
class RepeatEditor : public QWidget
{
    Q_OBJECT
public:
    explicit RepeatEditor(QWidget *parent = nullptr);

    // The todo's rule, and its due date as the reference for presets and dates.
    void setTodo(const Todo &todo);

Q_SIGNALS:
    // rule: RRULE text without its prefix, empty for "does not repeat".
    void changed(const QString &rule, bool fromCompletion);

private:
    enum Preset { Never, Daily, Weekdays, Weekly, Monthly, Yearly, Custom };

    void fillPresets();
    void presetChosen(int index);
    void formEdited();
    void showParts(const RepeatParts &parts);
    RepeatParts partsFromForm() const;
    RepeatParts presetParts(Preset preset) const;
    void emitRule(const QString &rule);
    void describe();
    QDate referenceDate() const;

    Todo m_todo;
    QDate m_presetDay; // the due date's day the preset texts name
    bool m_loading = false;
    QComboBox *m_preset;
    QWidget *m_custom;
    QSpinBox *m_interval;
    QComboBox *m_unit;
    QWidget *m_weekdays;
    QButtonGroup *m_weekdayButtons;
    QWidget *m_monthly;
    QComboBox *m_monthMode;
    QComboBox *m_end;
    QDateEdit *m_until;
    QSpinBox *m_count;
    QCheckBox *m_fromCompletion;
    QLabel *m_summary;
};
