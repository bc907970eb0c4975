#pragma once

#include <QString>
#include <QStringList>

// A local cache filled with realistic todos, made once before measuring.
//
// The todos are written with bound SQL in one transaction (the app's own
// write path, TodoStore::apply, reads each row back first and would take
// minutes for 100,000 rows). The file is what a synced desktop would have:
// lists and tags, an outbox with a few pending changes, a few tombstones.
struct BenchDatabase
{
    // In about 0.4 % of the titles (and a few notes): a search that matches hundreds of rows.
    static constexpr auto kRareWord = "invoice";
    // In no todo: a search that matches nothing.
    static constexpr auto kMissingWord = "zqxj";

    QString filePath;
    QString inboxId;
    QStringList listIds; // the Inbox first
    int liveTodos = 0;
    int tombstones = 0;
    int withDue = 0;
    int withTags = 0;
    int completed = 0;
    int pending = 0; // outbox rows
    int rareWordMatches = 0;

    // Creates the file (it must not exist) with `rows` live todos.
    static bool create(const QString &filePath, int rows, BenchDatabase *result, QString *error);

    QString summary() const;
};
