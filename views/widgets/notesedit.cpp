#include "notesedit.h"

#include <QScopedValueRollback>
#include <QTimer>

NotesEdit::NotesEdit(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_timer(new QTimer(this))
{
    setTabChangesFocus(true); // so keyboard users can leave the field
    m_timer->setSingleShot(true);
    connect(this, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_setting)
            m_timer->start();
    });
    connect(m_timer, &QTimer::timeout, this, &NotesEdit::requestSave);
}

void NotesEdit::setSaveDelay(int milliseconds)
{
    m_timer->setInterval(milliseconds);
}

void NotesEdit::setNotes(const QString &notes)
{
    if (toPlainText() == notes)
        return;
    QScopedValueRollback guard(m_setting, true);
    const int cursor = textCursor().position();
    const bool focused = hasFocus();
    setPlainText(notes);
    if (focused) {
        QTextCursor restored = textCursor();
        restored.setPosition(qMin<int>(cursor, int(notes.size())));
        setTextCursor(restored);
    }
}

void NotesEdit::cancelPendingSave()
{
    m_timer->stop();
}

void NotesEdit::focusOutEvent(QFocusEvent *event)
{
    requestSave(); // before the base class sees it, as a save on leaving always was
    QPlainTextEdit::focusOutEvent(event);
}

void NotesEdit::requestSave()
{
    m_timer->stop();
    Q_EMIT saveRequested();
}
