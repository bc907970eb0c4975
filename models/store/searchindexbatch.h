#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

// One big write of todos inside one transaction, with the full-text index
// (SearchIndex) brought up to date once at the end instead of row by row:
// the index triggers cost about 20 µs a todo, which a first sync of 100,000
// todos cannot afford.
//
// begin() notes what the index holds for those of the given todos that
// exist already (rowid, title, notes, and whether they are live, in a TEMP
// table of this connection) and the highest rowid of todos, and drops the
// index triggers. finish() takes out of the index the noted entries whose
// todo is gone, tombstoned or has another text now, puts in the live todos
// written since (a rowid above the noted one, or a noted todo that is live
// with a new text, or again), and creates the triggers again from the very
// SQL they had.
//
// Both run inside the caller's write transaction (BEGIN IMMEDIATE): other
// connections never see the triggers gone, nor can they write meanwhile,
// and a rollback or a crash leaves the rows, the index and the triggers as
// they were. Between begin() and finish() the caller may insert todos and
// update or delete the given ones, nothing else.
class SearchIndexBatch
{
public:
    explicit SearchIndexBatch(const QSqlDatabase &db);

    bool begin(const QStringList &todoIds, QString *error);
    bool finish(QString *error);

private:
    bool noteTriggers(QString *error);

    QSqlDatabase m_db;
    qint64 m_lastRowid = 0;
    bool m_active = false;
    QList<std::pair<QString, QString>> m_triggers; // name, sql
};
