#pragma once

#include "store/localdatabase.h"
#include "store/todostore.h"

#include <QTemporaryDir>
#include <QTest>

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

    QTemporaryDir dir;
    std::unique_ptr<LocalDatabase> database;
    std::unique_ptr<TodoStore> store;
};
