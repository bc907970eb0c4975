#pragma once

#include "itemmodels/sidebarcounts.h"
#include "itemmodels/todofilter.h"
#include "store/cachechange.h"

#include <QAbstractItemModel>
#include <QThread>

class LocalDatabase;
class CacheCounter;
class TodoStore;

// The sidebar: the smart lists, then a "Lists" section and a "Tags" section,
// each entry with its count of open todos. Two columns: name and count.
// It updates itself from LocalDatabase::changed: a change to the lists
// shows at once (they are few); the counts are recounted in SQL on a worker
// thread with its own connection (CacheCounter), so the UI thread never
// waits for them. A burst of changes costs one recount in flight and one
// after it.
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
    SidebarModel(LocalDatabase *database, TodoStore *store, QObject *parent = nullptr);
    // Waits for a recount in flight (tens of milliseconds at most).
    ~SidebarModel() override;

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

    // Fixes "now" for the smart lists' counts (tests); recounts at once.
    void setReferenceTime(Timestamp::Micros now);
    // True while a recount is in flight or due.
    bool isRecounting() const { return m_recountInFlight; }

Q_SIGNALS:
    void renameRequested(const QString &listId, const QString &name);
    // New counts are shown (after every recount a change started).
    void countsUpdated();

private:
    struct Entry
    {
        QString id;
        QString name;
        int count = 0;
        bool isInbox = false;
    };

    void onChanged(const CacheChange &change);
    void requestRecount();
    void onCounted(quint64 request, const SidebarCounts &counts);
    // The lists as the store has them now, with the counts last known.
    void reloadLists();
    void showCounts(const SidebarCounts &counts);
    // Replaces a section's entries, with row moves only when its shape changed.
    void setEntries(const QModelIndex &section, QList<Entry> *entries, const QList<Entry> &next);
    static QString smartListName(int row);

    LocalDatabase *m_database;
    TodoStore *m_store;
    const int m_slot;
    QThread m_countThread;
    CacheCounter *m_counter; // lives in m_countThread
    quint64 m_lastRequest = 0;
    bool m_recountInFlight = false;
    bool m_recountAgain = false; // a change came while a recount was in flight
    Timestamp::Micros m_referenceTime = 0;
    int m_smartCounts[kSmartListCount] = {};
    QList<Entry> m_lists;
    QList<Entry> m_tags;
};
