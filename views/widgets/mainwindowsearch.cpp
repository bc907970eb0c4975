// MainWindow's search: everywhere by default, or in the list shown when its
// chip is on; the header says which, and Escape in the field clears it.

#include "mainwindow.h"

#include "emptystate.h"
#include "itemmodels/sidebarmodel.h"
#include "itemmodels/todomodel.h"
#include "todolistview.h"
#include "windowactions.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>

using namespace Qt::StringLiterals;

void MainWindow::buildSearchScope()
{
    m_searchScope = new QToolButton;
    m_searchScope->setObjectName(u"searchScope"_s);
    m_searchScope->setCheckable(true);
    m_searchScope->setAutoRaise(true);
    m_searchScope->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_searchScope->setText(tr("Only this list"));
    m_searchScope->setToolTip(tr("Search only the list shown, not all lists"));
    m_searchScope->setVisible(false);
    connect(m_searchScope, &QToolButton::toggled, this, [this] { applyFilter(m_filter); });

    // Escape clears the search; on an empty field it goes back to the list.
    auto *clear = new QAction(m_search);
    clear->setObjectName(u"actionClearSearch"_s);
    clear->setShortcut(QKeySequence(Qt::Key_Escape));
    clear->setShortcutContext(Qt::WidgetShortcut);
    m_search->addAction(clear);
    connect(clear, &QAction::triggered, this, [this] {
        if (m_search->text().isEmpty())
            m_list->setFocus(Qt::ShortcutFocusReason);
        else
            m_search->clear();
    });
}

bool MainWindow::isSearching() const
{
    return !m_search->text().trimmed().isEmpty();
}

bool MainWindow::searchesEverywhere() const
{
    return isSearching() && !m_searchScope->isChecked();
}

TodoFilter MainWindow::shownFilter() const
{
    // A search looks through every list unless the chip narrows it to the one shown.
    TodoFilter shown = searchesEverywhere() ? TodoFilter::smart(TodoFilter::Kind::All) : m_filter;
    shown.hideCompleted = m_actions->hideCompleted->isChecked();
    return shown;
}

void MainWindow::searchTextChanged(const QString &text)
{
    m_todoModel->setSearchText(text);
    applyFilter(m_filter); // the scope may have changed with the text; the same filter costs nothing
}

QString MainWindow::headerTitle() const
{
    const QModelIndex entry = m_sidebarModel->indexOf(m_filter);
    const QString name = entry.isValid() ? entry.data().toString() : tr("Todos");
    if (!isSearching())
        return name;
    return searchesEverywhere() || m_filter.kind == TodoFilter::Kind::All ? tr("Search in all lists")
                                                                          : tr("Search in %1").arg(name);
}

void MainWindow::updateViewHints()
{
    m_searchScope->setVisible(isSearching() && m_filter.kind != TodoFilter::Kind::All);
    EmptyState::Context context;
    context.kind = shownFilter().kind;
    context.search = m_search->text().trimmed();
    // Asked only of an empty view: one indexed row at most.
    const bool empty = m_todoModel->rowCount() == 0 && !m_todoModel->canFetchMore();
    context.nothingAtAll = empty && !m_todoModel->hasAnyTodo();
    m_emptyState->setContext(context);
}
