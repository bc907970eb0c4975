#pragma once

// Shared set-up for the main window tests: a temporary database, a shown and
// active MainWindow on it with model testers attached, and small helpers that
// drive the real widgets with QTest key and mouse events.

#include "itemmodels/sidebarmodel.h"
#include "itemmodels/todomodel.h"
#include "storefixture.h"
#include "widgets/mainwindow.h"
#include "widgets/sidebarview.h"
#include "widgets/tododelegate.h"
#include "widgets/todolistview.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QLocale>
#include <QSettings>
#include <QStandardPaths>
#include <QStyleOptionViewItem>
#include <QTest>

#include <memory>

class WindowHarness
{
public:
    // For initTestCase(): test paths, the C locale, no settings from earlier runs.
    static void initTestEnvironment()
    {
        QStandardPaths::setTestModeEnabled(true);
        QLocale::setDefault(QLocale::c());
        QCoreApplication::setOrganizationName(QStringLiteral("tandem-tests"));
        QApplication::setQuitOnLastWindowClosed(false);
        clearSettings();
    }

    // The window saves its geometry and last list on close; no test may see another's.
    static void clearSettings()
    {
        QSettings settings;
        settings.clear();
        settings.sync();
    }

    // Creates, shows and activates the window (seed the store first, or not).
    [[nodiscard]] bool open()
    {
        window = std::make_unique<MainWindow>(data.database.get(), data.store.get());
        if (testTodoModel)
            todoTester = std::make_unique<QAbstractItemModelTester>(
                window->todoModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        sidebarTester = std::make_unique<QAbstractItemModelTester>(
            window->sidebarModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        window->show();
        if (!QTest::qWaitForWindowExposed(window.get()))
            return false;
        window->activateWindow();
        return QTest::qWaitForWindowActive(window.get());
    }

    TodoStore *store() const { return data.store.get(); }
    TodoModel *model() const { return window->todoModel(); }
    TodoListView *list() const { return window->todoList(); }
    SidebarView *sidebar() const { return window->sidebar(); }

    TodoList addList(const QString &name)
    {
        const TodoList list = data.store->newList(name);
        if (!data.store->apply({{list}, {}}))
            qFatal("cannot add a list: %s", qPrintable(data.store->lastError()));
        return *data.store->list(list.id);
    }

    // Writes a changed snapshot straight through the store, as a sync would.
    Todo write(const Todo &todo)
    {
        if (!data.store->apply({{}, {todo}}))
            qFatal("cannot write a todo: %s", qPrintable(data.store->lastError()));
        return *data.store->todo(todo.id);
    }

    QWidget *focused() const
    {
        QWidget *widget = QApplication::focusWidget();
        return widget ? widget : window.get();
    }

    // A shortcut, typed where the keyboard focus is.
    void press(const QKeySequence &keys) const { QTest::keySequence(focused(), keys); }

    // Types text key by key; characters beyond ASCII arrive as key events
    // carrying their text, as a keyboard layout for that script sends them.
    static void typeText(QWidget *widget, const QString &text)
    {
        for (const QChar c : text) {
            if (c.unicode() < 0x80)
                QTest::keyClick(widget, char(c.unicode()));
            else
                QTest::sendKeyEvent(QTest::Click, widget, Qt::Key_unknown, QString(c), Qt::NoModifier);
        }
    }

    QModelIndex indexOf(const QString &id) const
    {
        const int row = model()->rowOfId(id);
        return row < 0 ? QModelIndex() : model()->index(row, model()->titleColumn());
    }

    // The rows' ids in the order the list shows them.
    QStringList shownIds() const
    {
        QStringList ids;
        for (int row = 0; row < model()->rowCount(); ++row)
            ids << model()->idAt(row);
        return ids;
    }

    // Clicks a row on its title, away from the check box. False if the row is not shown.
    [[nodiscard]] bool clickRow(const QString &id, Qt::KeyboardModifiers modifiers = {}) const
    {
        const QModelIndex index = indexOf(id);
        if (!index.isValid())
            return false;
        list()->scrollTo(index);
        const QRect rect = list()->visualRect(index);
        const QRect box = checkBoxRect(index);
        const int x = list()->isLeftToRight() ? box.right() + 40 : box.left() - 40;
        QTest::mouseClick(list()->viewport(), Qt::LeftButton, modifiers, QPoint(x, rect.center().y()));
        return true;
    }

    // Where the delegate draws a row's check box, in viewport coordinates.
    QRect checkBoxRect(const QModelIndex &index) const
    {
        QStyleOptionViewItem option;
        option.initFrom(list());
        option.rect = list()->visualRect(index);
        return TodoDelegate::checkBoxRect(option, index); // below a day heading, if the row has one
    }

    [[nodiscard]] bool clickCheckBox(const QString &id) const
    {
        const QModelIndex index = indexOf(id);
        if (!index.isValid())
            return false;
        list()->scrollTo(index);
        QTest::mouseClick(list()->viewport(), Qt::LeftButton, {}, checkBoxRect(index).center());
        return true;
    }

    // Clicks a sidebar entry; true when it became current and took the focus.
    [[nodiscard]] bool clickSidebar(const TodoFilter &filter) const
    {
        const QModelIndex index = window->sidebarModel()->indexOf(filter);
        if (!index.isValid())
            return false;
        sidebar()->scrollTo(index);
        QTest::mouseClick(sidebar()->viewport(), Qt::LeftButton, {}, sidebar()->visualRect(index).center());
        return sidebar()->hasFocus() && sidebar()->currentFilter() == std::optional(filter);
    }

    // The non-inbox lists' names, in the store's order.
    QStringList listNames() const
    {
        QStringList names;
        for (const TodoList &list : data.store->lists()) {
            if (!list.isInbox)
                names << list.name;
        }
        return names;
    }

    // The non-inbox lists' names, as the sidebar shows them.
    QStringList sidebarListNames() const
    {
        QStringList names;
        SidebarModel *sidebarModel = window->sidebarModel();
        const QModelIndex section = sidebarModel->listsSection();
        for (int row = 0; row < sidebarModel->rowCount(section); ++row) {
            const QModelIndex index = sidebarModel->index(row, SidebarModel::NameColumn, section);
            if (!index.data(SidebarModel::IsInboxRole).toBool())
                names << index.data().toString();
        }
        return names;
    }

    // Set to false, before open(), for more todos than the model fetches at
    // once: Qt 6.4's tester fetches rows from its modelReset handler before it
    // records the reset's end, and reports its own fetch as nested in the reset.
    bool testTodoModel = true;
    StoreFixture data;
    std::unique_ptr<MainWindow> window;
    std::unique_ptr<QAbstractItemModelTester> todoTester;
    std::unique_ptr<QAbstractItemModelTester> sidebarTester;
};
