#include "tododelegate.h"

#include "itemmodels/todomodel.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QHelpEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QRegularExpression>
#include <QToolTip>

using namespace Qt::StringLiterals;

namespace {

// Metrics in device-independent pixels; the row height follows the font.
constexpr int kSidePadding = 14; // from the row's edge to the check box
constexpr int kVerticalPadding = 9;
constexpr int kLineGap = 2; // between the title and the facts line
constexpr int kCheckGap = 12; // between the check box and the text
constexpr int kFactGap = 10; // between two facts on the small line
constexpr int kChipPadding = 6;
constexpr int kGlyphTextGap = 4;
constexpr int kSelectionInset = 4; // the rounded selection floats inside the row
constexpr qreal kSelectionRadius = 6;
constexpr qreal kSmallFontScale = 0.85;
constexpr int kNotesPreviewChars = 400;

QFont smallFont(const QFont &base)
{
    QFont font = base;
    if (base.pointSizeF() > 0)
        font.setPointSizeF(qMax(7.0, base.pointSizeF() * kSmallFontScale));
    else
        font.setPixelSize(qMax(9, qRound(base.pixelSize() * kSmallFontScale)));
    return font;
}

// a weighted by amount, b by the rest; used to derive quiet tones from the palette.
QColor mix(const QColor &a, const QColor &b, qreal amount)
{
    const qreal rest = 1.0 - amount;
    return QColor::fromRgbF(float(a.redF() * amount + b.redF() * rest),
                            float(a.greenF() * amount + b.greenF() * rest),
                            float(a.blueF() * amount + b.blueF() * rest));
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

QPalette::ColorGroup colorGroup(const QStyleOptionViewItem &option)
{
    if (!(option.state & QStyle::State_Enabled))
        return QPalette::Disabled;
    return (option.state & QStyle::State_Active) ? QPalette::Active : QPalette::Inactive;
}

int checkBoxSize(const QFontMetrics &metrics)
{
    return qMax(16, qRound(metrics.height() * 1.1));
}

// The locale's short time without seconds: some locales (C among them) put
// seconds in the short format, and no one sets a due to the second.
QString shortTime(QTime time)
{
    const QLocale locale;
    QString format = locale.timeFormat(QLocale::ShortFormat);
    format.remove(QRegularExpression(u"[:.]s{1,2}"_s));
    return locale.toString(time, format);
}

// The calendar day a due falls on, as the person sees it.
QDate dueDay(Timestamp::Micros dueAt, bool hasTime)
{
    return hasTime ? Timestamp::toLocal(dueAt).date() : Timestamp::toDate(dueAt);
}

QString notesPreview(const QString &notes)
{
    QString text = notes.trimmed();
    if (text.size() > kNotesPreviewChars)
        text = text.left(kNotesPreviewChars).trimmed() + u'\u2026';
    return text.toHtmlEscaped().replace(u'\n', u"<br>"_s);
}

} // namespace

struct TodoDelegate::Layout
{
    enum class Kind { Due, Priority, Notes, Tag, MoreTags };
    struct Fact
    {
        Kind kind;
        QRect rect; // logical (left-to-right) coordinates
        QString text;
    };

