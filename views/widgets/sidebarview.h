#pragma once

#include "itemmodels/todofilter.h"

#include <QTreeView>

class SidebarModel;

// The sidebar tree: smart lists, lists and tags. Todos dragged from the todo
// list can be dropped onto a list; lists can be renamed in place (F2), which
// the model turns into SidebarModel::renameRequested.
class SidebarView : public QTreeView
{
    Q_OBJECT
public:
    static constexpr int kMinimumWidth = 160;

    explicit SidebarView(QWidget *parent = nullptr);

    void setSidebarModel(SidebarModel *model);
    SidebarModel *sidebarModel() const { return m_model; }

    std::optional<TodoFilter> currentFilter() const;
    void selectFilter(const TodoFilter &filter);
    // The list id under the current entry, or empty when it is not a list.
    QString currentListId() const;

Q_SIGNALS:
    void filterActivated(const TodoFilter &filter);
    void todosDropped(const QStringList &ids, const QString &listId);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    QString listIdAt(const QPoint &pos) const;

    SidebarModel *m_model = nullptr;
    std::optional<TodoFilter> m_lastFilter;
};
