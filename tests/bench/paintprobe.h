#pragma once

#include <QObject>
#include <QPointer>

class QAbstractItemModel;
class QElapsedTimer;
class QWidget;

// Watches one widget (the todo list's viewport) and notes, on the caller's
// clock, when each of its paint events has finished: a measurement stops
// there, when the list is really drawn, not merely when the model has its
// rows, and not later when the event loop has gone on to other work (a timer
// that happened to be due in the same processEvents() call).
class PaintProbe : public QObject
{
public:
    // clock: a started timer; paint ends are read from it. model: whose row
    // count is noted at each paint (may be null).
    PaintProbe(QWidget *widget, const QElapsedTimer *clock, const QAbstractItemModel *model = nullptr);
    ~PaintProbe() override;

    void reset();
    bool painted() const { return m_paints > 0; }
    int paints() const { return m_paints; }
    // clock->nsecsElapsed() when the last paint event had been handled.
    qint64 lastPaintEndNs() const { return m_lastPaintEndNs; }
    // The model's row count at the last paint; -1 before.
    int rowsAtLastPaint() const { return m_rowsAtLastPaint; }

    // Processes events, without sleeping, until the widget has been painted
    // since the last reset(). False when that did not happen within timeoutMs.
    bool waitForPaint(int timeoutMs = 60000);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QPointer<QWidget> m_widget;
    const QElapsedTimer *m_clock;
    const QAbstractItemModel *m_model;
    bool m_delivering = false;
    int m_paints = 0;
    int m_rowsAtLastPaint = -1;
    qint64 m_lastPaintEndNs = 0;
};
