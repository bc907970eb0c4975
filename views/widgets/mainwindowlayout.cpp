// MainWindow's widgets: built once, and their geometry and view settings kept between runs.

#include "mainwindow.h"

#include "clearaction.h"
#include "detailpane.h"
#include "elidedlabel.h"
#include "emptystate.h"
#include "itemmodels/sidebarmodel.h"
#include "itemmodels/todomodel.h"
#include "panebalance.h"
#include "quickaddbar.h"
#include "sidebarview.h"
#include "store/todostore.h"
#include "tododelegate.h"
#include "todolistview.h"
#include "windowactions.h"

#include <QAction>
#include <QActionGroup>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
constexpr int kDefaultWidth = 1100;
constexpr int kDefaultHeight = 700;
} // namespace

void MainWindow::buildLayout()
{
    m_sidebar = new SidebarView;
    m_sidebar->setSidebarModel(m_sidebarModel);

    auto *center = new QWidget;
    center->setObjectName(u"centerPane"_s);
    auto *centerLayout = new QVBoxLayout(center);
    centerLayout->setContentsMargins(16, 12, 16, 0);
    centerLayout->setSpacing(8);

    auto *header = new QHBoxLayout;
    m_listTitle = new ElidedLabel; // a long list name never widens the window
    m_listTitle->setObjectName(u"listTitle"_s);
    QFont titleFont = m_listTitle->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    m_listTitle->setFont(titleFont);
    m_listCount = new QLabel;
    m_listCount->setObjectName(u"listCount"_s);
    m_listCount->setForegroundRole(QPalette::PlaceholderText);
    m_search = new QLineEdit;
    m_search->setObjectName(u"searchField"_s);
    m_search->setAccessibleName(tr("Search todos"));
    m_search->setPlaceholderText(tr("Search title and notes (Ctrl+F)"));
    ClearAction::add(m_search);
    // Wide enough for its placeholder (and the clear button): no hint is cut off.
    const int searchWidth = m_search->fontMetrics().horizontalAdvance(m_search->placeholderText()) + 48;
    m_search->setMinimumWidth(searchWidth);
    m_search->setMaximumWidth(qMax(280, searchWidth));
    header->addWidget(m_listTitle);
    header->addWidget(m_listCount, 0, Qt::AlignBottom);
    header->addStretch();
    buildSearchScope();
    header->addWidget(m_searchScope);
    header->addWidget(m_search);
    centerLayout->addLayout(header);

    m_quickAdd = new QuickAddBar;
    centerLayout->addWidget(m_quickAdd);

    m_list = new TodoListView;
    m_list->setTodoModel(m_todoModel);
    m_delegate = new TodoDelegate(m_list);
    m_list->setItemDelegate(m_delegate);
    m_list->setContextMenuPolicy(Qt::ActionsContextMenu);
    centerLayout->addWidget(m_list, 1);
    m_emptyState = new EmptyState(m_list, m_actions);

    m_detail = new DetailPane;
    m_detail->setLists(m_store->lists());

    m_splitter = new QSplitter(Qt::Horizontal);
    m_splitter->setObjectName(u"mainSplitter"_s);
    m_splitter->addWidget(m_sidebar);
    m_splitter->addWidget(center);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({220, 560, 320});
    m_splitter->setChildrenCollapsible(false);
    new PaneBalance(m_splitter, 1, 2); // the list before the detail pane on a small screen
    setCentralWidget(m_splitter);

    m_statusCounts = new QLabel;
    m_statusCounts->setObjectName(u"statusCounts"_s);
    statusBar()->addPermanentWidget(m_statusCounts);

    setTabOrder(m_sidebar, m_quickAdd->input());
    setTabOrder(m_quickAdd->input(), m_list);
    setTabOrder(m_list, m_detail);
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(u"window/geometry"_s).toByteArray()))
        resize(kDefaultWidth, kDefaultHeight);
    m_splitter->restoreState(settings.value(u"window/splitter"_s).toByteArray());
    m_actions->hideCompleted->setChecked(settings.value(u"view/hideCompleted"_s, false).toBool());
    const int sort = settings.value(u"view/sort"_s, int(TodoModel::Sort::Manual)).toInt();
    for (QAction *action : m_actions->sortGroup->actions()) {
        if (action->data().toInt() == sort) {
            action->setChecked(true);
            m_todoModel->setSortMode(TodoModel::Sort(sort));
        }
    }
    TodoFilter last = TodoFilter::list(m_store->inboxId());
    if (settings.contains(u"view/filterKind"_s)) {
        last.kind = TodoFilter::Kind(settings.value(u"view/filterKind"_s).toInt());
        last.id = settings.value(u"view/filterId"_s).toString();
    }
    selectFilter(last);
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(u"window/geometry"_s, saveGeometry());
    settings.setValue(u"window/splitter"_s, m_splitter->saveState());
    settings.setValue(u"view/hideCompleted"_s, m_actions->hideCompleted->isChecked());
    settings.setValue(u"view/sort"_s, int(m_todoModel->sortMode()));
    settings.setValue(u"view/filterKind"_s, int(m_filter.kind));
    settings.setValue(u"view/filterId"_s, m_filter.id);
}
