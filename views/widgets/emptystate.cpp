#include "emptystate.h"

#include "windowactions.h"

#include <QAbstractItemView>
#include <QAction>
#include <QEvent>

using namespace Qt::StringLiterals;

EmptyState::EmptyState(QAbstractItemView *list, const WindowActions *actions)
    : QLabel(list->viewport())
    , m_list(list)
    , m_actions(actions)
{
    setObjectName(u"emptyState"_s);
    setAlignment(Qt::AlignCenter);
    setWordWrap(true);
    setTextFormat(Qt::RichText);
    setForegroundRole(QPalette::PlaceholderText);
    setContentsMargins(24, 24, 24, 24);
    setAttribute(Qt::WA_TransparentForMouseEvents); // clicks reach the list below
    list->viewport()->installEventFilter(this);
    QAbstractItemModel *model = list->model();
    connect(model, &QAbstractItemModel::modelReset, this, &EmptyState::refresh);
    connect(model, &QAbstractItemModel::rowsInserted, this, &EmptyState::refresh);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &EmptyState::refresh);
    refresh();
}

void EmptyState::setContext(const Context &context)
{
    if (context == m_context && !text().isEmpty())
        return;
    m_context = context;
    refresh();
}

QString EmptyState::headline(const Context &context)
{
    using Kind = TodoFilter::Kind;
    if (!context.search.isEmpty())
        return tr("No todos match “%1”").arg(context.search);
    if (context.nothingAtAll)
        return tr("Welcome to Tandem");
    switch (context.kind) {
    case Kind::Today:
        return tr("Nothing due today");
    case Kind::Upcoming:
        return tr("Nothing coming up");
    case Kind::Overdue:
        return tr("Nothing overdue");
    case Kind::Completed:
        return tr("Nothing completed yet");
    case Kind::All:
    case Kind::List:
    case Kind::Tag:
        break;
    }
    return tr("No todos here yet");
}

void EmptyState::refresh()
{
    QAbstractItemModel *model = m_list->model();
    const bool empty = model->rowCount() == 0 && !model->canFetchMore({});
    setVisible(empty);
    if (!empty)
        return;
    setGeometry(m_list->viewport()->rect());
    auto keys = [](const QAction *action) { return action->shortcut().toString(QKeySequence::NativeText).toHtmlEscaped(); };
    auto row = [](const QString &key, const QString &what) {
        return u"<tr><td align=\"right\" style=\"padding-right:10px\"><b>%1</b></td><td>%2</td></tr>"_s.arg(key, what);
    };
    QString html = u"<p style=\"font-size:x-large\"><b>%1</b></p>"_s.arg(headline(m_context).toHtmlEscaped());
    if (!m_context.search.isEmpty()) {
        html += u"<p>%1</p>"_s.arg(tr("Press Escape to clear the search."));
    } else {
        html += u"<p>%1<br>%2</p>"_s.arg(
            tr("Type a todo in the line above and press Enter.").toHtmlEscaped(),
            tr("Words like “tomorrow 15:00”, “!high” and “#work” set its due, priority and tags.").toHtmlEscaped());
        html += u"<table align=\"center\">"_s + row(keys(m_actions->newTodo), tr("New todo"))
            + row(keys(m_actions->find), tr("Search all lists")) + row(keys(m_actions->shortcuts), tr("All shortcuts"))
            + u"</table>"_s;
    }
    setText(html);
    raise();
}

bool EmptyState::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_list->viewport() && event->type() == QEvent::Resize)
        setGeometry(m_list->viewport()->rect());
    return QLabel::eventFilter(watched, event);
}
