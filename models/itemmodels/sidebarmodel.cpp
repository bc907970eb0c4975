#include "sidebarmodel.h"

#include "store/localdatabase.h"
#include "store/sqlhelpers.h"
#include "store/todostore.h"
#include "itemmodels/todomodel.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace {

// Top-level rows have internal id 0; a child stores its section's row + 1.
constexpr quintptr kTopLevel = 0;

const TodoFilter::Kind kSmartKinds[SidebarModel::kSmartListCount] = {
    TodoFilter::Kind::Today, TodoFilter::Kind::Upcoming, TodoFilter::Kind::Overdue,
    TodoFilter::Kind::Completed, TodoFilter::Kind::All};

} // namespace

SidebarModel::SidebarModel(LocalDatabase *database, TodoStore *store, QObject *parent)
    : QAbstractItemModel(parent)
    , m_database(database)
    , m_store(store)
    , m_slot(TodoFilterSql::allocateSlot())
{
    m_reloadTimer.setSingleShot(true);
    m_reloadTimer.setInterval(kRecountDelayMs);
    connect(&m_reloadTimer, &QTimer::timeout, this, &SidebarModel::reload);
    connect(database, &LocalDatabase::todosChanged, this, &SidebarModel::scheduleReload);
    connect(database, &LocalDatabase::listsChanged, this, &SidebarModel::scheduleReload);
    connect(database, &LocalDatabase::tagsChanged, this, &SidebarModel::scheduleReload);
    reload();
}

void SidebarModel::scheduleReload()
{
    m_reloadTimer.start();
}

void SidebarModel::setReferenceTime(Timestamp::Micros now)
{
    m_referenceTime = now;
    reload();
}

QString SidebarModel::smartListName(int row)
{
    switch (kSmartKinds[row]) {
    case TodoFilter::Kind::Today:
        return QCoreApplication::translate("SidebarModel", "Today");
    case TodoFilter::Kind::Upcoming:
        return QCoreApplication::translate("SidebarModel", "Upcoming");
    case TodoFilter::Kind::Overdue:
        return QCoreApplication::translate("SidebarModel", "Overdue");
    case TodoFilter::Kind::Completed:
        return QCoreApplication::translate("SidebarModel", "Completed");
    default:
        break;
    }
    return QCoreApplication::translate("SidebarModel", "All");
}

void SidebarModel::reload()
{
    m_reloadTimer.stop();
    const QSqlDatabase db = m_database->database();
    const Timestamp::Micros now = m_referenceTime != 0 ? m_referenceTime : Timestamp::now();

    QList<TodoFilter> smartFilters;
    for (int row = 0; row < kSmartListCount; ++row) {
        TodoFilter filter = TodoFilter::smart(kSmartKinds[row]);
        // Completed counts what is done; everything else counts what is still open.
        filter.hideCompleted = kSmartKinds[row] != TodoFilter::Kind::Completed;
        smartFilters << filter;
    }
    const QList<int> counted = TodoFilterSql::countSmart(db, m_slot, smartFilters, now);
    int smartCounts[kSmartListCount];
    std::copy(counted.cbegin(), counted.cend(), std::begin(smartCounts));

    QHash<QString, int> openPerList;
    // One index range per list (todos_by_list: list_id, completed). A GROUP BY
    // over todos lets SQLite pick todos_by_state for completed = 0 and look up
    // every open row in the table: 72 ms instead of 5 ms at 100,000 todos.
    auto perList = Sql::select(db,
                               u"SELECT l.id, (SELECT COUNT(*) FROM todos t WHERE t.list_id = l.id"
                               " AND t.completed = 0 AND t.deleted_at IS NULL)"
                               " FROM lists l WHERE l.deleted_at IS NULL"_s,
                               {});
    while (perList && perList->next())
        openPerList.insert(perList->value(0).toString(), perList->value(1).toInt());
    QList<Entry> lists;
    for (const TodoList &list : m_store->lists()) {
        const QString name = list.isInbox ? QCoreApplication::translate("SidebarModel", "Inbox") : list.name;
        lists << Entry{list.id, name, openPerList.value(list.id), list.isInbox};
    }
    QList<Entry> tags;
    for (const Tag &tag : m_store->tags())
        tags << Entry{tag.id, tag.name, tag.openCount, false};

    auto sameShape = [](const QList<Entry> &a, const QList<Entry> &b) {
        if (a.size() != b.size())
            return false;
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (a[i].id != b[i].id || a[i].name != b[i].name)
                return false;
        }
        return true;
    };

    if (!sameShape(lists, m_lists)) {
        const QModelIndex section = listsSection();
        if (!m_lists.isEmpty()) {
            beginRemoveRows(section, 0, int(m_lists.size()) - 1);
            m_lists.clear();
            endRemoveRows();
        }
        if (!lists.isEmpty()) {
            beginInsertRows(section, 0, int(lists.size()) - 1);
            m_lists = lists;
            endInsertRows();
        }
    } else {
        m_lists = lists;
    }
    if (!sameShape(tags, m_tags)) {
        const QModelIndex section = tagsSection();
        if (!m_tags.isEmpty()) {
            beginRemoveRows(section, 0, int(m_tags.size()) - 1);
            m_tags.clear();
            endRemoveRows();
        }
        if (!tags.isEmpty()) {
            beginInsertRows(section, 0, int(tags.size()) - 1);
            m_tags = tags;
            endInsertRows();
        }
    } else {
        m_tags = tags;
    }
    std::copy(std::begin(smartCounts), std::end(smartCounts), std::begin(m_smartCounts));

    // Counts may have changed anywhere: one dataChanged per block of rows.
    Q_EMIT dataChanged(index(0, CountColumn), index(kSmartListCount - 1, CountColumn), {Qt::DisplayRole, CountRole});
    if (!m_lists.isEmpty())
        Q_EMIT dataChanged(index(0, NameColumn, listsSection()),
                           index(int(m_lists.size()) - 1, CountColumn, listsSection()));
    if (!m_tags.isEmpty())
        Q_EMIT dataChanged(index(0, NameColumn, tagsSection()),
                           index(int(m_tags.size()) - 1, CountColumn, tagsSection()));
}

