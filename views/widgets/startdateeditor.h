#pragma once

#include "domain/timestamp.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QDateEdit;

// The start date of a todo (defer until, Things' "When"): whether it has one
// and which calendar day. Unchecking the box clears it; checking it starts
// from tomorrow, as a deferral to today would change nothing.
class StartDateEditor : public QWidget
{
    Q_OBJECT
public:
    explicit StartDateEditor(QWidget *parent = nullptr);

    // Shows a start date (Timestamp::fromDate), or none; emits nothing.
    void showStart(std::optional<Timestamp::Micros> startAt);
    // What the fields say.
    std::optional<Timestamp::Micros> start() const;

Q_SIGNALS:
    // The person changed the start date or cleared it.
    void changed();

private:
    bool m_loading = false;
    QCheckBox *m_hasStart;
    QDateEdit *m_date;
};
