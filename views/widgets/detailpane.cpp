#include "detailpane.h"

#include "bulkeditpane.h"
#include "clearaction.h"
#include "dueeditor.h"
#include "named.h"
#include "notesedit.h"
#include "prioritycombobox.h"
#include "remindereditor.h"
#include "repeateditor.h"
#include "startdateeditor.h"
#include "subtaskspane.h"
#include "tagsedit.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QScopedValueRollback>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

constexpr qreal kTitleFontScale = 1.25;

QString formatTime(Timestamp::Micros micros)
{
    if (micros <= 0)
        return {};
    return QLocale().toString(Timestamp::toLocal(micros), QLocale::ShortFormat);
}

} // namespace

DetailPane::DetailPane(QWidget *parent)
    : QWidget(parent)
    , m_stack(new QStackedWidget(this))
    , m_form(new QWidget(m_stack))
    , m_placeholder(new QLabel(tr("Select a todo to see its details"), m_stack))
    , m_bulk(new BulkEditPane(m_stack))
    , m_completed(named(new QCheckBox(m_form), u"detailCompleted"_s, tr("Completed")))
    , m_title(named(new QLineEdit(m_form), u"detailTitle"_s, tr("Title")))
    , m_list(named(new QComboBox(m_form), u"detailList"_s, tr("List")))
    , m_due(new DueEditor(m_form))
    , m_repeat(new RepeatEditor(m_form))
    , m_start(new StartDateEditor(m_form))
    , m_priority(named(new PriorityComboBox(m_form), u"detailPriority"_s, tr("Priority")))
    , m_tags(named(new TagsEdit(m_form), u"detailTags"_s, tr("Tags")))
    , m_notes(named(new NotesEdit(m_form), u"detailNotes"_s, tr("Notes")))
    , m_reminders(new ReminderEditor(m_form))
    , m_subtasks(new SubtasksPane(m_form))
    , m_created(new QLabel(m_form))
    , m_updated(new QLabel(m_form))
{
    setObjectName(u"detailPane"_s);
    m_placeholder->setObjectName(u"detailPlaceholder"_s);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_placeholder->setMargin(24);

    m_completed->setToolTip(tr("Mark as done"));

    m_title->setPlaceholderText(tr("Title"));
    QFont titleFont = m_title->font();
    if (titleFont.pointSizeF() > 0)
        titleFont.setPointSizeF(titleFont.pointSizeF() * kTitleFontScale);
    titleFont.setWeight(QFont::DemiBold);
    m_title->setFont(titleFont);

    // A long list name is elided here rather than widening the pane (and the window).
    m_list->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_list->setMinimumContentsLength(12);

    m_priority->updateIcons(palette());

    m_tags->setPlaceholderText(tr("e.g. work, errands"));
    m_tags->setToolTip(tr("Separate tags with commas"));
    ClearAction::add(m_tags);

    m_notes->setPlaceholderText(tr("Add notes…"));
    m_notes->setSaveDelay(kNotesSaveDelayMs);

    for (QLabel *label : {m_created, m_updated}) {
        label->setForegroundRole(QPalette::PlaceholderText);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    m_created->setObjectName(u"detailCreated"_s);
    m_updated->setObjectName(u"detailUpdated"_s);

    auto *header = new QHBoxLayout;
    header->setSpacing(8);
    header->addWidget(m_completed);
    header->addWidget(m_title, 1);

    auto *fields = new QFormLayout;
    fields->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    // In a narrow pane a label goes above its field rather than cutting it off.
    fields->setRowWrapPolicy(QFormLayout::WrapLongRows);
    fields->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    fields->addRow(tr("List"), m_list);
    fields->addRow(tr("Due"), m_due);
    fields->addRow(tr("Repeat"), m_repeat);
    fields->addRow(tr("Starts"), m_start);
    fields->addRow(tr("Priority"), m_priority);
    fields->addRow(tr("Tags"), m_tags);
    fields->addRow(m_reminders);
    fields->addRow(m_subtasks);
    fields->addRow(tr("Notes"), m_notes);
    fields->addRow(tr("Created"), m_created);
    fields->addRow(tr("Updated"), m_updated);
    // The bookkeeping rows are quiet, labels included.
    for (QLabel *stamp : {m_created, m_updated}) {
        if (auto *label = qobject_cast<QLabel *>(fields->labelForField(stamp)))
            label->setForegroundRole(QPalette::PlaceholderText);
    }

    auto *formLayout = new QVBoxLayout(m_form);
    formLayout->setContentsMargins(16, 16, 16, 12);
    formLayout->setSpacing(14);
    formLayout->addLayout(header);
    formLayout->addLayout(fields, 1);

    // A small window scrolls the fields rather than squeezing them over each other.
    m_scroll = new QScrollArea(m_stack);
    m_scroll->setObjectName(u"detailScroll"_s);
    m_scroll->setWidget(m_form);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(m_scroll);
    m_stack->addWidget(m_bulk);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_stack);

    connect(m_title, &QLineEdit::editingFinished, this, &DetailPane::commitTitle);
    connect(m_completed, &QCheckBox::toggled, this, &DetailPane::commitCompleted);
    connect(m_list, &QComboBox::activated, this, &DetailPane::commitList);
    connect(m_due, &DueEditor::changed, this, &DetailPane::commitDue);
    connect(m_repeat, &RepeatEditor::changed, this, &DetailPane::commitRepeat);
    connect(m_start, &StartDateEditor::changed, this, &DetailPane::commitStart);
    connect(m_priority, &QComboBox::activated, this, &DetailPane::commitPriority);
    connect(m_tags, &QLineEdit::editingFinished, this, &DetailPane::commitTags);
    connect(m_notes, &NotesEdit::saveRequested, this, &DetailPane::commitNotes);

    setTodo(std::nullopt);
}

