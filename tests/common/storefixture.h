#pragma once

#include "store/localdatabase.h"
#include "store/todostore.h"

#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

// A fresh local cache in its own temporary folder, for one test.
class StoreFixture
{
public:
    StoreFixture()
        : database(std::make_unique<LocalDatabase>())
    {
        const auto result = database->open(filePath());
        if (!result.ok())
            qFatal("cannot open the test database: %s", qPrintable(result.detail));
        store = std::make_unique<TodoStore>(database.get());
    }

    QString filePath() const { return dir.filePath(QStringLiteral("tandem.db")); }

    // Adds a todo to the inbox (or listId) through the store and returns it as stored.
    Todo addTodo(const QString &title, const QString &listId = {})
    {
        Todo todo = store->newTodo(listId, title);
        if (!store->apply({{}, {todo}}))
            qFatal("cannot add a todo: %s", qPrintable(store->lastError()));
        return *store->todo(todo.id);
    }

    // Adds count todos titled "<prefix> 0001", "<prefix> 0002", … at the end
    // of the inbox (or listId), in that order, in one transaction; shape may
    // change each before it is written. Returns their ids in that order.
    QStringList addTodos(int count, const QString &prefix, const QString &listId = {},
                         const std::function<void(Todo &)> &shape = {})
    {
        Changeset changes;
        const Todo first = store->newTodo(listId, prefix);
        for (int i = 0; i < count; ++i) {
            Todo todo = first;
            todo.id = Todo::newId();
            todo.title = QStringLiteral("%1 %2").arg(prefix).arg(i + 1, 4, 10, QLatin1Char('0'));
            todo.position = first.position + i;
            if (shape)
                shape(todo);
            changes.todos << todo;
        }
        if (!store->apply(changes))
            qFatal("cannot add todos: %s", qPrintable(store->lastError()));
        QStringList ids;
        for (const Todo &todo : std::as_const(changes.todos))
            ids << todo.id;
        return ids;
    }

    QTemporaryDir dir;
    std::unique_ptr<LocalDatabase> database;
    std::unique_ptr<TodoStore> store;
};
