#include "todocolors.h"

#include <QStyle>
#include <QStyleOptionViewItem>

namespace {

// Accents are darker on a light base and lighter on a dark one, to keep their contrast.
QColor accent(const QPalette &palette, QRgb onLight, QRgb onDark)
{
    return QColor::fromRgb(palette.color(QPalette::Base).lightness() < 128 ? onDark : onLight);
}

} // namespace

QColor TodoColors::priority(Priority priority, const QPalette &palette)
{
    switch (priority) {
    case Priority::High:
        return accent(palette, 0xd93025, 0xff6e66);
    case Priority::Medium:
        return accent(palette, 0xe37400, 0xffab40);
    case Priority::Low:
        return accent(palette, 0x1a73e8, 0x7aacff);
    case Priority::None:
        break;
    }
    return {};
}

QColor TodoColors::overdue(const QPalette &palette)
{
    return accent(palette, 0xc5221f, 0xff7a70);
}

QColor TodoColors::today(const QPalette &palette)
{
    return accent(palette, 0x188038, 0x5bd17a);
}

QColor TodoColors::mix(const QColor &a, const QColor &b, qreal amount)
{
    const qreal rest = 1.0 - amount;
    return QColor::fromRgbF(float(a.redF() * amount + b.redF() * rest),
        float(a.greenF() * amount + b.greenF() * rest),
        float(a.blueF() * amount + b.blueF() * rest));
}

QPalette::ColorGroup TodoColors::group(const QStyleOptionViewItem &option)
{
    if (!(option.state & QStyle::State_Enabled))
        return QPalette::Disabled;
    return (option.state & QStyle::State_Active) ? QPalette::Active : QPalette::Inactive;
}
