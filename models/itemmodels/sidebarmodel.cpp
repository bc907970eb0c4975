#include "sidebarmodel.h"

#include "store/localdatabase.h"
#include "store/sqlhelpers.h"
#include "store/todostore.h"
#include "itemmodels/todomodel.h"
#include "itemmodels/cachecounter.h"

#include <QCoreApplication>

#include <utility>

using namespace Qt::StringLiterals;

namespace {

// Top-level rows have internal id 0; a child stores its section's row + 1.
constexpr quintptr kTopLevel = 0;

constexpr const auto &kSmartKinds = SidebarCounts::kSmartKinds;
static_assert(std::size(SidebarCounts::kSmartKinds) == SidebarModel::kSmartListCount);

} // namespace

SidebarModel::SidebarModel(LocalDatabase *database, TodoStore *store, QObject *parent)
    : QAbstractItemModel(parent)
    , m_database(database)
    , m_store(store)
    , m_slot(TodoFilterSql::allocateSlot())
    , m_counter(new CacheCounter(database->filePath()))
{
    m_countThread.setObjectName(u"tandem-sidebar"_s);
    m_counter->moveToThread(&m_countThread);
    connect(&m_countThread, &QThread::finished, m_counter, &QObject::deleteLater);
    connect(m_counter, &CacheCounter::sidebarCounted, this, &SidebarModel::onCounted);
    connect(m_counter, &CacheCounter::failed, this, [this] {
        // Without its connection the counter cannot answer: count here.
        m_recountInFlight = m_recountAgain = false;
        showCounts(SidebarCounts::count(m_database->database(), m_slot, m_referenceTime != 0 ? m_referenceTime : Timestamp::now()));
    });
    connect(database, &LocalDatabase::changed, this, &SidebarModel::onChanged);
    m_countThread.start();
    // The first counts are part of start-up: shown with the window.
    reloadLists();
    showCounts(SidebarCounts::count(m_database->database(), m_slot, Timestamp::now()));
}

SidebarModel::~SidebarModel()
{
    m_countThread.quit();
    m_countThread.wait();
}

void SidebarModel::onChanged(const CacheChange &change)
{
    if (change.lists)
        reloadLists();
    requestRecount();
}

void SidebarModel::requestRecount()
{
    if (m_recountInFlight) {
        m_recountAgain = true;
        return;
    }
    m_recountInFlight = true;
    const quint64 request = ++m_lastRequest;
    QMetaObject::invokeMethod(m_counter, [counter = m_counter, request, now = m_referenceTime] {
        counter->countSidebar(request, now);
    }, Qt::QueuedConnection);
}

void SidebarModel::onCounted(quint64 request, const SidebarCounts &counts)
{
    if (request != m_lastRequest)
        return; // overtaken by a count made here (setReferenceTime)
    m_recountInFlight = false;
    showCounts(counts);
    if (std::exchange(m_recountAgain, false))
        requestRecount();
}

void SidebarModel::setReferenceTime(Timestamp::Micros now)
{
    m_referenceTime = now;
    ++m_lastRequest; // an answer in flight counted with the old time
    m_recountInFlight = m_recountAgain = false;
    showCounts(SidebarCounts::count(m_database->database(), m_slot, now));
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

void SidebarModel::setEntries(const QModelIndex &section, QList<Entry> *entries, const QList<Entry> &next)
{
    auto sameShape = [](const QList<Entry> &a, const QList<Entry> &b) {
        if (a.size() != b.size())
            return false;
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (a[i].id != b[i].id || a[i].name != b[i].name)
                return false;
        }
        return true;
    };
    if (sameShape(*entries, next)) {
        const QList<Entry> before = std::exchange(*entries, next);
        // Only the counts that changed, a cell each: a dataChanged over the
        // names would reset a list name being typed in the inline editor, and
        // one over a range repaints the whole sidebar (QAbstractItemView).
        for (qsizetype i = 0; i < next.size(); ++i) {
            if (before.at(i).count != next.at(i).count) {
                const QModelIndex cell = index(int(i), CountColumn, section);
                Q_EMIT dataChanged(cell, cell, {Qt::DisplayRole, CountRole});
            }
        }
    } else {
        if (!entries->isEmpty()) {
            beginRemoveRows(section, 0, int(entries->size()) - 1);
            entries->clear();
            endRemoveRows();
        }
        if (!next.isEmpty()) {
            beginInsertRows(section, 0, int(next.size()) - 1);
            *entries = next;
            endInsertRows();
        }
    }
}

void SidebarModel::reloadLists()
{
    QHash<QString, int> known;
    for (const Entry &entry : std::as_const(m_lists))
        known.insert(entry.id, entry.count);
    QList<Entry> lists;
    for (const TodoList &list : m_store->lists()) {
        const QString name = list.isInbox ? QCoreApplication::translate("SidebarModel", "Inbox") : list.name;
        lists << Entry{list.id, name, known.value(list.id), list.isInbox};
    }
    setEntries(listsSection(), &m_lists, lists);
}

void SidebarModel::showCounts(const SidebarCounts &counts)
{
    for (int row = 0; row < kSmartListCount && row < counts.smart.size(); ++row) {
        if (std::exchange(m_smartCounts[row], counts.smart.at(row)) != counts.smart.at(row)) {
            const QModelIndex cell = index(row, CountColumn);
            Q_EMIT dataChanged(cell, cell, {Qt::DisplayRole, CountRole});
        }
    }
    // The lists are the store's (reloadLists); a list the counts do not know
    // yet (made after they began) keeps its count.
    QList<Entry> lists = m_lists;
    for (Entry &entry : lists)
        entry.count = counts.openPerList.value(entry.id, entry.count);
    setEntries(listsSection(), &m_lists, lists);
    QList<Entry> tags;
    for (const Tag &tag : counts.tags)
        tags << Entry{tag.id, tag.name, tag.openCount, false};
    setEntries(tagsSection(), &m_tags, tags);
    Q_EMIT countsUpdated();
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
        // The whole name first: a long one is elided in the sidebar.
        if (!section && index.column() == NameColumn)
            return name + u'\n' + QCoreApplication::translate("SidebarModel", "%n open todos", nullptr, count);
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
