#include "subtaskspane.h"

#include "named.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QScopedValueRollback>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

constexpr int kIdRole = Qt::UserRole + 1;
constexpr int kVisibleRows = 8; // more scroll, so the notes keep their room

} // namespace

SubtasksPane::SubtasksPane(QWidget *parent)
    : QWidget(parent)
    , m_heading(new QLabel(tr("Subtasks"), this))
    , m_list(named(new QListWidget(this), u"subtaskList"_s, tr("Subtasks")))
    , m_add(named(new QLineEdit(this), u"subtaskAdd"_s, tr("Add subtask")))
    , m_remove(named(new QToolButton(this), u"subtaskRemove"_s, tr("Remove subtask")))
    , m_parent(new QLabel(this))
{
    setObjectName(u"subtasksPane"_s);
    QFont bold = m_heading->font();
    bold.setBold(true);
    m_heading->setFont(bold);

    m_list->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::SelectedClicked);
    m_list->setToolTip(tr("Space ticks, F2 renames, Enter opens, Delete removes"));
    m_list->installEventFilter(this);
    m_add->setPlaceholderText(tr("Add subtask"));
    m_remove->setText(tr("Remove"));
    m_remove->setToolTip(tr("Remove the selected subtask"));
    m_remove->setEnabled(false);
    m_parent->setObjectName(u"subtaskParent"_s);
    m_parent->setTextFormat(Qt::RichText);
    m_parent->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);

    auto *addRow = new QHBoxLayout;
    addRow->addWidget(m_add, 1);
    addRow->addWidget(m_remove);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_heading);
    layout->addWidget(m_list);
    layout->addLayout(addRow);
    layout->addWidget(m_parent);

    connect(m_list, &QListWidget::itemChanged, this, &SubtasksPane::itemChanged);
    connect(m_list, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { Q_EMIT openRequested(item->data(kIdRole).toString()); });
    connect(m_list, &QListWidget::currentItemChanged, this,
            [this](QListWidgetItem *current) { m_remove->setEnabled(current); });
    connect(m_remove, &QToolButton::clicked, this, &SubtasksPane::removeCurrent);
    connect(m_add, &QLineEdit::returnPressed, this, [this] {
        const QString title = m_add->text().trimmed();
        if (title.isEmpty())
            return;
        m_add->clear(); // and the focus stays, for the next one
        Q_EMIT addRequested(title);
    });
    connect(m_parent, &QLabel::linkActivated, this, [this] { Q_EMIT openRequested(m_parentId); });
    showSubtasks({});
}

void SubtasksPane::showSubtasks(const QList<Todo> &subtasks)
{
    QScopedValueRollback guard(m_loading, true);
    m_parentId.clear();
    m_parent->hide();
    for (QWidget *widget : {static_cast<QWidget *>(m_heading), static_cast<QWidget *>(m_list),
                            static_cast<QWidget *>(m_add), static_cast<QWidget *>(m_remove)})
        widget->show();
    const QString current = m_list->currentItem() ? m_list->currentItem()->data(kIdRole).toString() : QString();
    // Rewritten in place: an item being renamed keeps its editor.
    while (m_list->count() > subtasks.size())
        delete m_list->takeItem(m_list->count() - 1);
    for (qsizetype i = 0; i < subtasks.size(); ++i) {
        const Todo &subtask = subtasks.at(i);
        QListWidgetItem *item = m_list->item(int(i));
        if (!item) {
            item = new QListWidgetItem(m_list);
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable | Qt::ItemIsEditable);
        }
        item->setData(kIdRole, subtask.id);
        item->setText(subtask.title);
        item->setCheckState(subtask.completed ? Qt::Checked : Qt::Unchecked);
        QFont font = m_list->font();
        font.setStrikeOut(subtask.completed);
        item->setFont(font);
        if (subtask.id == current)
            m_list->setCurrentItem(item);
    }
    m_list->setVisible(!subtasks.isEmpty());
    m_remove->setEnabled(m_list->currentItem());
    fitHeight();
}

void SubtasksPane::showParent(const QString &parentId, const QString &parentTitle)
{
    QScopedValueRollback guard(m_loading, true);
    m_parentId = parentId;
    m_list->clear();
    for (QWidget *widget : {static_cast<QWidget *>(m_heading), static_cast<QWidget *>(m_list),
                            static_cast<QWidget *>(m_add), static_cast<QWidget *>(m_remove)})
        widget->hide();
    m_parent->setText(tr("Subtask of: %1").arg(u"<a href=\"parent\">%1</a>"_s.arg(parentTitle.toHtmlEscaped())));
    m_parent->show();
}

void SubtasksPane::fitHeight()
{
    const int rows = qMin(m_list->count(), kVisibleRows);
    const int rowHeight = m_list->count() > 0 ? m_list->sizeHintForRow(0) : 0;
    m_list->setFixedHeight(rows * rowHeight + 2 * m_list->frameWidth());
}

void SubtasksPane::itemChanged(QListWidgetItem *item)
{
    if (m_loading)
        return;
    const QString id = item->data(kIdRole).toString();
    const bool done = item->checkState() == Qt::Checked;
    const bool wasDone = item->font().strikeOut();
    if (done != wasDone) {
        Q_EMIT completionRequested(id, done);
        return;
    }
    const QString title = item->text().trimmed();
    if (!title.isEmpty())
        Q_EMIT renameRequested(id, title); // the window shows what was kept, or the old title
}

void SubtasksPane::removeCurrent()
{
    if (QListWidgetItem *item = m_list->currentItem())
        Q_EMIT removeRequested(item->data(kIdRole).toString());
}

bool SubtasksPane::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_list) // while renaming, the keys go to the editor instead
        return QWidget::eventFilter(watched, event);
    const auto *key = static_cast<QKeyEvent *>(event);
    // F2 is the window's "edit the title"; here it renames the subtask.
    if (event->type() == QEvent::ShortcutOverride && key->key() == Qt::Key_F2) {
        event->accept();
        return true;
    }
    if (event->type() == QEvent::KeyPress && key->matches(QKeySequence::Delete)) {
        removeCurrent();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}