QModelIndex SidebarModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, kTopLevel);
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex SidebarModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kTopLevel)
        return {};
    return createIndex(int(child.internalId() - 1), 0, kTopLevel);
}

int SidebarModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return kSmartListCount + 2;
    if (parent.column() != 0 || parent.internalId() != kTopLevel)
        return 0;
    if (parent.row() == kListsSectionRow)
        return int(m_lists.size());
    if (parent.row() == kTagsSectionRow)
        return int(m_tags.size());
    return 0;
}

int SidebarModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant SidebarModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const bool topLevel = index.internalId() == kTopLevel;
    const int row = index.row();
    const bool section = topLevel && row >= kSmartListCount;
    const Entry *entry = nullptr;
    if (!topLevel)
        entry = index.internalId() - 1 == kListsSectionRow ? &m_lists.at(row) : &m_tags.at(row);

    QString name;
    int count = 0;
    if (section)
        name = row == kListsSectionRow ? QCoreApplication::translate("SidebarModel", "Lists")
                                       : QCoreApplication::translate("SidebarModel", "Tags");
    else if (topLevel) {
        name = smartListName(row);
        count = m_smartCounts[row];
    } else {
        name = entry->name;
        count = entry->count;
    }

    switch (role) {
    case Qt::EditRole:
        return index.column() == NameColumn ? QVariant(name) : QVariant();
    case Qt::DisplayRole:
        if (index.column() == NameColumn)
            return name;
        return section || count == 0 ? QVariant() : QVariant(QString::number(count));
    case Qt::AccessibleTextRole:
        return section ? name : QCoreApplication::translate("SidebarModel", "%1, %n open", nullptr, count).arg(name);
    case Qt::ToolTipRole:
        if (!section && index.column() == NameColumn)
            return QCoreApplication::translate("SidebarModel", "%n open todos", nullptr, count);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == CountColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case FilterKindRole:
        if (section)
            return -1;
        if (topLevel)
            return int(kSmartKinds[row]);
        return int(index.internalId() - 1 == kListsSectionRow ? TodoFilter::Kind::List : TodoFilter::Kind::Tag);
    case EntryIdRole:
        return entry ? entry->id : QString();
    case CountRole:
        return count;
    case IsInboxRole:
        return entry && entry->isInbox;
    case IsSectionRole:
        return section;
    default:
        break;
    }
    return {};
}

Qt::ItemFlags SidebarModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    if (index.internalId() == kTopLevel && index.row() >= kSmartListCount)
        return Qt::ItemIsEnabled;
    Qt::ItemFlags result = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.internalId() != kTopLevel)
        result |= Qt::ItemNeverHasChildren;
    // Todos can be dropped onto a list to move them there; lists but the Inbox can be renamed.
    if (index.internalId() - 1 == kListsSectionRow) {
        result |= Qt::ItemIsDropEnabled;
        if (index.column() == NameColumn && !m_lists.at(index.row()).isInbox)
            result |= Qt::ItemIsEditable;
    }
    return result;
}

bool SidebarModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !(flags(index) & Qt::ItemIsEditable))
        return false;
    const QString name = value.toString().trimmed();
    if (name.isEmpty())
        return false;
    Q_EMIT renameRequested(m_lists.at(index.row()).id, name);
    return true;
}

QStringList SidebarModel::mimeTypes() const
{
    return {QString::fromLatin1(TodoModel::kMimeType)};
}

Qt::DropActions SidebarModel::supportedDropActions() const
{
    return Qt::MoveAction;
}

std::optional<TodoFilter> SidebarModel::filterAt(const QModelIndex &index) const
{
    if (!index.isValid()) // before data(), whose index check warns about it
        return std::nullopt;
    const int kind = data(index, FilterKindRole).toInt();
    if (kind < 0)
        return std::nullopt;
    TodoFilter filter;
    filter.kind = TodoFilter::Kind(kind);
    filter.id = data(index, EntryIdRole).toString();
    return filter;
}

QModelIndex SidebarModel::indexOf(const TodoFilter &filter) const
{
    for (int row = 0; row < kSmartListCount; ++row) {
        if (kSmartKinds[row] == filter.kind)
            return index(row, 0);
    }
    const QList<Entry> &entries = filter.kind == TodoFilter::Kind::List ? m_lists : m_tags;
    const QModelIndex section = filter.kind == TodoFilter::Kind::List ? listsSection() : tagsSection();
    for (qsizetype row = 0; row < entries.size(); ++row) {
        if (entries.at(row).id == filter.id)
            return index(int(row), 0, section);
    }
    return {};
}