    QRect check;
    QRect title;
    QString titleText; // elided to fit
    bool titleElided = false;
    QRect pending;
    QList<Fact> facts;
    int glyphSize = 0;
};

TodoDelegate::TodoDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

QRect TodoDelegate::checkBoxRect(const QStyleOptionViewItem &option)
{
    const int size = checkBoxSize(option.fontMetrics);
    const QRect logical(option.rect.left() + kSidePadding,
                        option.rect.top() + (option.rect.height() - size) / 2, size, size);
    return QStyle::visualRect(option.direction, option.rect, logical);
}

QString TodoDelegate::dueText(Timestamp::Micros dueAt, bool hasTime, QDate today)
{
    const QLocale locale;
    const QDate date = dueDay(dueAt, hasTime);
    const QString time = hasTime ? shortTime(Timestamp::toLocal(dueAt).time()) : QString();
    const qint64 days = today.daysTo(date);
    QString day;
    if (days == 0)
        day = tr("Today");
    else if (days == 1)
        day = tr("Tomorrow");
    else if (days == -1)
        day = tr("Yesterday");
    else if (days > 1 && days < 7)
        day = locale.dayName(date.dayOfWeek(), QLocale::LongFormat);
    else if (date.year() == today.year())
        day = locale.toString(date, tr("d MMM", "short due date in this year"));
    else
        day = locale.toString(date, tr("d MMM yyyy", "short due date in another year"));
    return time.isEmpty() ? day : tr("%1 %2", "due day, then due time").arg(day, time);
}

QColor TodoDelegate::priorityColor(Priority priority, const QPalette &palette)
{
    const bool dark = isDark(palette);
    switch (priority) {
    case Priority::High:
        return dark ? QColor(0xff, 0x6e, 0x66) : QColor(0xd9, 0x30, 0x25);
    case Priority::Medium:
        return dark ? QColor(0xff, 0xab, 0x40) : QColor(0xe3, 0x74, 0x00);
    case Priority::Low:
        return dark ? QColor(0x7a, 0xac, 0xff) : QColor(0x1a, 0x73, 0xe8);
    case Priority::None:
        break;
    }
    return {};
}

QColor TodoDelegate::overdueColor(const QPalette &palette)
{
    return isDark(palette) ? QColor(0xff, 0x7a, 0x70) : QColor(0xc5, 0x22, 0x1f);
}

QColor TodoDelegate::todayColor(const QPalette &palette)
{
    return isDark(palette) ? QColor(0x5b, 0xd1, 0x7a) : QColor(0x18, 0x80, 0x38);
}

QSize TodoDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QFontMetrics titleMetrics(option.font);
    const QFontMetrics smallMetrics(smallFont(option.font));
    const int height = qMax(2 * kVerticalPadding + titleMetrics.height() + kLineGap
                                + smallMetrics.height() + 2,
                            checkBoxSize(titleMetrics) + 2 * kVerticalPadding);
    const QString title = index.data(TodoModel::TitleRole).toString();
    const int width = 2 * kSidePadding + checkBoxSize(titleMetrics) + kCheckGap
        + titleMetrics.horizontalAdvance(title);
    return {width, height};
}

