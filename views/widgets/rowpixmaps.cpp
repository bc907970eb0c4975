#include "rowpixmaps.h"

#include "todocolors.h"
#include "todorow.h"

#include <QDataStream>
#include <QIODevice>
#include <QLocale>
#include <QPaintDevice>
#include <QPainter>
#include <QStyle>
#include <QStyleOptionViewItem>

namespace {

constexpr QStyle::State kStatesPainted = QStyle::State_Selected | QStyle::State_MouseOver | QStyle::State_HasFocus
    | QStyle::State_Enabled | QStyle::State_Active;

} // namespace

QByteArray RowPixmaps::key(const TodoRow &row, const QString &heading, const QStyleOptionViewItem &option, QDate today,
                           qreal pixelRatio)
{
    QByteArray bytes;
    bytes.reserve(256);
    QDataStream out(&bytes, QIODevice::WriteOnly);
    out << row.title << row.notes << row.listName << row.completed << row.hasTime << row.pending << row.overdue
        << row.repeats << int(row.priority) << row.tags << row.due.has_value() << row.due.value_or(0) << row.progress
        << row.parentTitle << row.deferred << row.start.has_value() << row.start.value_or(0);
    out << heading << option.rect.size() << int(option.state & kStatesPainted) << int(option.direction)
        << option.font.key() << option.palette.cacheKey() << today.toJulianDay() << pixelRatio
        << QLocale().name();
    return bytes;
}

void RowPixmaps::paint(QPainter *painter, const QStyleOptionViewItem &option, const QByteArray &key,
                       const std::function<void(QPainter *, const QStyleOptionViewItem &)> &draw)
{
    if (const QPixmap *cached = m_cache.object(key)) {
        painter->drawPixmap(option.rect.topLeft(), *cached);
        return;
    }
    const qreal ratio = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    QPixmap pixmap(option.rect.size() * ratio);
    pixmap.setDevicePixelRatio(ratio);
    // The row is drawn over the list's base, as it would be on the list.
    pixmap.fill(option.palette.color(TodoColors::group(option), QPalette::Base));
    {
        QPainter offscreen(&pixmap);
        QStyleOptionViewItem local = option;
        local.rect.moveTo(0, 0);
        draw(&offscreen, local);
    }
    painter->drawPixmap(option.rect.topLeft(), pixmap);
    const qsizetype kib = qMax<qsizetype>(1, qsizetype(pixmap.width()) * pixmap.height() * 4 / 1024);
    m_cache.insert(key, new QPixmap(pixmap), kib);
}
