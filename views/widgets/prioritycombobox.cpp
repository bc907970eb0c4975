#include "prioritycombobox.h"

#include "todocolors.h"

#include <QCoreApplication>
#include <QPainter>

namespace {

constexpr int kIconSize = 12;

} // namespace

// The texts keep the DetailPane translation context they were translated in.
PriorityComboBox::PriorityComboBox(QWidget *parent)
    : QComboBox(parent)
{
    addItem(QCoreApplication::translate("DetailPane", "None"), int(Priority::None));
    addItem(QCoreApplication::translate("DetailPane", "Low"), int(Priority::Low));
    addItem(QCoreApplication::translate("DetailPane", "Medium"), int(Priority::Medium));
    addItem(QCoreApplication::translate("DetailPane", "High"), int(Priority::High));
}

Priority PriorityComboBox::priorityAt(int index) const
{
    return Priorities::fromInt(itemData(index).toInt());
}

void PriorityComboBox::setPriority(Priority priority)
{
    const int index = findData(int(priority));
    if (currentIndex() != index)
        setCurrentIndex(index);
}

void PriorityComboBox::updateIcons(const QPalette &palette)
{
    const qreal ratio = devicePixelRatioF();
    for (int i = 0; i < count(); ++i) {
        QPixmap pixmap(QSize(kIconSize, kIconSize) * ratio);
        pixmap.setDevicePixelRatio(ratio);
        pixmap.fill(Qt::transparent);
        const Priority priority = priorityAt(i);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        const QRectF dot(1.5, 1.5, kIconSize - 3, kIconSize - 3);
        if (priority == Priority::None) {
            // An empty ring keeps the texts aligned and reads as "nothing set".
            painter.setPen(QPen(palette.color(QPalette::PlaceholderText), 1.2));
            painter.drawEllipse(dot);
        } else {
            painter.setPen(Qt::NoPen);
            painter.setBrush(TodoColors::priority(priority, palette));
            painter.drawEllipse(dot);
        }
        painter.end();
        setItemIcon(i, QIcon(pixmap));
    }
}
