#pragma once

#include "measurement.h"

#include <QStringList>

// Measurement 3: adding one todo, in three ways, all into the Inbox:
//  - store only: TodoStore::newTodo and TodoStore::apply, no window open;
//  - the command path the brief names: TodoCommands::addTodo on the window's
//    undo stack, from the call until the list (showing the Inbox, where the
//    todo lands) has refreshed and repainted;
//  - the quick-add bar: Return in its line until the list has repainted
//    (the parser, MainWindow::addFromQuickAdd, which also selects the new row).
// After each add the bench waits for the sidebar's new counts (counted on
// its own thread) and notes when they were shown, from the add.
class AddBench
{
public:
    AddBench(const QString &databasePath, int adds, int quickAdds);

    bool run(QList<Measurement> *measurements, QStringList *details, QString *error);

private:
    bool runStoreOnly(QList<Measurement> *measurements, QString *error);
    bool runWindow(QList<Measurement> *measurements, QStringList *details, QString *error);

    QString m_databasePath;
    int m_adds;
    int m_quickAdds;
};