TodoDelegate::Layout TodoDelegate::layout(const QStyleOptionViewItem &option,
                                          const QModelIndex &index) const
{
    Layout result;
    const QRect row = option.rect;
    const QFontMetrics titleMetrics(option.font);
    const QFont small = smallFont(option.font);
    const QFontMetrics smallMetrics(small);
    const int checkSize = checkBoxSize(titleMetrics);
    result.check = QRect(row.left() + kSidePadding, row.top() + (row.height() - checkSize) / 2,
                         checkSize, checkSize);
    result.glyphSize = smallMetrics.ascent();

    const int textLeft = result.check.right() + 1 + kCheckGap;
    int textRight = row.right() - kSidePadding;
    if (index.data(TodoModel::PendingRole).toBool()) {
        const int size = qMax(12, titleMetrics.ascent());
        result.pending = QRect(textRight - size + 1, row.top() + (row.height() - size) / 2, size, size);
        textRight = result.pending.left() - kFactGap;
    }

    // The facts go first so we know whether the title shares the row with them.
    const int smallHeight = smallMetrics.height();
    int x = textLeft;
    auto fits = [&](int width) { return x + width <= textRight; };
    auto place = [&](Layout::Kind kind, int width, const QString &text = {}) {
        result.facts.append({kind, QRect(x, 0, width, smallHeight), text});
        x += width + kFactGap;
    };
    const QVariant due = index.data(TodoModel::DueAtRole);
    if (!due.isNull()) {
        const QString text = dueText(due.toLongLong(), index.data(TodoModel::DueHasTimeRole).toBool(),
                                     QDate::currentDate());
        const int width = result.glyphSize + kGlyphTextGap + smallMetrics.horizontalAdvance(text);
        if (fits(width))
            place(Layout::Kind::Due, width, text);
    }
    const auto priority = Priorities::fromInt(index.data(TodoModel::PriorityRole).toInt());
    if (priority != Priority::None && fits(result.glyphSize))
        place(Layout::Kind::Priority, result.glyphSize);
    if (!index.data(TodoModel::NotesRole).toString().trimmed().isEmpty() && fits(result.glyphSize))
        place(Layout::Kind::Notes, result.glyphSize);
    const QStringList tags = index.data(TodoModel::TagsRole).toStringList();
    for (qsizetype i = 0; i < tags.size(); ++i) {
        const QString chip = u'#' + tags.at(i);
        const int width = smallMetrics.horizontalAdvance(chip) + 2 * kChipPadding;
        if (fits(width)) {
            place(Layout::Kind::Tag, width, chip);
            continue;
        }
        // Say how many did not fit rather than cutting a tag in half.
        const QString more = tr("+%1").arg(tags.size() - i);
        const int moreWidth = smallMetrics.horizontalAdvance(more) + 2 * kChipPadding;
        if (fits(moreWidth))
            place(Layout::Kind::MoreTags, moreWidth, more);
        break;
    }

    const int titleHeight = titleMetrics.height();
    int titleTop = row.top() + (row.height() - titleHeight) / 2;
    if (!result.facts.isEmpty()) {
        const int block = titleHeight + kLineGap + smallHeight;
        titleTop = row.top() + (row.height() - block) / 2;
        const int factsTop = titleTop + titleHeight + kLineGap;
        for (Layout::Fact &fact : result.facts)
            fact.rect.moveTop(factsTop);
    }
    result.title = QRect(textLeft, titleTop, qMax(0, textRight - textLeft + 1), titleHeight);
    QFont titleFont = option.font;
    titleFont.setStrikeOut(index.data(TodoModel::CompletedRole).toBool());
    const QString title = index.data(TodoModel::TitleRole).toString();
    result.titleText = QFontMetrics(titleFont).elidedText(title, Qt::ElideRight, result.title.width());
    result.titleElided = result.titleText != title;
    return result;
}

void TodoDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                         const QModelIndex &index) const
{
    const Layout lay = layout(option, index);
    const QPalette::ColorGroup group = colorGroup(option);
    const QPalette &palette = option.palette;
    const bool selected = option.state & QStyle::State_Selected;
    const bool completed = index.data(TodoModel::CompletedRole).toBool();
    const QColor base = palette.color(group, QPalette::Base);
    const QColor text = palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    const QColor background = selected ? palette.color(group, QPalette::Highlight) : base;
    // On the highlight the facts need more contrast than on the base.
    const QColor quiet = mix(text, background, selected ? 0.85 : 0.62);
    auto visual = [&option](const QRect &rect) {
        return QStyle::visualRect(option.direction, option.rect, rect);
    };

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);

    // A quiet hairline between rows, starting under the text like Todoist and Things.
    const QRect line(lay.title.left(), option.rect.bottom(), option.rect.right() - kSidePadding - lay.title.left() + 1, 1);
    painter->fillRect(visual(line), mix(palette.color(group, QPalette::Text), base, 0.09));

    const QRectF card = QRectF(option.rect).adjusted(kSelectionInset, 1.5, -kSelectionInset, -1.5);
    if (selected) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(background);
        painter->drawRoundedRect(card, kSelectionRadius, kSelectionRadius);
    } else if (option.state & QStyle::State_MouseOver) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(mix(palette.color(group, QPalette::Text), base, 0.05));
        painter->drawRoundedRect(card, kSelectionRadius, kSelectionRadius);
    }
    if ((option.state & QStyle::State_HasFocus) && !selected) {
        // The current row can be unselected with Ctrl+arrows; keyboard users still need to see it.
        painter->setPen(QPen(palette.color(group, QPalette::Highlight), 1));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(card.adjusted(0.5, 0.5, -0.5, -0.5), kSelectionRadius, kSelectionRadius);
    }

    paintCheckBox(painter, option, index, lay);

    QFont titleFont = option.font;
    titleFont.setStrikeOut(completed);
    painter->setFont(titleFont);
    painter->setPen(completed ? quiet : text);
    painter->drawText(visual(lay.title),
                      QStyle::visualAlignment(option.direction, Qt::AlignLeft | Qt::AlignVCenter),
                      lay.titleText);

    const QFont small = smallFont(option.font);
    painter->setFont(small);
    const bool overdue = index.data(TodoModel::OverdueRole).toBool();
    const auto priority = Priorities::fromInt(index.data(TodoModel::PriorityRole).toInt());
    const qreal glyph = lay.glyphSize;
    for (const Layout::Fact &fact : lay.facts) {
        const QRect rect = visual(fact.rect);
        // Glyphs sit on the small line's text, centred on its x-height band.
        const QRectF glyphRect(fact.kind == Layout::Kind::Due && option.direction == Qt::RightToLeft
                                   ? rect.right() + 1 - glyph
                                   : rect.left(),
                               rect.top() + (rect.height() - glyph) / 2.0, glyph, glyph);
        switch (fact.kind) {
        case Layout::Kind::Due: {
            QColor color = quiet;
            const QVariant due = index.data(TodoModel::DueAtRole);
            if (!selected && !completed && overdue)
                color = overdueColor(palette);
            else if (!selected && !completed
                     && dueDay(due.toLongLong(), index.data(TodoModel::DueHasTimeRole).toBool())
                         == QDate::currentDate())
                color = todayColor(palette);
            // A small calendar: outline, header bar and two rings, on whole
            // pixels so the 1 px lines stay sharp.
            const QRectF body(qRound(glyphRect.left()) + 0.5, qRound(glyphRect.top()) + 1.5,
                              qRound(glyph) - 1, qRound(glyph) - 2);
            painter->setPen(QPen(color, 1));
            painter->setBrush(Qt::NoBrush);
            painter->drawRoundedRect(body, 1.5, 1.5);
            painter->fillRect(QRectF(body.left(), body.top(), body.width(), 2.5), color);
            const qreal ringLeft = qRound(body.left() + body.width() * 0.3) + 0.5;
            const qreal ringRight = qRound(body.right() - body.width() * 0.3) - 0.5;
            painter->drawLine(QPointF(ringLeft, body.top() - 1.5), QPointF(ringLeft, body.top()));
            painter->drawLine(QPointF(ringRight, body.top() - 1.5), QPointF(ringRight, body.top()));
            painter->setPen(color);
            const QRect textRect = rect.adjusted(option.direction == Qt::RightToLeft ? 0 : int(glyph) + kGlyphTextGap, 0,
                                                 option.direction == Qt::RightToLeft ? -int(glyph) - kGlyphTextGap : 0, 0);
            painter->drawText(textRect, Qt::AlignCenter, fact.text);
            break;
        }
        case Layout::Kind::Priority: {
            // A flag: a pole and a pennant, in the priority's colour.
            const QColor color = selected ? text : completed ? quiet : priorityColor(priority, palette);
            const QRectF f = glyphRect.adjusted(1.5, 0.5, -1, -0.5);
            painter->setPen(QPen(color, 1.4, Qt::SolidLine, Qt::RoundCap));
            painter->drawLine(QPointF(f.left(), f.top()), QPointF(f.left(), f.bottom()));
            QPainterPath pennant;
            pennant.moveTo(f.left(), f.top());
            pennant.lineTo(f.right(), f.top() + f.height() * 0.28);
            pennant.lineTo(f.left(), f.top() + f.height() * 0.58);
            pennant.closeSubpath();
            painter->setPen(Qt::NoPen);
            painter->setBrush(color);
            painter->drawPath(pennant);
            break;
        }
        case Layout::Kind::Notes: {
            // A sheet with three lines of text.
            const QRectF sheet = glyphRect.adjusted(1.5, 0.5, -1.5, -0.5);
            painter->setPen(QPen(quiet, 1.2));
            painter->setBrush(Qt::NoBrush);
            painter->drawRoundedRect(sheet, 1.5, 1.5);
            for (int i = 1; i <= 3; ++i) {
                const qreal y = sheet.top() + sheet.height() * i / 4.0;
                painter->drawLine(QPointF(sheet.left() + 2, y),
                                  QPointF(sheet.right() - (i == 3 ? sheet.width() * 0.4 : 2), y));
            }
            break;
        }
        case Layout::Kind::Tag:
        case Layout::Kind::MoreTags: {
            const QColor chip = selected ? mix(text, background, 0.22)
                                         : mix(palette.color(group, QPalette::Text), base, 0.08);
            painter->setPen(Qt::NoPen);
            painter->setBrush(chip);
            const QRectF chipRect = QRectF(rect).adjusted(0, 0.5, 0, -0.5);
            painter->drawRoundedRect(chipRect, 4, 4);
            painter->setPen(selected ? text : quiet);
            painter->drawText(rect, Qt::AlignCenter, fact.text);
            break;
        }
        }
    }

    if (!lay.pending.isNull()) {
        // A circular arrow: "waiting to sync", quiet so it does not shout.
        const QRectF ring = QRectF(visual(lay.pending)).adjusted(2, 2, -2, -2);
        painter->setPen(QPen(quiet, 1.4, Qt::SolidLine, Qt::RoundCap));
        painter->setBrush(Qt::NoBrush);
        painter->drawArc(ring, 60 * 16, 280 * 16);
        const QPointF tip(ring.center().x() + ring.width() / 2.0 * 0.5,
                          ring.center().y() - ring.height() / 2.0 * 0.866);
        QPainterPath head;
        head.moveTo(tip + QPointF(3, 0.5));
        head.lineTo(tip + QPointF(-1.5, -2.5));
        head.lineTo(tip + QPointF(-0.5, 3));
        head.closeSubpath();
        painter->setPen(Qt::NoPen);
        painter->setBrush(quiet);
        painter->drawPath(head);
    }
    painter->restore();
}

