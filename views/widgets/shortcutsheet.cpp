#include "shortcutsheet.h"

#include "schedulemenu.h"
#include "windowactions.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QRegularExpression>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

QString plainText(const QAction *action)
{
    QString text = action->text();
    text.remove(QRegularExpression(u"&(?!&)"_s)); // the mnemonic marks
    if (text.endsWith(u"…"_s))
        text.chop(1);
    return text;
}

QTableWidget *table(const QString &name, const QList<std::pair<QString, QString>> &rows, const QStringList &headers)
{
    auto *widget = new QTableWidget(int(rows.size()), 2);
    widget->setObjectName(name);
    widget->setHorizontalHeaderLabels(headers);
    widget->verticalHeader()->hide();
    widget->setEditTriggers(QAbstractItemView::NoEditTriggers);
    widget->setSelectionMode(QAbstractItemView::NoSelection);
    widget->setFocusPolicy(Qt::NoFocus);
    widget->setShowGrid(false);
    widget->setWordWrap(true);
    widget->horizontalHeader()->setStretchLastSection(true);
    for (int row = 0; row < rows.size(); ++row) {
        widget->setItem(row, 0, new QTableWidgetItem(rows.at(row).first));
        widget->setItem(row, 1, new QTableWidgetItem(rows.at(row).second));
    }
    widget->resizeColumnToContents(0);
    widget->resizeRowsToContents();
    return widget;
}

} // namespace

ShortcutSheet::ShortcutSheet(const WindowActions *actions, QWidget *parent)
    : QDialog(parent)
    , m_tabs(new QTabWidget)
{
    setObjectName(u"shortcutSheet"_s);
    setWindowTitle(tr("Keyboard Shortcuts"));
    m_tabs->addTab(table(u"shortcutTable"_s, shortcutRows(actions), {tr("Action"), tr("Keys")}),
                   tr("Keyboard Shortcuts"));
    m_tabs->addTab(table(u"quickAddTable"_s, quickAddRows(), {tr("Type"), tr("Meaning")}), tr("Quick Add Syntax"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs);
    layout->addWidget(buttons);
    resize(560, 520);
}

void ShortcutSheet::showPage(Page page)
{
    m_tabs->setCurrentIndex(page == Page::Shortcuts ? 0 : 1);
    show();
    raise();
    activateWindow();
}

QList<std::pair<QString, QString>> ShortcutSheet::shortcutRows(const WindowActions *a)
{
    QList<std::pair<QString, QString>> rows;
    const QList<const QAction *> actions = {
        a->newTodo, a->toggleCompleted, a->editTodo, a->deleteTodos, a->selectAll, a->find,
        a->priority[3], a->priority[2], a->priority[1], a->priority[0], a->scheduleMenu->menuAction(),
        a->undo, a->redo, a->newList, a->moveListUp, a->moveListDown, a->hideCompleted, a->syncNow, a->preferences, a->shortcuts, a->quit};
    for (const QAction *action : actions) {
        QStringList keys;
        for (const QKeySequence &sequence : action->shortcuts())
            keys << sequence.toString(QKeySequence::NativeText);
        if (keys.isEmpty())
            continue;
        // Undo and redo carry the step they would take now ("Undo Complete 1 todo").
        QString what = action == a->undo ? tr("Undo") : action == a->redo ? tr("Redo") : plainText(action);
        if (std::find(std::begin(a->priority), std::end(a->priority), action) != std::end(a->priority))
            what = tr("Priority: %1").arg(what);
        rows.append({what, keys.join(tr(" or "))});
    }
    // Keys that belong to a field rather than to an action.
    rows.append({tr("Open the todo's details"), tr("Enter")});
    rows.append({tr("Clear the search, or leave quick add"), tr("Escape")});
    return rows;
}

QList<std::pair<QString, QString>> ShortcutSheet::quickAddRows()
{
    // The syntax QuickAddParser understands (see quickaddparser.h). Its words
    // are English in every language (month and weekday names may also be the
    // language's own), so what to type is not translated; what it means is.
    return {
        {u"today, tomorrow"_s, tr("Due that day (also: tod, tmr)")},
        {u"monday … sunday, next friday"_s, tr("Due on the next such day")},
        {u"next week"_s, tr("Due on the first day of next week")},
        {u"in 3 days, in 2 weeks, in a month"_s, tr("Due that long from today")},
        {u"Dec 15, 15 Dec, 15.12., 2026-12-24"_s, tr("Due on that date (a year may follow)")},
        {u"15:30, at 3pm, noon"_s, tr("Due at that time (today, when no date is given)")},
        {u"tonight"_s, tr("Due today at 19:00, unless a time is typed")},
        {u"!high, !medium, !low"_s, tr("Priority (also !3, !2, !1, or !!! and !!)")},
        {u"#errand"_s, tr("A tag; a todo may have several")},
        {u"@Side project"_s, tr("Put it in that list; a list that does not exist yet is made")},
        {u"\"meet today\""_s, tr("Keep the quoted words in the title as they are")},
    };
}
