#pragma once

#include <QCoreApplication>
#include <QString>

class LocalDatabase;
class QWidget;

// Opens the local database at start-up, and when it cannot, tells the person
// why and offers what is safe: retry, set a damaged file aside and start
// empty, or quit. It never deletes a file.
class DatabaseOpener
{
    Q_DECLARE_TR_FUNCTIONS(DatabaseOpener)
public:
    explicit DatabaseOpener(LocalDatabase *database);

    // True when the database is open; false when the person chose to quit.
    bool open(const QString &filePath, QWidget *parent = nullptr);

private:
    bool confirmMissingFile(const QString &filePath, QWidget *parent);
    void remember(const QString &filePath);

    LocalDatabase *m_database;
};
