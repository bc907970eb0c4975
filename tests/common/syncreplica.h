#pragma once

#include "cloud/connectionconfig.h"
#include "scratchdatabase.h"
#include "store/localdatabase.h"
#include "store/sqlhelpers.h"
#include "store/todostore.h"
#include "sync/syncsession.h"

#include <QFile>
#include <QTemporaryDir>

#include <memory>

// One desktop for sync tests: its own local cache in a temporary folder, and
// a sync session to a scratch database as one role (the admin when empty).
class SyncReplica
{
public:
    SyncReplica(const ScratchDatabase &cloud, const QString &role = {}, bool viaBouncer = false,
                const SyncOptions &options = {})
        : database(std::make_unique<LocalDatabase>())
    {
        const auto opened = database->open(dir.filePath(QStringLiteral("tandem.db")));
        if (!opened.ok())
            qFatal("cannot open a replica's cache: %s", qPrintable(opened.detail));
        store = std::make_unique<TodoStore>(database.get());
        QString error;
        const auto config = ConnectionConfig::parse(cloud.connectionString(role, viaBouncer), &error);
        if (!config)
            qFatal("bad test connection string: %s", qPrintable(error));
        m_config = *config;
        m_options = options;
        session = std::make_unique<SyncSession>(database->database(), *config, options);
    }

    // A consistent copy of this desktop's cache, as a backup tool makes one.
    bool backUpTo(const QString &file) const
    {
        QFile::remove(file);
        return Sql::exec(database->database(), QStringLiteral("VACUUM INTO ?"), {file});
    }

    // Closes the cache, puts the file in its place (a backup put back, or a
    // copy of another desktop's folder), and opens it again.
    void replaceCacheWith(const QString &file)
    {
        session.reset();
        store.reset();
        database.reset();
        const QString path = dir.filePath(QStringLiteral("tandem.db"));
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(path + suffix);
        if (!QFile::copy(file, path))
            qFatal("cannot put %s in place", qPrintable(file));
        database = std::make_unique<LocalDatabase>();
        const auto opened = database->open(path);
        if (!opened.ok())
            qFatal("cannot open a replaced cache: %s", qPrintable(opened.detail));
        store = std::make_unique<TodoStore>(database.get());
        session = std::make_unique<SyncSession>(database->database(), m_config, m_options);
    }

    ~SyncReplica()
    {
        session.reset();
        store.reset();
        database.reset();
    }

    SyncResult sync() { return session->sync(); }

    Todo add(const QString &title, const QStringList &tags = {})
    {
        Todo todo = store->newTodo({}, title);
        todo.tags = tags;
        if (!store->apply({{}, {todo}}))
            qFatal("cannot add: %s", qPrintable(store->lastError()));
        return *store->todo(todo.id);
    }

    template<typename Edit>
    void edit(const QString &id, Edit edit)
    {
        Todo todo = *store->todo(id);
        edit(todo);
        if (!store->apply({{}, {todo}}))
            qFatal("cannot edit: %s", qPrintable(store->lastError()));
    }

    QTemporaryDir dir;
    std::unique_ptr<LocalDatabase> database;
    std::unique_ptr<TodoStore> store;
    std::unique_ptr<SyncSession> session;

private:
    ConnectionConfig m_config;
    SyncOptions m_options;
};
