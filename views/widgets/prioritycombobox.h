#pragma once

#include "domain/priority.h"

#include <QComboBox>

// The choice of a todo's priority, None to High, each with a dot in the
// colour the todo list gives that priority.
class PriorityComboBox : public QComboBox
{
    Q_OBJECT
public:
    explicit PriorityComboBox(QWidget *parent = nullptr);

    Priority priorityAt(int index) const;
    void setPriority(Priority priority);
    // The dots' colours depend on whether the palette's base is light or dark.
    void updateIcons(const QPalette &palette);
};