void DetailPane::setTodo(const std::optional<Todo> &todo)
{
    const bool sameTodo = todo && m_todo && todo->id == m_todo->id;
    // Focus-out already saved anything a person switched away from.
    if (!sameTodo)
        m_notes->cancelPendingSave();
    if (!todo) {
        QScopedValueRollback guard(m_loading, true);
        m_todo.reset();
        m_form->setEnabled(false);
        m_stack->setCurrentWidget(m_placeholder);
        return;
    }
    load(*todo, sameTodo);
}

bool DetailPane::showsUnchanged(const std::optional<Todo> &todo) const
{
    return todo && m_todo && m_stack->currentWidget() == m_scroll && todo->id == m_todo->id
        && todo->updatedAt == m_todo->updatedAt && todo->completedAt == m_todo->completedAt
        && todo->tags == m_todo->tags && todo->sameContent(*m_todo);
}

void DetailPane::showSelected(int count)
{
    setTodo(std::nullopt);
    m_bulk->setCount(count);
    m_stack->setCurrentWidget(m_bulk);
}

void DetailPane::load(const Todo &todo, bool sameTodo)
{
    QScopedValueRollback guard(m_loading, true);
    const std::optional<Todo> previous = m_todo;
    m_todo = todo;
    m_form->setEnabled(true);
    m_stack->setCurrentWidget(m_scroll);

    // A field someone is typing in keeps their text until they finish; their
    // edit then goes out against the new snapshot.
    auto typing = [&](QWidget *field, bool differsFromSaved) {
        return sameTodo && field->hasFocus() && differsFromSaved;
    };

    if (!typing(m_title, previous && m_title->text() != previous->title)
        && m_title->text() != todo.title) {
        const int cursor = m_title->cursorPosition();
        m_title->setText(todo.title);
        // Show the start of a long title, or keep the cursor where it was.
        m_title->setCursorPosition(m_title->hasFocus() ? qMin<int>(cursor, todo.title.size()) : 0);
    }
    if (m_completed->isChecked() != todo.completed)
        m_completed->setChecked(todo.completed);
    m_completed->setToolTip(todo.completed ? tr("Mark as not done") : tr("Mark as done"));
    selectList(todo.listId);

    m_due->showDue(todo, sameTodo);
    m_repeat->setTodo(todo);
    m_start->showStart(todo.startAt);
    m_list->setEnabled(todo.parentId.isEmpty()); // a subtask lives in its parent's list
    m_priority->setPriority(todo.priority);
    if (!typing(m_tags, previous && m_tags->tags() != previous->tags))
        m_tags->setTags(todo.tags);

    if (!typing(m_notes, previous && m_notes->toPlainText() != previous->notes))
        m_notes->setNotes(todo.notes);

    m_created->setText(formatTime(todo.createdAt));
    m_updated->setText(formatTime(todo.updatedAt));
}

