#pragma once

#include "domain/timestamp.h"

#include <QAbstractTableModel>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>

class TodoStore;
struct Todo;

// The conflict log: the local `conflicts` table (a mirror of the server's
// tandem.conflicts, filled by the pull), newest first, without the entries
// the person dismissed. Values are JSON as PostgreSQL wrote them; the
// display text decodes them (strings unquoted, times in local time,
// priorities as words, lists by name). Reloads when the cache changes.
class ConflictModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { WhenColumn, ItemColumn, FieldColumn, LostColumn, WonColumn, KindColumn, ColumnCount };
    Q_ENUM(Column)

    enum Role {
        IdRole = Qt::UserRole + 1, // qint64
        EntityRole,                // "todo" or "list"
        EntityIdRole,
        FieldRole,                 // the field's name in the schema: title, due_at, ...
        LostJsonRole,              // the value that was overwritten, as JSON text
        WonJsonRole,
        KindRole,                  // "overwritten" or "edit_of_deleted"
        CreatedAtRole,             // Timestamp::Micros
    };

    static inline const QString kOverwritten = QStringLiteral("overwritten");
    static inline const QString kEditOfDeleted = QStringLiteral("edit_of_deleted");
    // A subtask whose parent was deleted on another desktop, kept as a top-level todo.
    static inline const QString kParentDeleted = QStringLiteral("parent_deleted");
    static inline const QString kTodoEntity = QStringLiteral("todo");
    static inline const QString kListEntity = QStringLiteral("list");

    struct Entry
    {
        qint64 id = 0;
        QString entity;
        QString entityId;
        QString field;
        QString lostValue; // JSON text, may be empty (SQL NULL)
        QString wonValue;
        QString kind;
        Timestamp::Micros createdAt = 0;
    };

    explicit ConflictModel(TodoStore *store, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    const Entry &entry(int row) const { return m_rows.at(row).entry; }
    int rowOfId(qint64 id) const; // -1 when not shown

    // Rereads the table.
    void reload();
    // Hides entries for good (dismissed = 1), all or none (TodoStore::dismissConflicts), and reloads.
    bool dismiss(const QList<qint64> &ids, QString *error = nullptr);

    // The entries written by the same server transaction for the same todo
    // as `entry` (one edit of a deleted todo is one entry per field).
    QList<Entry> sameEdit(const Entry &entry) const;

    // Writes the lost value of a todo field into todo (times normalised,
    // `completed` keeping completedAt in step). False for a value or field
    // it cannot take.
    static bool applyLostValue(const Entry &entry, Todo *todo);

    // Decoding, for the display and for applyLostValue().
    static std::optional<QJsonValue> decode(const QString &jsonText);
    // ISO-8601 with any offset (as PostgreSQL's to_jsonb writes a timestamptz).
    static std::optional<Timestamp::Micros> parseTime(const QString &text);
    static QString fieldTitle(const QString &entity, const QString &field);
    static QString kindTitle(const QString &kind);
    QString displayValue(const QString &field, const QString &jsonText) const;
    QString itemTitle(const Entry &entry) const;

private:
    struct Row
    {
        Entry entry;
        QString text[ColumnCount];    // what the table shows: one line
        QString toolTip[ColumnCount]; // the whole of it
    };
    Row makeRow(const Entry &entry) const;

    TodoStore *m_store;
    QList<Row> m_rows;
};
