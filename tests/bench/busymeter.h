#pragma once

#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

class QWidget;

// How long the UI thread is kept busy by one input, with everything that
// input sets off: the event itself and then every event the loop delivers
// afterwards (queued calls, timers such as the sidebar's deferred recount
// and the header's count, paint events), until the loop has nothing more to
// do. Waits between them (a timer not yet due) are not counted.
//
// It drives the loop itself: QCoreApplication::processEvents() without
// waiting, again and again. A call in which at least one event was delivered
// to an object of this thread (an event filter on the application sees each
// one) counts whole as busy; a call that delivered nothing is an idle poll,
// followed by a short sleep. One call is one turn of the event loop: between
// two of them the loop looks at the input queue again, so the longest call
// (or the input's own handling) is the longest the window stayed deaf to the
// person: the "longest stall".
class BusyMeter : public QObject
{
public:
    struct Frame
    {
        qint64 busyNs = 0;      // the input's handling plus every busy turn of the loop
        qint64 longestNs = 0;   // the longest of them
        qint64 paintedNs = 0;   // wall clock from the input until the turn in which the list repainted
        qint64 settledNs = 0;   // wall clock from the input until the last busy turn ended
        int busyTurns = 0;
        bool sidebarPainted = false;
    };

    // list: the widget that must have repainted (the todo list's viewport).
    // sidebar: noted when it repaints (it does only when a count changed).
    BusyMeter(QWidget *list, QWidget *sidebar);
    ~BusyMeter() override;

    // Nothing delivered for this long ends a measurement...
    static constexpr int kQuietMs = 100;
    // ...but not before this long after the input: the follow-ups wait on
    // timers (the sidebar's recount 30 ms, the header's count 150 ms after
    // a change), and the idle stretch before the last of them may be longer
    // than kQuietMs.
    static constexpr int kHorizonMs = 250;

    // Runs input (which sends the event, e.g. QTest::keyClick) and measures
    // until the list has repainted and the loop is quiet. nullopt when the
    // list did not repaint within timeoutMs.
    std::optional<Frame> measure(const std::function<void()> &input, int timeoutMs = 60000);
    // Processes events, untimed, until the loop has been quiet for kQuietMs
    // (and at least horizonMs have passed): between measurements, so that
    // nothing of one step spills into the next.
    void settle(int horizonMs = kHorizonMs);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QPointer<QWidget> m_list;
    QPointer<QWidget> m_sidebar;
    int m_delivered = 0;
    bool m_listPainted = false;
    bool m_sidebarPainted = false;
};
