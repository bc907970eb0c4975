#include "conflictmodel.h"

#include "domain/changejson.h"
#include "domain/todo.h"
#include "store/localdatabase.h"
#include "store/sqlhelpers.h"
#include "store/todostore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QTimeZone>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcConflicts, "tandem.conflicts")

namespace {

const QString kCompletedAt = QString::fromLatin1(TodoField::CompletedAt);
const QString kDueAt = QString::fromLatin1(TodoField::DueAt);
const QString kDeletedAt = QString::fromLatin1(TodoField::DeletedAt);
const QString kCompleted = QString::fromLatin1(TodoField::Completed);
const QString kPriority = QString::fromLatin1(TodoField::Priority);
const QString kListId = QString::fromLatin1(TodoField::ListId);
const QString kCreatedAt = u"created_at"_s;
const QString kUpdatedAt = u"updated_at"_s;

bool isTimeField(const QString &field)
{
    return field == kCompletedAt || field == kDueAt || field == kDeletedAt || field == kCreatedAt
        || field == kUpdatedAt || field == QLatin1StringView(TodoField::StartAt)
        || field == QLatin1StringView(TodoField::Occurrence);
}

// 2026-11-22T09:30:00.123456+00:00, ...Z, or without an offset (UTC).
const QRegularExpression kIsoTime(
    u"^(\\d{4}-\\d{2}-\\d{2})[T ](\\d{2}:\\d{2}:\\d{2})(?:\\.(\\d{1,6}))?(Z|[+-]\\d{2}(?::?\\d{2})?)?$"_s);

// One line of a longer text, marked as cut.
QString firstLine(const QString &text)
{
    const qsizetype newline = text.indexOf(u'\n');
    return newline < 0 ? text : text.left(newline) + u" …"_s;
}

} // namespace

ConflictModel::ConflictModel(TodoStore *store, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store)
{
    LocalDatabase *database = store->database();
    // A pull that brings conflicts also changes todos; titles and list names
    // shown here change with edits too.
    connect(database, &LocalDatabase::changed, this, [this](const CacheChange &change) {
        if (!change.todoIds.isEmpty() || change.lists)
            reload();
    });
    reload();
}

int ConflictModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ConflictModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ConflictModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const Entry &entry = row.entry;
    switch (role) {
    case Qt::DisplayRole:
        return row.text[index.column()];
    case Qt::ToolTipRole:
        return row.toolTip[index.column()];
    case IdRole:
        return entry.id;
    case EntityRole:
        return entry.entity;
    case EntityIdRole:
        return entry.entityId;
    case FieldRole:
        return entry.field;
    case LostJsonRole:
        return entry.lostValue;
    case WonJsonRole:
        return entry.wonValue;
    case KindRole:
        return entry.kind;
    case CreatedAtRole:
        return entry.createdAt;
    default:
        return {};
    }
}

QVariant ConflictModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case WhenColumn:
        return tr("When");
    case ItemColumn:
        return tr("Todo");
    case FieldColumn:
        return tr("Field");
    case LostColumn:
        return tr("Overwritten Value");
    case WonColumn:
        return tr("Kept Value");
    case KindColumn:
        return tr("What Happened");
    case ColumnCount:
        break;
    }
    return {};
}

QHash<int, QByteArray> ConflictModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(IdRole, "conflictId");
    names.insert(EntityRole, "entity");
    names.insert(EntityIdRole, "entityId");
    names.insert(FieldRole, "field");
    names.insert(LostJsonRole, "lostValue");
    names.insert(WonJsonRole, "wonValue");
    names.insert(KindRole, "kind");
    names.insert(CreatedAtRole, "createdAt");
    return names;
}

int ConflictModel::rowOfId(qint64 id) const
{
    for (qsizetype row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).entry.id == id)
            return int(row);
    }
    return -1;
}

