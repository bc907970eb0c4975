#include "paintprobe.h"

#include <QAbstractItemModel>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QWidget>

PaintProbe::PaintProbe(QWidget *widget, const QElapsedTimer *clock, const QAbstractItemModel *model)
    : m_widget(widget)
    , m_clock(clock)
    , m_model(model)
{
    widget->installEventFilter(this);
}

PaintProbe::~PaintProbe()
{
    if (m_widget)
        m_widget->removeEventFilter(this);
}

void PaintProbe::reset()
{
    m_paints = 0;
    m_rowsAtLastPaint = -1;
    m_lastPaintEndNs = 0;
}

bool PaintProbe::waitForPaint(int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!painted()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents);
        if (!painted() && timer.elapsed() > timeoutMs)
            return false;
    }
    return true;
}

bool PaintProbe::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_widget || event->type() != QEvent::Paint || m_delivering)
        return QObject::eventFilter(watched, event);
    // An event filter runs before the widget sees the event. To read the
    // clock after the painting, deliver the event from here (inside the paint
    // cycle the backing store has set up, so it paints as usual: the filter
    // lets the nested delivery through) and swallow the original.
    m_delivering = true;
    QCoreApplication::sendEvent(watched, event);
    m_delivering = false;
    m_lastPaintEndNs = m_clock->nsecsElapsed();
    m_rowsAtLastPaint = m_model ? m_model->rowCount() : -1;
    ++m_paints;
    return true;
}