void DetailPane::setLists(const QList<TodoList> &lists)
{
    QScopedValueRollback guard(m_loading, true);
    m_bulk->setLists(lists);
    m_list->clear();
    for (const TodoList &list : lists) {
        if (list.isDeleted())
            continue;
        m_list->addItem(list.isInbox ? tr("Inbox") : list.name, list.id);
    }
    if (m_todo)
        selectList(m_todo->listId);
}

void DetailPane::focusTitle()
{
    if (!m_todo)
        return;
    m_title->setFocus(Qt::ShortcutFocusReason);
    m_title->selectAll();
}

void DetailPane::selectList(const QString &listId)
{
    const int index = m_list->findData(listId);
    if (m_list->currentIndex() != index)
        m_list->setCurrentIndex(index);
}

void DetailPane::changeEvent(QEvent *event)
{
    // The priority colours depend on whether the base is light or dark.
    if (event->type() == QEvent::PaletteChange)
        m_priority->updateIcons(palette());
    QWidget::changeEvent(event);
}

void DetailPane::emitEdit(const Todo &edited, const char *field)
{
    // Keep our snapshot current first: the receiver may call setTodo() back
    // synchronously, and later edits build on this one.
    m_todo = edited;
    Q_EMIT todoEdited(edited, QString::fromLatin1(field));
}

void DetailPane::commitTitle()
{
    if (m_loading || !m_todo)
        return;
    const QString title = m_title->text().trimmed();
    if (title.isEmpty()) {
        // A todo needs a title; an emptied field means "never mind".
        m_title->setText(m_todo->title);
        return;
    }
    if (title == m_todo->title)
        return;
    Todo edited = *m_todo;
    edited.title = title;
    emitEdit(edited, TodoField::Title);
}

void DetailPane::commitNotes()
{
    if (m_loading || !m_todo || m_notes->toPlainText() == m_todo->notes)
        return;
    Todo edited = *m_todo;
    edited.notes = m_notes->toPlainText();
    emitEdit(edited, TodoField::Notes);
}

void DetailPane::commitTags()
{
    if (m_loading || !m_todo)
        return;
    const QStringList tags = m_tags->tags();
    m_tags->setTags(tags); // show what was kept
    if (tags == m_todo->tags)
        return;
    Todo edited = *m_todo;
    edited.tags = tags;
    emitEdit(edited, TodoField::Tags);
}

void DetailPane::commitDue()
{
    if (m_loading || !m_todo)
        return;
    Todo edited = *m_todo;
    m_due->writeDue(edited);
    if (edited.dueAt == m_todo->dueAt && edited.dueHasTime == m_todo->dueHasTime)
        return;
    emitEdit(edited, TodoField::DueAt);
}

void DetailPane::commitRepeat(const QString &rule, bool fromCompletion)
{
    if (m_loading || !m_todo || (rule == m_todo->repeatRule && fromCompletion == m_todo->repeatFromCompletion))
        return;
    Todo edited = *m_todo;
    edited.repeatRule = rule;
    edited.repeatFromCompletion = fromCompletion;
    emitEdit(edited, TodoField::RepeatRule);
}

void DetailPane::commitStart()
{
    if (m_loading || !m_todo || m_start->start() == m_todo->startAt)
        return;
    Todo edited = *m_todo;
    edited.startAt = m_start->start();
    emitEdit(edited, TodoField::StartAt);
}

void DetailPane::commitCompleted(bool completed)
{
    if (m_loading || !m_todo || completed == m_todo->completed)
        return;
    Todo edited = *m_todo;
    edited.setCompleted(completed, Timestamp::now());
    m_completed->setToolTip(completed ? tr("Mark as not done") : tr("Mark as done"));
    emitEdit(edited, TodoField::Completed);
}

void DetailPane::commitList(int index)
{
    const QString listId = m_list->itemData(index).toString();
    if (m_loading || !m_todo || listId.isEmpty() || listId == m_todo->listId)
        return;
    Todo edited = *m_todo;
    edited.listId = listId;
    emitEdit(edited, TodoField::ListId);
}

void DetailPane::commitPriority(int index)
{
    const Priority priority = m_priority->priorityAt(index);
    if (m_loading || !m_todo || priority == m_todo->priority)
        return;
    Todo edited = *m_todo;
    edited.priority = priority;
    emitEdit(edited, TodoField::Priority);
}
