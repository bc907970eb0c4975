#pragma once

#include "itemmodels/todofilter.h"

#include <QAbstractItemModel>
#include <QTimer>

class LocalDatabase;
class TodoStore;

// The sidebar: the smart lists, then a "Lists" section and a "Tags" section,
// each entry with its count of open todos. Two columns: name and count.
// Counts come from SQL, and are recounted shortly after a change, so a burst
// of edits costs one recount.
class SidebarModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Role {
        FilterKindRole = Qt::UserRole + 1, // int(TodoFilter::Kind), or -1 for a section
        EntryIdRole,                       // list or tag id
        CountRole,
        IsInboxRole,
        IsSectionRole,
    };
    Q_ENUM(Role)

    enum Column { NameColumn, CountColumn, ColumnCount };

    static constexpr int kSmartListCount = 5;
    static constexpr int kListsSectionRow = kSmartListCount;
    static constexpr int kTagsSectionRow = kSmartListCount + 1;
    static constexpr int kRecountDelayMs = 30;

    SidebarModel(LocalDatabase *database, TodoStore *store, QObject *parent = nullptr);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    // Editing a list's name does not write: it asks, through renameRequested,
    // whoever owns the undo stack to do it.
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    QStringList mimeTypes() const override;
    Qt::DropActions supportedDropActions() const override;

    // The filter an entry stands for; nullopt for the section headers.
    std::optional<TodoFilter> filterAt(const QModelIndex &index) const;
    QModelIndex indexOf(const TodoFilter &filter) const;
    QModelIndex listsSection() const { return index(kListsSectionRow, 0); }
    QModelIndex tagsSection() const { return index(kTagsSectionRow, 0); }

    // Reloads lists, tags and counts now.
    void reload();
    void setReferenceTime(Timestamp::Micros now);

Q_SIGNALS:
    void renameRequested(const QString &listId, const QString &name);

private:
    struct Entry
    {
        QString id;
        QString name;
        int count = 0;
        bool isInbox = false;
    };

    void scheduleReload();
    static QString smartListName(int row);

    LocalDatabase *m_database;
    TodoStore *m_store;
    const int m_slot;
    QTimer m_reloadTimer;
    Timestamp::Micros m_referenceTime = 0;
    int m_smartCounts[kSmartListCount] = {};
    QList<Entry> m_lists;
    QList<Entry> m_tags;
};
