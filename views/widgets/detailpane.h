#pragma once

#include "domain/todo.h"
#include "domain/todolist.h"

#include <QWidget>

#include <optional>

class BulkEditPane;
class DueEditor;
class ReminderEditor;
class RepeatEditor;
class PriorityComboBox;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QScrollArea;
class QStackedWidget;
class NotesEdit;
class StartDateEditor;
class SubtasksPane;
class TagsEdit;

// Edits every field of the selected todo. It never writes anything itself:
// each change leaves as todoEdited() with a full snapshot in which one field
// differs, and the owner turns that into an undoable command. The owner then
// calls setTodo() with what the store kept, which updates the fields in
// place without disturbing the one being typed in.
class DetailPane : public QWidget
{
    Q_OBJECT
public:
    // Notes are saved after this long without typing, and when the editor loses focus.
    static constexpr int kNotesSaveDelayMs = 600;

    explicit DetailPane(QWidget *parent = nullptr);

    void setTodo(const std::optional<Todo> &todo);
    // Several todos selected: no todo's fields, but what can be set on all of them.
    void showSelected(int count);
    BulkEditPane *bulkEditor() const { return m_bulk; }
    // The owner fills it for the todo shown (it reads the store; the pane does not).
    SubtasksPane *subtasksPane() const { return m_subtasks; }
    // The same for the shown todo's reminders.
    ReminderEditor *reminderEditor() const { return m_reminders; }
    std::optional<Todo> todo() const { return m_todo; }
    // Whether the pane shows this todo as the store has it now: nothing to reload.
    bool showsUnchanged(const std::optional<Todo> &todo) const;
    void setLists(const QList<TodoList> &lists);
    // Focuses the title with its text selected, for F2.
    void focusTitle();

Q_SIGNALS:
    // field is a TodoField name, e.g. "title".
    void todoEdited(const Todo &edited, const QString &field);

protected:
    void changeEvent(QEvent *event) override;

private:
    void load(const Todo &todo, bool sameTodo);
    void selectList(const QString &listId);
    void emitEdit(const Todo &edited, const char *field);

    void commitTitle();
    void commitNotes();
    void commitTags();
    void commitDue();
    void commitRepeat(const QString &rule, bool fromCompletion);
    void commitStart();
    void commitCompleted(bool completed);
    void commitList(int index);
    void commitPriority(int index);

    std::optional<Todo> m_todo;
    bool m_loading = false;

    QStackedWidget *m_stack;
    QWidget *m_form;
    QScrollArea *m_scroll = nullptr; // holds m_form
    QLabel *m_placeholder;
    BulkEditPane *m_bulk;
    QCheckBox *m_completed;
    QLineEdit *m_title;
    QComboBox *m_list;
    DueEditor *m_due;
    RepeatEditor *m_repeat;
    StartDateEditor *m_start;
    PriorityComboBox *m_priority;
    TagsEdit *m_tags;
    NotesEdit *m_notes;
    ReminderEditor *m_reminders;
    SubtasksPane *m_subtasks;
    QLabel *m_created;
    QLabel *m_updated;
};
