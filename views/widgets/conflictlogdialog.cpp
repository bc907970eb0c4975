#include "conflictlogdialog.h"

#include "commands/todocommands.h"
#include "itemmodels/conflictmodel.h"
#include "redokeys.h"
#include "store/todostore.h"
#include "tododelegate.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMap>
#include <QPushButton>
#include <QSet>
#include <QStackedWidget>
#include <QTableView>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {
constexpr int kDefaultWidth = 900;
constexpr int kDefaultHeight = 420;
} // namespace

ConflictLogDialog::ConflictLogDialog(TodoStore *store, QUndoStack *undoStack, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_undoStack(undoStack)
    , m_model(new ConflictModel(store, this))
{
    setObjectName(u"conflictLogDialog"_s);
    setWindowTitle(tr("Conflict Log"));
    setModal(false);

    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("When two desktops changed the same todo, the later change was kept. These are "
                                "the values it replaced, newest first. Restore puts a value back (you can undo "
                                "it); Dismiss hides the entry."));
    intro->setObjectName(u"conflictIntro"_s);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_view = new QTableView;
    m_view->setObjectName(u"conflictTable"_s);
    m_view->setAccessibleName(tr("Conflicts"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->setShowGrid(false);
    m_view->verticalHeader()->hide();
    QHeaderView *header = m_view->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionResizeMode(ConflictModel::WhenColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ConflictModel::ItemColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(ConflictModel::FieldColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(ConflictModel::LostColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(ConflictModel::WonColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(ConflictModel::KindColumn, QHeaderView::ResizeToContents);

    m_emptyLabel = new QLabel(tr("No conflicts. When two desktops change the same todo, the value that was "
                                 "replaced shows up here."));
    m_emptyLabel->setObjectName(u"conflictEmptyLabel"_s);
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setForegroundRole(QPalette::PlaceholderText);

    m_stack = new QStackedWidget;
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_emptyLabel);
    layout->addWidget(m_stack, 1);

    m_status = new QLabel;
    m_status->setObjectName(u"conflictStatus"_s);
    m_status->setWordWrap(true);
    m_status->setAccessibleName(tr("Conflict log status"));
    m_status->hide();
    layout->addWidget(m_status);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    buttons->setObjectName(u"conflictButtons"_s);
    m_restoreButton = buttons->addButton(tr("&Restore"), QDialogButtonBox::ActionRole);
    m_restoreButton->setObjectName(u"restoreButton"_s);
    m_restoreButton->setAccessibleName(tr("Restore the overwritten value"));
    m_restoreButton->setToolTip(tr("Put the overwritten value back. Edit ▸ Undo takes it back again."));
    m_dismissButton = buttons->addButton(tr("&Dismiss"), QDialogButtonBox::ActionRole);
    m_dismissButton->setObjectName(u"dismissButton"_s);
    m_dismissButton->setAccessibleName(tr("Dismiss the entry"));
    m_dismissButton->setToolTip(tr("Hide the entry from the log."));
    QPushButton *close = buttons->button(QDialogButtonBox::Close);
    close->setObjectName(u"closeButton"_s);
    layout->addWidget(buttons);

    // Undo and redo work here as in the main window.
    QAction *undo = m_undoStack->createUndoAction(this, tr("&Undo"));
    undo->setObjectName(u"conflictUndoAction"_s);
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_undoStack->createRedoAction(this, tr("&Redo"));
    redo->setObjectName(u"conflictRedoAction"_s);
    redo->setShortcuts(redoKeys());
    addActions({undo, redo});

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_restoreButton, &QPushButton::clicked, this, &ConflictLogDialog::restoreSelected);
    connect(m_dismissButton, &QPushButton::clicked, this, &ConflictLogDialog::dismissSelected);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ConflictLogDialog::updateButtons);
    // A reload (after any change to the cache) keeps the selection by id.
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        m_selectedIds.clear();
        for (int row : selectedRows())
            m_selectedIds << m_model->entry(row).id;
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        QItemSelection selection;
        for (qint64 id : std::as_const(m_selectedIds)) {
            const int row = m_model->rowOfId(id);
            if (row >= 0)
                selection.select(m_model->index(row, 0), m_model->index(row, ConflictModel::ColumnCount - 1));
        }
        m_view->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
        updateEmptyState();
        updateButtons();
    });

    resize(kDefaultWidth, kDefaultHeight);
    updateEmptyState();
    updateButtons();
}

void ConflictLogDialog::showEvent(QShowEvent *event)
{
    m_model->reload();
    QDialog::showEvent(event);
}

QList<int> ConflictLogDialog::selectedRows() const
{
    QList<int> rows;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows())
        rows << index.row();
    std::sort(rows.begin(), rows.end());
    return rows;
}

void ConflictLogDialog::updateEmptyState()
{
    m_stack->setCurrentWidget(m_model->rowCount() == 0 ? static_cast<QWidget *>(m_emptyLabel) : m_view);
}

void ConflictLogDialog::updateButtons()
{
    const QList<int> rows = selectedRows();
    const bool restorable = std::any_of(rows.cbegin(), rows.cend(), [this](int row) {
        const ConflictModel::Entry &entry = m_model->entry(row);
        return entry.entity == ConflictModel::kTodoEntity
            || (entry.entity == ConflictModel::kListEntity && entry.field == u"name"_s);
    });
    m_restoreButton->setEnabled(restorable);
    m_dismissButton->setEnabled(!rows.isEmpty());
}