void TodoDelegate::paintCheckBox(QPainter *painter, const QStyleOptionViewItem &option,
                                 const QModelIndex &index, const Layout &lay) const
{
    const QPalette::ColorGroup group = colorGroup(option);
    const QPalette &palette = option.palette;
    const bool selected = option.state & QStyle::State_Selected;
    const bool completed = index.data(TodoModel::CompletedRole).toBool();
    const auto priority = Priorities::fromInt(index.data(TodoModel::PriorityRole).toInt());
    const QColor highlight = palette.color(group, QPalette::Highlight);
    const QColor highlightedText = palette.color(group, QPalette::HighlightedText);
    const QColor background = selected ? highlight : palette.color(group, QPalette::Base);
    const QColor text = selected ? highlightedText : palette.color(group, QPalette::Text);

    const QRectF box = QRectF(QStyle::visualRect(option.direction, option.rect, lay.check))
                           .adjusted(1, 1, -1, -1);
    QColor ring = mix(text, background, 0.45);
    if (priority != Priority::None && !completed)
        ring = selected ? highlightedText : priorityColor(priority, palette);

    // Hovering the box previews the tick, like the apps people know.
    bool hovered = false;
    if (const auto *view = qobject_cast<const QAbstractItemView *>(option.widget);
        view && (option.state & QStyle::State_MouseOver)) {
        hovered = box.contains(view->viewport()->mapFromGlobal(QCursor::pos()));
    }

    QColor tick;
    if (completed) {
        const QColor fill = selected ? highlightedText : highlight;
        painter->setPen(Qt::NoPen);
        painter->setBrush(fill);
        painter->drawEllipse(box);
        tick = selected ? highlight : highlightedText;
    } else {
        QColor fill = ring;
        fill.setAlphaF(priority != Priority::None ? 0.12f : 0.0f);
        painter->setPen(QPen(ring, priority != Priority::None ? 1.8 : 1.4));
        painter->setBrush(fill);
        painter->drawEllipse(box.adjusted(0.7, 0.7, -0.7, -0.7));
        if (hovered) {
            tick = ring;
            tick.setAlphaF(0.7f);
        }
    }
    if (tick.isValid()) {
        const qreal w = box.width();
        const qreal h = box.height();
        QPainterPath path;
        path.moveTo(box.left() + w * 0.28, box.top() + h * 0.52);
        path.lineTo(box.left() + w * 0.44, box.top() + h * 0.68);
        path.lineTo(box.left() + w * 0.73, box.top() + h * 0.36);
        painter->setPen(QPen(tick, qMax(1.6, w / 10.0), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter->setBrush(Qt::NoBrush);
        painter->drawPath(path);
    }
}

bool TodoDelegate::editorEvent(QEvent *event, QAbstractItemModel *model,
                               const QStyleOptionViewItem &option, const QModelIndex &index)
{
    switch (event->type()) {
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonRelease:
    case QEvent::MouseButtonDblClick: {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        // A few pixels of slack: a round target is easy to miss at its edge.
        const QRect target = checkBoxRect(option).adjusted(-4, -4, 4, 4);
        if (mouse->button() != Qt::LeftButton || !target.contains(mouse->position().toPoint()))
            break;
        // Eat the press and the double click too, so the box neither selects
        // the row nor starts editing it.
        if (event->type() == QEvent::MouseButtonRelease)
            Q_EMIT completionToggleRequested(index);
        return true;
    }
    default:
        break;
    }
    return QStyledItemDelegate::editorEvent(event, model, option, index);
}

bool TodoDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view,
                             const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (!event || !view || event->type() != QEvent::ToolTip || !index.isValid())
        return QStyledItemDelegate::helpEvent(event, view, option, index);

    const Layout lay = layout(option, index);
    auto logicalPos = QStyle::visualPos(option.direction, option.rect, event->pos());
    const QString title = index.data(TodoModel::TitleRole).toString();
    const QString notes = index.data(TodoModel::NotesRole).toString();
    QString tip;
    if (lay.pending.contains(logicalPos)) {
        tip = tr("Not yet synced");
    } else if (lay.check.adjusted(-4, -4, 4, 4).contains(logicalPos)) {
        tip = index.data(TodoModel::CompletedRole).toBool() ? tr("Mark as not done")
                                                             : tr("Mark as done");
    } else {
        for (const Layout::Fact &fact : lay.facts) {
            if (!fact.rect.contains(logicalPos))
                continue;
            switch (fact.kind) {
            case Layout::Kind::Due: {
                const qint64 due = index.data(TodoModel::DueAtRole).toLongLong();
                const bool timed = index.data(TodoModel::DueHasTimeRole).toBool();
                const QString when = timed
                    ? QLocale().toString(Timestamp::toLocal(due), QLocale::LongFormat)
                    : QLocale().toString(Timestamp::toDate(due), QLocale::LongFormat);
                tip = index.data(TodoModel::OverdueRole).toBool() ? tr("Overdue: due %1").arg(when)
                                                                  : tr("Due %1").arg(when);
                break;
            }
            case Layout::Kind::Priority: {
                static const char *const names[] = {"", QT_TR_NOOP("Low priority"),
                                                    QT_TR_NOOP("Medium priority"),
                                                    QT_TR_NOOP("High priority")};
                tip = tr(names[int(Priorities::fromInt(index.data(TodoModel::PriorityRole).toInt()))]);
                break;
            }
            case Layout::Kind::Notes:
                tip = u"<qt>"_s + notesPreview(notes) + u"</qt>"_s;
                break;
            case Layout::Kind::Tag:
            case Layout::Kind::MoreTags:
                tip = index.data(TodoModel::TagsRole).toStringList().join(u", "_s);
                break;
            }
        }
    }
    if (tip.isEmpty() && (lay.titleElided || !notes.trimmed().isEmpty())) {
        // The whole title, and the start of the notes so people can peek without opening.
        tip = u"<qt><b>"_s + title.toHtmlEscaped() + u"</b>"_s;
        if (!notes.trimmed().isEmpty())
            tip += u"<br>"_s + notesPreview(notes);
        tip += u"</qt>"_s;
    }
    if (tip.isEmpty()) {
        QToolTip::hideText();
        return false;
    }
    QToolTip::showText(event->globalPos(), tip, view->viewport(),
                       QStyle::visualRect(option.direction, option.rect, option.rect));
    return true;
}