void ConflictModel::reload()
{
    QList<Row> rows;
    QString error;
    auto query = Sql::select(m_store->database()->database(),
                             u"SELECT id, entity, entity_id, field, lost_value, won_value, kind, created_at"
                             " FROM conflicts WHERE dismissed = 0 ORDER BY created_at DESC, id DESC"_s,
                             {}, &error);
    if (!query)
        qCWarning(lcConflicts).noquote() << "cannot read the conflict log:" << error;
    while (query && query->next()) {
        Entry entry;
        entry.id = query->value(0).toLongLong();
        entry.entity = query->value(1).toString();
        entry.entityId = query->value(2).toString();
        entry.field = query->value(3).toString();
        entry.lostValue = query->value(4).toString();
        entry.wonValue = query->value(5).toString();
        entry.kind = query->value(6).toString();
        entry.createdAt = query->value(7).toLongLong();
        rows << makeRow(entry);
    }
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

ConflictModel::Row ConflictModel::makeRow(const Entry &entry) const
{
    Row row;
    row.entry = entry;
    const QDateTime when = Timestamp::toLocal(entry.createdAt);
    row.toolTip[WhenColumn] = QLocale().toString(when, QLocale::LongFormat);
    row.text[WhenColumn] = QLocale().toString(when, QLocale::ShortFormat);
    row.toolTip[ItemColumn] = row.text[ItemColumn] = itemTitle(entry);
    row.toolTip[FieldColumn] = row.text[FieldColumn] = fieldTitle(entry.entity, entry.field);
    row.toolTip[LostColumn] = displayValue(entry.field, entry.lostValue);
    row.text[LostColumn] = firstLine(row.toolTip[LostColumn]);
    row.toolTip[WonColumn] = displayValue(entry.field, entry.wonValue);
    row.text[WonColumn] = firstLine(row.toolTip[WonColumn]);
    row.toolTip[KindColumn] = row.text[KindColumn] = kindTitle(entry.kind);
    return row;
}

bool ConflictModel::dismiss(const QList<qint64> &ids, QString *error)
{
    const bool dismissed = m_store->dismissConflicts(ids);
    if (!dismissed && error)
        *error = m_store->lastError();
    reload();
    return dismissed;
}

QList<ConflictModel::Entry> ConflictModel::sameEdit(const Entry &entry) const
{
    QList<Entry> entries;
    for (const Row &row : m_rows) {
        const Entry &other = row.entry;
        if (other.entityId == entry.entityId && other.entity == entry.entity && other.kind == entry.kind
            && other.createdAt == entry.createdAt)
            entries << other;
    }
    return entries;
}

std::optional<QJsonValue> ConflictModel::decode(const QString &jsonText)
{
    if (jsonText.trimmed().isEmpty())
        return QJsonValue(QJsonValue::Null); // SQL NULL: no value at all
    // QJsonDocument takes only an object or an array at the top.
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson((u'[' + jsonText + u']').toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !document.isArray() || document.array().size() != 1)
        return std::nullopt;
    return document.array().first();
}

std::optional<Timestamp::Micros> ConflictModel::parseTime(const QString &text)
{
    const QRegularExpressionMatch match = kIsoTime.match(text.trimmed());
    if (!match.hasMatch())
        return std::nullopt;
    const QDate date = QDate::fromString(match.captured(1), u"yyyy-MM-dd"_s);
    const QTime time = QTime::fromString(match.captured(2), u"HH:mm:ss"_s);
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    Timestamp::Micros micros = Timestamp::fromDateTime(QDateTime(date, time, QTimeZone::utc()));
    if (match.hasCaptured(3))
        micros += match.captured(3).leftJustified(6, u'0').toLongLong();
    const QString offset = match.captured(4);
    if (!offset.isEmpty() && offset != u"Z"_s) {
        QString digits = offset.mid(1);
        digits.remove(u':');
        const int hours = digits.left(2).toInt();
        const int minutes = digits.size() >= 4 ? digits.mid(2, 2).toInt() : 0;
        const Timestamp::Micros shift = (hours * 60 + minutes) * 60 * Timestamp::kMicrosPerSecond;
        // 10:00+02:00 is 08:00 UTC.
        micros += offset.startsWith(u'+') ? -shift : shift;
    }
    return micros;
}

QString ConflictModel::fieldTitle(const QString &entity, const QString &field)
{
    if (entity == kListEntity) {
        if (field == u"name"_s)
            return tr("List name");
        if (field == QLatin1StringView(TodoField::Position))
            return tr("List order");
        if (field == kDeletedAt)
            return tr("List deleted");
    }
    if (field == QLatin1StringView(TodoField::Title))
        return tr("Title");
    if (field == QLatin1StringView(TodoField::Notes))
        return tr("Notes");
    if (field == kCompleted)
        return tr("Done");
    if (field == kCompletedAt)
        return tr("Completed at");
    if (field == kDueAt)
        return tr("Due");
    if (field == QLatin1StringView(TodoField::DueHasTime))
        return tr("Due at a time");
    if (field == kPriority)
        return tr("Priority");
    if (field == QLatin1StringView(TodoField::Position))
        return tr("Order");
    if (field == kListId)
        return tr("List");
    if (field == kDeletedAt)
        return tr("Deleted");
    if (field == QLatin1StringView(TodoField::ParentId))
        return tr("Subtask of");
    if (field == QLatin1StringView(TodoField::RepeatRule))
        return tr("Repeat");
    if (field == QLatin1StringView(TodoField::StartAt))
        return tr("Start date");
    return field;
}

QString ConflictModel::kindTitle(const QString &kind)
{
    if (kind == kOverwritten)
        return tr("Overwritten");
    if (kind == kEditOfDeleted)
        return tr("Edit of a deleted todo");
    if (kind == kParentDeleted)
        return tr("Kept as a todo: its parent was deleted");
    return kind;
}

QString ConflictModel::itemTitle(const Entry &entry) const
{
    if (entry.entity == kListEntity) {
        const auto list = m_store->list(entry.entityId);
        if (!list)
            return tr("(a list no longer on this computer)");
        const QString name = list->isInbox ? tr("Inbox") : list->name;
        return list->deletedAt ? tr("%1 (deleted list)").arg(name) : tr("%1 (list)").arg(name);
    }
    const auto todo = m_store->todo(entry.entityId);
    if (!todo)
        return tr("(a todo no longer on this computer)");
    const QString title = todo->title.trimmed().isEmpty() ? tr("(untitled)") : firstLine(todo->title);
    return todo->isDeleted() ? tr("%1 (deleted)").arg(title) : title;
}

QString ConflictModel::displayValue(const QString &field, const QString &jsonText) const
{
    const std::optional<QJsonValue> value = decode(jsonText);
    if (!value)
        return jsonText; // not JSON after all: shown as it is
    if (value->isNull() || value->isUndefined())
        return tr("(none)");
    if (field == kPriority && value->isDouble()) {
        switch (Priorities::fromInt(value->toInt())) {
        case Priority::None:
            return tr("None", "priority");
        case Priority::Low:
            return tr("Low", "priority");
        case Priority::Medium:
            return tr("Medium", "priority");
        case Priority::High:
            return tr("High", "priority");
        }
    }
    if (isTimeField(field) && value->isString()) {
        const auto micros = parseTime(value->toString());
        if (!micros)
            return value->toString();
        // A due date without a time is midnight UTC of that date.
        if (field == kDueAt && *micros % Timestamp::kMicrosPerDay == 0)
            return QLocale().toString(Timestamp::toDate(*micros), QLocale::ShortFormat);
        return QLocale().toString(Timestamp::toLocal(*micros), QLocale::ShortFormat);
    }
    if (field == kListId && value->isString()) {
        const auto list = m_store->list(value->toString());
        if (!list)
            return tr("(a list no longer on this computer)");
        return list->isInbox ? tr("Inbox") : list->name;
    }
    if (field == QLatin1StringView(TodoField::ParentId) && value->isString()) {
        const auto parent = m_store->todo(value->toString());
        return parent ? firstLine(parent->title) : tr("(a todo no longer on this computer)");
    }
    if (value->isBool())
        return value->toBool() ? tr("Yes") : tr("No");
    if (value->isString())
        return value->toString().isEmpty() ? tr("(empty)") : value->toString();
    if (value->isDouble())
        return QLocale().toString(value->toDouble());
    // An array or object: not a field Tandem has, shown as JSON.
    return jsonText;
}

bool ConflictModel::applyLostValue(const Entry &entry, Todo *todo)
{
    if (entry.entity != kTodoEntity || entry.field == kCreatedAt || entry.field == kUpdatedAt
        || !ChangeJson::allTodoFields().contains(entry.field))
        return false;
    std::optional<QJsonValue> value = decode(entry.lostValue);
    if (!value)
        return false;
    // ChangeJson wants times as Timestamp::toIsoUtc() writes them.
    if (isTimeField(entry.field) && value->isString()) {
        const auto micros = parseTime(value->toString());
        if (!micros)
            return false;
        value = QJsonValue(Timestamp::toIsoUtc(*micros));
    }
    if (ChangeJson::applyTodoValues(QJsonObject{{entry.field, *value}}, *todo).isEmpty())
        return false;
    if (entry.field == kCompleted) {
        // Done and its time go together, as Todo::setCompleted() keeps them.
        if (!todo->completed)
            todo->completedAt.reset();
        else if (!todo->completedAt)
            todo->completedAt = Timestamp::now();
    }
    return true;
}