void ConflictLogDialog::setStatus(const QString &text, bool problem)
{
    m_status->setText(text);
    if (problem) {
        QPalette palette = m_status->palette();
        palette.setColor(QPalette::WindowText, TodoDelegate::overdueColor(palette));
        m_status->setPalette(palette);
    } else {
        m_status->setPalette(this->palette());
    }
    m_status->setVisible(!text.isEmpty());
}

bool ConflictLogDialog::restoreSelected()
{
    const QList<int> rows = selectedRows();
    if (rows.isEmpty())
        return false;

    // First work out every edit, so that they go on the stack together.
    QMap<QString, Todo> edited;             // todo id -> the snapshot to write
    QMap<QString, QStringList> fieldsOf;    // todo id -> the fields restored
    QList<std::pair<QString, QString>> renames; // list id -> name
    QStringList problems;
    QSet<qint64> handled;
    auto working = [&](const QString &id) -> Todo * {
        if (!edited.contains(id)) {
            const auto todo = m_store->todo(id);
            if (!todo)
                return nullptr;
            edited.insert(id, *todo);
        }
        return &edited[id];
    };

    for (int row : rows) {
        const ConflictModel::Entry entry = m_model->entry(row);
        if (handled.contains(entry.id))
            continue;
        handled.insert(entry.id);
        const QString what = m_model->itemTitle(entry);

        if (entry.entity == ConflictModel::kListEntity) {
            const auto name = ConflictModel::decode(entry.lostValue);
            if (entry.field == u"name"_s && name && name->isString() && m_store->list(entry.entityId))
                renames.append({entry.entityId, name->toString()});
            else
                problems << tr("“%1”: this change of a list cannot be restored.").arg(what);
            continue;
        }

        Todo *todo = working(entry.entityId);
        if (!todo) {
            problems << tr("“%1” is no longer on this computer.").arg(what);
            continue;
        }
        if (entry.kind == ConflictModel::kEditOfDeleted) {
            // The todo comes back with every field of that one edit.
            todo->deletedAt.reset();
            fieldsOf[todo->id] << QString::fromLatin1(TodoField::DeletedAt);
            for (const ConflictModel::Entry &part : m_model->sameEdit(entry)) {
                handled.insert(part.id);
                if (part.field == QLatin1StringView(TodoField::DeletedAt))
                    continue;
                if (ConflictModel::applyLostValue(part, todo))
                    fieldsOf[todo->id] << part.field;
            }
            const auto list = m_store->list(todo->listId);
            if (!list || list->deletedAt)
                todo->listId = m_store->inboxId(); // its list is gone: the Inbox keeps it
            continue;
        }
        if (todo->isDeleted()) {
            problems << tr("“%1” has been deleted since; its old value cannot go back into it.").arg(what);
            continue;
        }
        if (entry.field == QLatin1StringView(TodoField::ListId)) {
            const auto value = ConflictModel::decode(entry.lostValue);
            const auto list = value && value->isString() ? m_store->list(value->toString()) : std::nullopt;
            if (!list || list->deletedAt) {
                problems << tr("“%1”: its old list is gone.").arg(what);
                continue;
            }
        }
        if (ConflictModel::applyLostValue(entry, todo))
            fieldsOf[todo->id] << entry.field;
        else
            problems << tr("“%1”: this value cannot be restored.").arg(what);
    }

    int commands = 0;
    for (auto it = fieldsOf.cbegin(); it != fieldsOf.cend(); ++it)
        commands += it.value().isEmpty() ? 0 : 1;
    commands += int(renames.size());
    int restored = 0;
    if (commands > 1)
        m_undoStack->beginMacro(tr("Restore %n Value(s) from the Conflict Log", nullptr, commands));
    for (auto it = fieldsOf.cbegin(); it != fieldsOf.cend(); ++it) {
        if (it.value().isEmpty())
            continue;
        // One field: merges with an edit of the same field just before, as typing does.
        const QString mergeField = it.value().size() == 1 ? it.value().first() : QString();
        if (TodoCommands::editTodo(m_undoStack, m_store, edited.value(it.key()), mergeField))
            ++restored;
    }
    for (const auto &[listId, name] : std::as_const(renames)) {
        if (TodoCommands::renameList(m_undoStack, m_store, listId, name))
            ++restored;
    }
    if (commands > 1)
        m_undoStack->endMacro();

    QString text;
    if (restored > 0)
        text = tr("Restored %n value(s). Edit ▸ Undo (Ctrl+Z) takes it back.", nullptr, restored);
    else if (problems.isEmpty())
        text = tr("Nothing to restore: the values are already there.");
    if (!problems.isEmpty())
        text = (text.isEmpty() ? QString() : text + u' ') + problems.join(u' ');
    setStatus(text, !problems.isEmpty());
    return restored > 0;
}

bool ConflictLogDialog::dismissSelected()
{
    QList<qint64> ids;
    for (int row : selectedRows())
        ids << m_model->entry(row).id;
    if (ids.isEmpty())
        return false;
    QString error;
    if (!m_model->dismiss(ids, &error)) {
        setStatus(tr("Could not dismiss: %1").arg(error), true);
        return false;
    }
    setStatus(tr("Dismissed %n entry(ies).", nullptr, int(ids.size())));
    return true;
}
