#pragma once

#include <QObject>

class QSplitter;

// Keeps the todo list wider than the detail pane when the window narrows
// (800×600, a tiled half screen): the detail pane gives up width first,
// down to its minimum, and folds away (its splitter handle drags it back)
// while even that would leave the list narrower than it. It comes back, as
// wide as before, when the window has room again. The sidebar keeps its
// width: it has a minimum of its own.
class PaneBalance : public QObject
{
    Q_OBJECT
public:
    // list and detail: the panes' indexes in splitter, which must outlive this.
    PaneBalance(QSplitter *splitter, int list, int detail);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void balance();
    // A detail pane narrower than its content needs folds away or widens to it.
    void snap();
    int detailMinimum() const;

    QSplitter *m_splitter;
    int m_list;
    int m_detail;
    int m_narrowedFrom = 0; // the detail pane's width before the window narrowed; 0: not narrowed
};
