#pragma once

#include "itemmodels/todofilter.h"

#include <QLabel>

class QAbstractItemView;
class WindowActions;

// The short, friendly message a view shows when it has no rows: what the
// emptiness means, how to add a todo, and the three most useful shortcuts
// (read from the window's actions, so they cannot go stale). It lies over the
// list's viewport and shows itself only while the list's model is empty.
class EmptyState : public QLabel
{
    Q_OBJECT
public:
    struct Context
    {
        TodoFilter::Kind kind = TodoFilter::Kind::All;
        QString search;
        bool nothingAtAll = false; // no todo anywhere: a first start
        bool operator==(const Context &) const = default;
    };

    EmptyState(QAbstractItemView *list, const WindowActions *actions);

    void setContext(const Context &context);
    // The headline for a context, e.g. "Nothing due today".
    static QString headline(const Context &context);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refresh();

    QAbstractItemView *m_list;
    const WindowActions *m_actions;
    Context m_context;
};
