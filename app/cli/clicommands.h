#pragma once

#include "clirequest.h"
#include "domain/todo.h"
#include "store/localdatabase.h"

#include <QCoreApplication>
#include <QString>

#include <memory>

class TodoStore;
class TodoFinder;

// Carries out one parsed CliRequest against the local cache (and, for sync,
// the cloud), printing results on stdout and one-line errors on stderr.
// Every write goes through TodoStore::apply(), so it lands in the outbox
// exactly as the same edit in the window would.
class CliCommands
{
    Q_DECLARE_TR_FUNCTIONS(CliCommands)
public:
    explicit CliCommands(const CliRequest &request);
    ~CliCommands();
    CliCommands(const CliCommands &) = delete;
    CliCommands &operator=(const CliCommands &) = delete;

    // The exit code (CliExit).
    int run();

    // DIR/tandem.db, where DIR defaults to the desktop app's data folder.
    static QString databasePath(const QString &dataDir);

    // Prints "tandem-cli: MESSAGE" as one line on stderr and returns code.
    static int fail(int code, const QString &message);

private:
    int openDatabase(LocalDatabase::Role role = LocalDatabase::Role::Guest);
    int add();
    int addQuick();
    int applyShape(const Todo &before, Todo *todo);
    int list();
    int edit();
    int setCompleted(bool done);
    int remove();
    int sync();
    int exportJson();

    CliRequest m_request;
    std::unique_ptr<LocalDatabase> m_database;
    std::unique_ptr<TodoStore> m_store;
    std::unique_ptr<TodoFinder> m_finder;
};
