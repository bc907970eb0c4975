#include "busymeter.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QThread>
#include <QWidget>

namespace {
// An idle poll is followed by this much sleep: a timer fires at most this
// late, which moves no work into or out of the busy time.
constexpr unsigned long kIdleSleepUs = 200;
constexpr qint64 kSettleLimitNs = 10'000'000'000;
} // namespace

BusyMeter::BusyMeter(QWidget *list, QWidget *sidebar)
    : m_list(list)
    , m_sidebar(sidebar)
{
    QCoreApplication::instance()->installEventFilter(this);
}

BusyMeter::~BusyMeter()
{
    QCoreApplication::instance()->removeEventFilter(this);
}

bool BusyMeter::eventFilter(QObject *watched, QEvent *event)
{
    ++m_delivered;
    if (event->type() == QEvent::Paint) {
        if (watched == m_list)
            m_listPainted = true;
        else if (watched == m_sidebar)
            m_sidebarPainted = true;
    }
    return QObject::eventFilter(watched, event);
}

std::optional<BusyMeter::Frame> BusyMeter::measure(const std::function<void()> &input, int timeoutMs)
{
    Frame frame;
    m_listPainted = false;
    m_sidebarPainted = false;
    QElapsedTimer clock;
    clock.start();
    input();
    qint64 lastBusyEnd = clock.nsecsElapsed();
    frame.busyNs = lastBusyEnd;
    frame.longestNs = lastBusyEnd;
    if (m_listPainted)
        frame.paintedNs = lastBusyEnd;
    const qint64 quietNs = qint64(kQuietMs) * 1'000'000;
    const qint64 horizonNs = qint64(kHorizonMs) * 1'000'000;
    const qint64 timeoutNs = qint64(timeoutMs) * 1'000'000;
    for (;;) {
        m_delivered = 0;
        const qint64 start = clock.nsecsElapsed();
        QCoreApplication::processEvents(QEventLoop::AllEvents);
        const qint64 end = clock.nsecsElapsed();
        if (m_delivered > 0) {
            frame.busyNs += end - start;
            frame.longestNs = qMax(frame.longestNs, end - start);
            ++frame.busyTurns;
            lastBusyEnd = end;
            if (m_listPainted && frame.paintedNs == 0)
                frame.paintedNs = end;
            continue;
        }
        if (m_listPainted && end - lastBusyEnd >= quietNs && end >= horizonNs)
            break;
        if (end > timeoutNs)
            return std::nullopt;
        QThread::usleep(kIdleSleepUs);
    }
    frame.settledNs = lastBusyEnd;
    frame.sidebarPainted = m_sidebarPainted;
    return frame;
}

void BusyMeter::settle(int horizonMs)
{
    QElapsedTimer clock;
    clock.start();
    qint64 lastBusyEnd = 0;
    const qint64 quietNs = qint64(kQuietMs) * 1'000'000;
    const qint64 horizonNs = qint64(horizonMs) * 1'000'000;
    // Something that never stops (an animation) must not hang the bench:
    // the measurement after it then shows the extra work.
    while (clock.nsecsElapsed() < kSettleLimitNs) {
        m_delivered = 0;
        QCoreApplication::processEvents(QEventLoop::AllEvents);
        const qint64 end = clock.nsecsElapsed();
        if (m_delivered > 0) {
            lastBusyEnd = end;
            continue;
        }
        if (end - lastBusyEnd >= quietNs && end >= horizonNs)
            return;
        QThread::usleep(kIdleSleepUs);
    }
}
