#include "remindereditor.h"

#include "domain/shorttime.h"
#include "named.h"
#include "remindertext.h"

#include <QApplication>
#include <QDateTimeEdit>
#include <QFontMetricsF>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtMath>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

constexpr int kMinutesPerHour = 60;
constexpr int kMorningMinutes = 9 * kMinutesPerHour; // "1 day before at 09:00"

bool samePreset(const Reminder &reminder, const ReminderEditor::Preset &preset)
{
    return reminder.isRelative() && reminder.offsetMinutes == preset.offsetMinutes
        && reminder.dayTime == preset.dayTime;
}

// The form's first guess: the due time when it is still ahead, else the next full hour.
QDateTime suggestedTime(const Todo &todo)
{
    const QDateTime now = QDateTime::currentDateTime();
    if (todo.dueAt && todo.dueHasTime && *todo.dueAt > Timestamp::now())
        return Timestamp::toLocal(*todo.dueAt);
    const QDateTime hour(now.date(), QTime(now.time().hour(), 0));
    return hour.addSecs(kMinutesPerHour * 60);
}

// A word-wrapped label that asks for its text on one line, and wraps only
// when it gets less: QLabel's own guess for wrapped text is narrower than
// the short texts here, and would break "Next: Tue 8 Dec at 13:45" in a
// pane with room to spare.
class OneLineFirstLabel : public QLabel
{
public:
    OneLineFirstLabel(const QString &text, QWidget *parent)
        : QLabel(text, parent)
    {
        setWordWrap(true);
    }

    QSize sizeHint() const override
    {
        const QMargins margins = contentsMargins();
        // Rounded up, and a pixel more: the label's own wrapping rounds its line width.
        const int textWidth = qCeil(QFontMetricsF(font()).horizontalAdvance(text())) + 1;
        const int width = textWidth + margins.left() + margins.right() + 2 * margin();
        return {width, heightForWidth(width)};
    }
};

} // namespace

QList<ReminderEditor::Preset> ReminderEditor::presets()
{
    return {{0, {}}, {5, {}}, {15, {}}, {30, {}}, {kMinutesPerHour, {}}, {Reminder::kMinutesPerDay, kMorningMinutes}};
}

ReminderEditor::ReminderEditor(QWidget *parent)
    : QWidget(parent)
    , m_heading(new QLabel(tr("Reminders"), this))
    , m_rows(new QGridLayout)
    , m_add(named(new QToolButton(this), u"reminderAdd"_s, tr("Add reminder")))
    , m_menu(new QMenu(m_add))
    , m_form(new QWidget(this))
    , m_dateTime(named(new QDateTimeEdit(m_form), u"reminderDateTime"_s, tr("Reminder date and time")))
    , m_formAdd(named(new QPushButton(tr("Add"), m_form), u"reminderDateTimeAdd"_s, tr("Add this reminder")))
    , m_formCancel(named(new QPushButton(tr("Cancel"), m_form), u"reminderDateTimeCancel"_s, tr("Cancel")))
{
    setObjectName(u"reminderEditor"_s);
    QFont bold = m_heading->font();
    bold.setBold(true);
    m_heading->setFont(bold);

    m_add->setText(tr("Add reminder"));
    m_add->setIcon(QIcon::fromTheme(u"appointment-new"_s));
    m_add->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_add->setPopupMode(QToolButton::InstantPopup);
    m_add->setMenu(m_menu);
    m_add->setFocusPolicy(Qt::StrongFocus);
    m_menu->setObjectName(u"reminderAddMenu"_s);

    m_dateTime->setCalendarPopup(true);
    m_dateTime->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat) + u' ' + ShortTime::format());
    m_dateTime->installEventFilter(this);
    m_formAdd->setDefault(true);
    // Left-aligned, the buttons below the date: where wider fields push the
    // pane's right edge out of sight (800×600), all of it stays in view.
    auto *dateRow = new QHBoxLayout;
    dateRow->addWidget(m_dateTime);
    dateRow->addStretch(1);
    auto *buttonRow = new QHBoxLayout;
    buttonRow->addWidget(m_formAdd);
    buttonRow->addWidget(m_formCancel);
    buttonRow->addStretch(1);
    auto *formLayout = new QVBoxLayout(m_form);
    formLayout->setContentsMargins(0, 0, 0, 0);
    formLayout->addLayout(dateRow);
    formLayout->addLayout(buttonRow);
    m_form->hide();

    m_rows->setContentsMargins(0, 0, 0, 0);
    m_rows->setHorizontalSpacing(6);
    m_rows->setVerticalSpacing(0);
    auto *addRow = new QHBoxLayout;
    addRow->addWidget(m_add);
    addRow->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_heading);
    layout->addLayout(m_rows);
    layout->addLayout(addRow);
    layout->addWidget(m_form);

    for (const Preset &preset : presets()) {
        QAction *action = m_menu->addAction(ReminderText::describe(Reminder::beforeDue({}, preset.offsetMinutes, preset.dayTime)));
        connect(action, &QAction::triggered, this, [this, preset] {
            if (m_todo)
                Q_EMIT addRequested(Reminder::beforeDue(m_todo->id, preset.offsetMinutes, preset.dayTime));
        });
        m_presetActions << action;
    }
    m_presetSeparator = m_menu->addSeparator();
    QAction *absolute = m_menu->addAction(tr("At a date and time…"));
    absolute->setObjectName(u"reminderAtDateTime"_s);
    connect(absolute, &QAction::triggered, this, &ReminderEditor::openDateTimeForm);

    connect(m_formAdd, &QPushButton::clicked, this, &ReminderEditor::addDateTime);
    connect(m_formCancel, &QPushButton::clicked, this, &ReminderEditor::closeDateTimeForm);
}

