#include "panebalance.h"

#include <QEvent>
#include <QList>
#include <QSplitter>

PaneBalance::PaneBalance(QSplitter *splitter, int list, int detail)
    : QObject(splitter)
    , m_splitter(splitter)
    , m_list(list)
    , m_detail(detail)
{
    splitter->setCollapsible(detail, true); // folded away by balance(); the handle drags it back
    // The window may get narrower than the panes' minimums together: the
    // detail pane folds away then. Its own minimum is kept by snap().
    splitter->widget(detail)->setMinimumWidth(1);
    splitter->installEventFilter(this);
    connect(splitter, &QSplitter::splitterMoved, this, [this] {
        m_narrowedFrom = 0; // a width the person chose by hand is theirs: nothing to give back
        snap();
    });
}

int PaneBalance::detailMinimum() const
{
    return m_splitter->widget(m_detail)->minimumSizeHint().width();
}

void PaneBalance::snap()
{
    QList<int> sizes = m_splitter->sizes();
    if (sizes.size() <= qMax(m_list, m_detail))
        return;
    const int width = sizes[m_detail];
    const int minimum = detailMinimum();
    if (width == 0 || width >= minimum)
        return;
    // Narrower than the pane can be: folded away, or as narrow as it can be.
    const int snapped = width < minimum / 2 ? 0 : minimum;
    sizes[m_list] += width - snapped;
    sizes[m_detail] = snapped;
    m_splitter->setSizes(sizes);
}

bool PaneBalance::eventFilter(QObject *watched, QEvent *event)
{
    // Queued: the splitter hands out the new width after its filters ran.
    if (watched == m_splitter && (event->type() == QEvent::Resize || event->type() == QEvent::Show))
        QMetaObject::invokeMethod(this, &PaneBalance::balance, Qt::QueuedConnection);
    return false;
}

void PaneBalance::balance()
{
    QList<int> sizes = m_splitter->sizes();
    if (sizes.size() <= qMax(m_list, m_detail))
        return;
    const int current = sizes[m_detail];
    const int both = sizes[m_list] + current;
    const int minimum = detailMinimum();
    // The detail pane's width for a wish, so that the list stays the wider
    // pane: no less than the pane needs, or folded away (0).
    const auto fitted = [both, minimum](int wish) {
        const int width = qMax(wish, minimum);
        return both - width > width ? width : 0;
    };
    int wanted = 0;
    if (sizes[m_list] > current) {
        // Room enough; after a narrow spell the detail pane gets its width back.
        if (m_narrowedFrom <= current) {
            m_narrowedFrom = 0;
            snap();
            return;
        }
        wanted = fitted(qMin(m_narrowedFrom, both / 2));
        if (wanted <= current) {
            snap();
            return;
        }
        if (wanted >= m_narrowedFrom)
            m_narrowedFrom = 0;
    } else {
        if (m_narrowedFrom == 0)
            m_narrowedFrom = current;
        wanted = fitted(both * 2 / 5); // the list gets three fifths
    }
    if (wanted == current)
        return;
    sizes[m_list] = both - wanted;
    sizes[m_detail] = wanted;
    m_splitter->setSizes(sizes);
}
