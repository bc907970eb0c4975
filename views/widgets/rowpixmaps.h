#pragma once

#include <QByteArray>
#include <QCache>
#include <QDate>
#include <QPixmap>

#include <functional>

class QPainter;
class QStyleOptionViewItem;
struct TodoRow;

// The todo rows as last painted, by everything a row's pixels depend on.
// After a change the whole list repaints, but most rows look as before:
// those are copied, and only a row that differs is drawn again (its text
// shaped, its check box and chips painted). At 100,000 todos that was a
// third of the UI thread's work per edit.
class RowPixmaps
{
public:
    // What the row's pixels depend on: its data, its day heading, its size
    // and state (selected, hovered, focused, active), the font, the palette,
    // the day (for "Today") and the device's pixel ratio.
    static QByteArray key(const TodoRow &row, const QString &heading, const QStyleOptionViewItem &option, QDate today,
                          qreal pixelRatio);

    // Copies the cached pixels to option.rect, drawing them first with draw
    // (into a pixmap whose option.rect starts at 0,0) when there are none.
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QByteArray &key,
               const std::function<void(QPainter *, const QStyleOptionViewItem &)> &draw);

    void clear() { m_cache.clear(); }
    int count() const { return int(m_cache.count()); }

private:
    // In KiB: room for the rows of a few screens, even at twice the pixels.
    QCache<QByteArray, QPixmap> m_cache{32 * 1024};
};