void ReminderEditor::showReminders(const Todo &todo, const QList<Reminder> &reminders)
{
    if (m_todo && m_todo->id != todo.id)
        closeDateTimeForm();
    m_todo = todo;
    m_reminders = reminders;
    fillRows();
    fillMenu();
}

void ReminderEditor::fillRows()
{
    // A remove button that had the focus is about to go: the focus moves on to "Add reminder".
    const QWidget *focused = QApplication::focusWidget();
    const bool hadFocus = focused && isAncestorOf(focused) && focused->objectName() == u"reminderRemove"_s;
    // Out of sight now, deleted later: the button whose click removed a row may still be in its handler.
    while (QLayoutItem *item = m_rows->takeAt(0)) {
        if (QWidget *widget = item->widget()) {
            widget->hide();
            widget->setParent(nullptr);
            widget->deleteLater();
        }
        delete item;
    }
    // New widgets join the end of the window's tab chain; the remove buttons
    // go just before "Add reminder", in the order of their rows.
    QWidget *before = m_add->previousInFocusChain();
    while (before != m_add && before->focusPolicy() == Qt::NoFocus)
        before = before->previousInFocusChain();
    int row = 0;
    for (const Reminder &reminder : std::as_const(m_reminders)) {
        QToolButton *remove = addRow(reminder, row);
        row += 2;
        if (before != m_add)
            QWidget::setTabOrder(before, remove);
        before = remove;
    }
    // The words take what they need, the remove buttons line up after them,
    // and the rest of the width stays empty: in a narrow pane (800×600) the
    // buttons are still in sight, and the words wrap before they go.
    m_rows->addItem(new QSpacerItem(0, 0, QSizePolicy::Expanding, QSizePolicy::Minimum), 0, 2);
    m_rows->setColumnStretch(0, 0);
    m_rows->setColumnStretch(2, 1);
    if (hadFocus)
        m_add->setFocus(Qt::OtherFocusReason);
}

QToolButton *ReminderEditor::addRow(const Reminder &reminder, int row)
{
    const QString words = ReminderText::describe(reminder);
    auto *text = new OneLineFirstLabel(words, this);
    text->setObjectName(u"reminderText"_s);
    text->setProperty("reminderId", reminder.id);
    auto *state = new OneLineFirstLabel(ReminderText::state(reminder, *m_todo, QTimeZone::systemTimeZone()), this);
    state->setObjectName(u"reminderState"_s);
    state->setForegroundRole(QPalette::PlaceholderText);
    auto *remove = named(new QToolButton(this), u"reminderRemove"_s, tr("Remove reminder “%1”").arg(words));
    remove->setProperty("reminderId", reminder.id);
    remove->setIcon(QIcon::fromTheme(u"edit-delete-remove"_s, QIcon::fromTheme(u"list-remove"_s)));
    if (remove->icon().isNull())
        remove->setText(u"\u2715"_s); // ✕, when the theme has no icon
    remove->setToolTip(tr("Remove this reminder"));
    remove->setAutoRaise(true);
    remove->setFocusPolicy(Qt::StrongFocus);
    connect(remove, &QToolButton::clicked, this, [this, id = reminder.id] { Q_EMIT removeRequested(id); });

    m_rows->addWidget(text, row, 0);
    m_rows->addWidget(state, row + 1, 0);
    m_rows->addWidget(remove, row, 1, 2, 1, Qt::AlignTop);
    // Now, not on the layout's queued show: the keyboard may go there at once.
    text->show();
    state->setVisible(!state->text().isEmpty());
    remove->show();
    return remove;
}

void ReminderEditor::fillMenu()
{
    // Relative reminders need a due to count from; without one, only a date
    // and time makes sense. The actions stay (one may be the one triggered
    // now); only what they offer changes.
    const bool hasDue = m_todo && m_todo->dueAt;
    const QList<Preset> all = presets();
    for (qsizetype i = 0; i < m_presetActions.size(); ++i) {
        const Preset preset = all.at(i);
        const bool exists = std::any_of(m_reminders.cbegin(), m_reminders.cend(),
                                        [&](const Reminder &made) { return samePreset(made, preset); });
        m_presetActions.at(i)->setVisible(hasDue);
        m_presetActions.at(i)->setEnabled(!exists);
    }
    m_presetSeparator->setVisible(hasDue);
}

void ReminderEditor::openDateTimeForm()
{
    if (!m_todo)
        return;
    m_dateTime->setDateTime(suggestedTime(*m_todo));
    m_form->show();
    m_dateTime->setFocus(Qt::OtherFocusReason);
}

void ReminderEditor::closeDateTimeForm()
{
    const QWidget *focused = QApplication::focusWidget();
    const bool hadFocus = focused && m_form->isAncestorOf(focused);
    m_form->hide();
    if (hadFocus)
        m_add->setFocus(Qt::OtherFocusReason);
}

void ReminderEditor::addDateTime()
{
    if (!m_todo)
        return;
    const QDateTime chosen = m_dateTime->dateTime();
    const Reminder reminder = Reminder::atInstant(m_todo->id, Timestamp::fromDateTime(chosen));
    closeDateTimeForm();
    Q_EMIT addRequested(reminder);
}

bool ReminderEditor::eventFilter(QObject *watched, QEvent *event)
{
    // Enter adds what the form shows; Escape puts it away.
    if (watched == m_dateTime && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            addDateTime();
            return true;
        }
        if (key == Qt::Key_Escape) {
            closeDateTimeForm();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}
