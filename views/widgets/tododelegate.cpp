#include "tododelegate.h"

#include "itemmodels/todomodel.h"

#include <QAbstractItemView>
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

// Accents are darker on a light base and lighter on a dark one, to keep their contrast.
QColor accent(const QPalette &palette, QRgb onLight, QRgb onDark)
{
    return QColor::fromRgb(palette.color(QPalette::Base).lightness() < 128 ? onDark : onLight);
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

// What a row shows, read from the model once per paint.
struct RowData
{
    explicit RowData(const QModelIndex &index)
        : title(index.data(TodoModel::TitleRole).toString())
        , notes(index.data(TodoModel::NotesRole).toString().trimmed())
        , completed(index.data(TodoModel::CompletedRole).toBool())
        , hasTime(index.data(TodoModel::DueHasTimeRole).toBool())
        , pending(index.data(TodoModel::PendingRole).toBool())
        , overdue(index.data(TodoModel::OverdueRole).toBool())
        , priority(Priorities::fromInt(index.data(TodoModel::PriorityRole).toInt()))
        , tags(index.data(TodoModel::TagsRole).toStringList())
    {
        const QVariant dueValue = index.data(TodoModel::DueAtRole);
        if (!dueValue.isNull())
            due = dueValue.toLongLong();
    }
    QString title, notes;
    bool completed, hasTime, pending, overdue;
    Priority priority;
    QStringList tags;
    std::optional<Timestamp::Micros> due;
};

enum class Glyph { Calendar, Flag, Notes, Sync };

// Small line icons, drawn rather than themed so they follow the palette and
// exist on every desktop. Lines sit on half pixels to stay sharp.
void drawGlyph(QPainter *painter, Glyph glyph, const QRectF &area, const QColor &color)
{
    const QRectF r(qRound(area.left()) + 0.5, qRound(area.top()) + 0.5, qRound(area.width()) - 1,
        qRound(area.height()) - 1);
    painter->setPen(QPen(color, 1, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter->setBrush(Qt::NoBrush);
    QPainterPath fill;
    switch (glyph) {
    case Glyph::Calendar: { // a page with a header bar and two rings
        const QRectF body = r.adjusted(0, 1.5, 0, 0);
        painter->drawRoundedRect(body, 1.5, 1.5);
        fill.addRect(QRectF(body.left(), body.top(), body.width(), 2.5));
        for (qreal x : {qRound(body.left() + body.width() * 0.3) + 0.5,
                 qRound(body.right() - body.width() * 0.3) - 0.5})
            painter->drawLine(QPointF(x, body.top() - 1.5), QPointF(x, body.top()));
        break;
    }
    case Glyph::Flag: // a pole and a pennant
        painter->setPen(QPen(color, 1.4, Qt::SolidLine, Qt::RoundCap));
        painter->drawLine(QPointF(r.left() + 1, r.top()), QPointF(r.left() + 1, r.bottom()));
        fill.moveTo(r.left() + 1, r.top());
        fill.lineTo(r.right(), r.top() + r.height() * 0.28);
        fill.lineTo(r.left() + 1, r.top() + r.height() * 0.58);
        break;
    case Glyph::Notes: { // a sheet with three lines of text
        const QRectF sheet = r.adjusted(1, 0, -1, 0);
        painter->drawRoundedRect(sheet, 1.5, 1.5);
        for (int i = 1; i <= 3; ++i) {
            const qreal y = qRound(sheet.top() + sheet.height() * i / 4.0) + 0.5;
            painter->drawLine(QPointF(sheet.left() + 2, y),
                QPointF(sheet.right() - (i == 3 ? sheet.width() * 0.4 : 2), y));
        }
        break;
    }
    case Glyph::Sync: { // a circular arrow
        const QRectF ring = r.adjusted(1.5, 1.5, -1.5, -1.5);
        painter->setPen(QPen(color, 1.4, Qt::SolidLine, Qt::RoundCap));
        painter->drawArc(ring, 60 * 16, 280 * 16);
        const QPointF tip(
            ring.center().x() + ring.width() * 0.25, ring.center().y() - ring.height() * 0.433);
        fill.moveTo(tip + QPointF(3, 0.5));
        fill.lineTo(tip + QPointF(-1.5, -2.5));
        fill.lineTo(tip + QPointF(-0.5, 3));
        break;
    }
    }
    painter->fillPath(fill, color);
}

} // namespace

struct TodoDelegate::Layout
{
    enum class Kind { Due, Priority, Notes, Tag, MoreTags };
    struct Fact
    {
        Kind kind;
        QRect rect; // logical (left-to-right) coordinates, like all rects here
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
{ }

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
    if (!hasTime)
        return day;
    return tr("%1 %2", "due day, then due time")
        .arg(day, shortTime(Timestamp::toLocal(dueAt).time()));
}

QColor TodoDelegate::priorityColor(Priority priority, const QPalette &palette)
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

QColor TodoDelegate::overdueColor(const QPalette &palette)
{
    return accent(palette, 0xc5221f, 0xff7a70);
}

QColor TodoDelegate::todayColor(const QPalette &palette)
{
    return accent(palette, 0x188038, 0x5bd17a);
}

QSize TodoDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QFontMetrics titleMetrics(option.font);
    const QFontMetrics smallMetrics(smallFont(option.font));
    const int text = titleMetrics.height() + kLineGap + smallMetrics.height() + 2;
    const int height = 2 * kVerticalPadding + qMax(text, checkBoxSize(titleMetrics));
    const int width = 2 * kSidePadding + checkBoxSize(titleMetrics) + kCheckGap
        + titleMetrics.horizontalAdvance(index.data(TodoModel::TitleRole).toString());
    return {width, height};
}

TodoDelegate::Layout TodoDelegate::layout(
    const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const RowData data(index);
    Layout result;
    const QRect row = option.rect;
    const QFontMetrics titleMetrics(option.font);
    const QFontMetrics smallMetrics(smallFont(option.font));
    const int checkSize = checkBoxSize(titleMetrics);
    result.check = QRect(row.left() + kSidePadding, row.top() + (row.height() - checkSize) / 2,
        checkSize, checkSize);
    result.glyphSize = smallMetrics.ascent();

    const int textLeft = result.check.right() + 1 + kCheckGap;
    int textRight = row.right() - kSidePadding;
    if (data.pending) {
        const int size = qMax(12, titleMetrics.ascent());
        result.pending
            = QRect(textRight - size + 1, row.top() + (row.height() - size) / 2, size, size);
        textRight = result.pending.left() - kFactGap;
    }

    // The facts go first so we know whether the title shares the row with them.
    const int smallHeight = smallMetrics.height();
    const int glyph = result.glyphSize;
    int x = textLeft;
    auto place = [&](Layout::Kind kind, int width, const QString &text = {}) {
        if (x + width > textRight)
            return false;
        result.facts.append({kind, QRect(x, 0, width, smallHeight), text});
        x += width + kFactGap;
        return true;
    };
    if (data.due) {
        const QString text = dueText(*data.due, data.hasTime, QDate::currentDate());
        place(
            Layout::Kind::Due, glyph + kGlyphTextGap + smallMetrics.horizontalAdvance(text), text);
    }
    if (data.priority != Priority::None)
        place(Layout::Kind::Priority, glyph);
    if (!data.notes.isEmpty())
        place(Layout::Kind::Notes, glyph);
    for (qsizetype i = 0; i < data.tags.size(); ++i) {
        const QString chip = u'#' + data.tags.at(i);
        if (place(Layout::Kind::Tag, smallMetrics.horizontalAdvance(chip) + 2 * kChipPadding, chip))
            continue;
        // Say how many did not fit rather than cutting a tag in half.
        const QString more = tr("+%1").arg(data.tags.size() - i);
        place(
            Layout::Kind::MoreTags, smallMetrics.horizontalAdvance(more) + 2 * kChipPadding, more);
        break;
    }

    const int titleHeight = titleMetrics.height();
    int titleTop = row.top() + (row.height() - titleHeight) / 2;
    if (!result.facts.isEmpty()) {
        titleTop = row.top() + (row.height() - titleHeight - kLineGap - smallHeight) / 2;
        for (Layout::Fact &fact : result.facts)
            fact.rect.moveTop(titleTop + titleHeight + kLineGap);
    }
    result.title = QRect(textLeft, titleTop, qMax(0, textRight - textLeft + 1), titleHeight);
    QFont titleFont = option.font;
    titleFont.setStrikeOut(data.completed);
    result.titleText
        = QFontMetrics(titleFont).elidedText(data.title, Qt::ElideRight, result.title.width());
    result.titleElided = result.titleText != data.title;
    return result;
}

void TodoDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const RowData data(index);
    const Layout lay = layout(option, index);
    const QPalette::ColorGroup group = colorGroup(option);
    const QPalette &palette = option.palette;
    const bool selected = option.state & QStyle::State_Selected;
    const QColor base = palette.color(group, QPalette::Base);
    const QColor plainText = palette.color(group, QPalette::Text);
    const QColor text = selected ? palette.color(group, QPalette::HighlightedText) : plainText;
    const QColor background = selected ? palette.color(group, QPalette::Highlight) : base;
    // On the highlight the facts need more contrast than on the base.
    const QColor quiet = mix(text, background, selected ? 0.85 : 0.62);
    auto visual = [&option](const QRect &rect) {
        return QStyle::visualRect(option.direction, option.rect, rect);
    };

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);

    // A hairline between rows, starting under the text like Todoist and Things.
    const int lineWidth = option.rect.right() - kSidePadding - lay.title.left() + 1;
    painter->fillRect(visual(QRect(lay.title.left(), option.rect.bottom(), lineWidth, 1)),
        mix(plainText, base, 0.09));

    // The selection floats as a rounded card inside the row.
    const QRectF card = QRectF(option.rect).adjusted(kSelectionInset, 1.5, -kSelectionInset, -1.5);
    painter->setPen(Qt::NoPen);
    if (selected) {
        painter->setBrush(background);
        painter->drawRoundedRect(card, kSelectionRadius, kSelectionRadius);
    } else if (option.state & QStyle::State_MouseOver) {
        painter->setBrush(mix(plainText, base, 0.05));
        painter->drawRoundedRect(card, kSelectionRadius, kSelectionRadius);
    }
    if ((option.state & QStyle::State_HasFocus) && !selected) {
        // Ctrl+arrows move the current row without selecting it; keyboard users still need to see
        // it.
        painter->setPen(QPen(palette.color(group, QPalette::Highlight), 1));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(
            card.adjusted(0.5, 0.5, -0.5, -0.5), kSelectionRadius, kSelectionRadius);
    }

    // The round check box: filled with a tick when done; otherwise a ring,
    // tinted with the priority's colour as people know it from Todoist.
    const QColor highlight = palette.color(group, QPalette::Highlight);
    const QRectF box = QRectF(visual(lay.check)).adjusted(1, 1, -1, -1);
    if (data.completed) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(selected ? text : highlight);
        painter->drawEllipse(box);
        QPainterPath tick;
        tick.moveTo(box.left() + box.width() * 0.28, box.top() + box.height() * 0.52);
        tick.lineTo(box.left() + box.width() * 0.44, box.top() + box.height() * 0.68);
        tick.lineTo(box.left() + box.width() * 0.73, box.top() + box.height() * 0.36);
        const QColor tickColor
            = selected ? highlight : palette.color(group, QPalette::HighlightedText);
        painter->strokePath(tick,
            QPen(tickColor, qMax(1.6, box.width() / 10.0), Qt::SolidLine, Qt::RoundCap,
                Qt::RoundJoin));
    } else {
        const bool prioritized = data.priority != Priority::None;
        QColor ring = mix(text, background, 0.45);
        if (prioritized)
            ring = selected ? text : priorityColor(data.priority, palette);
        QColor fill = ring;
        fill.setAlphaF(prioritized ? 0.12f : 0.0f);
        painter->setPen(QPen(ring, prioritized ? 1.8 : 1.4));
        painter->setBrush(fill);
        painter->drawEllipse(box.adjusted(0.7, 0.7, -0.7, -0.7));
    }

    QFont titleFont = option.font;
    titleFont.setStrikeOut(data.completed);
    painter->setFont(titleFont);
    painter->setPen(data.completed ? quiet : text);
    painter->drawText(visual(lay.title),
        QStyle::visualAlignment(option.direction, Qt::AlignLeft | Qt::AlignVCenter), lay.titleText);

    painter->setFont(smallFont(option.font));
    const int glyph = lay.glyphSize;
    const bool accents = !selected && !data.completed; // colours would clash with the highlight
    for (const Layout::Fact &fact : lay.facts) {
        const QRect rect = visual(fact.rect);
        // The glyph is a square at the fact's leading edge, centred on the line.
        const QRect glyphArea = visual(QRect(
            fact.rect.left(), fact.rect.top() + (fact.rect.height() - glyph) / 2, glyph, glyph));
        switch (fact.kind) {
        case Layout::Kind::Due: {
            QColor color = quiet;
            if (accents && data.overdue)
                color = overdueColor(palette);
            else if (accents && dueDay(*data.due, data.hasTime) == QDate::currentDate())
                color = todayColor(palette);
            drawGlyph(painter, Glyph::Calendar, glyphArea, color);
            painter->setPen(color);
            painter->drawText(visual(fact.rect.adjusted(glyph + kGlyphTextGap, 0, 0, 0)),
                Qt::AlignCenter, fact.text);
            break;
        }
        case Layout::Kind::Priority:
            drawGlyph(painter, Glyph::Flag, glyphArea,
                accents ? priorityColor(data.priority, palette) : quiet);
            break;
        case Layout::Kind::Notes:
            drawGlyph(painter, Glyph::Notes, glyphArea, quiet);
            break;
        case Layout::Kind::Tag:
        case Layout::Kind::MoreTags:
            painter->setPen(Qt::NoPen);
            painter->setBrush(selected ? mix(text, background, 0.22) : mix(plainText, base, 0.08));
            painter->drawRoundedRect(QRectF(rect).adjusted(0, 0.5, 0, -0.5), 4, 4);
            painter->setPen(selected ? text : quiet);
            painter->drawText(rect, Qt::AlignCenter, fact.text);
            break;
        }
    }
    if (!lay.pending.isNull())
        drawGlyph(painter, Glyph::Sync, visual(lay.pending), quiet);
    painter->restore();
}

bool TodoDelegate::editorEvent(QEvent *event, QAbstractItemModel *model,
    const QStyleOptionViewItem &option, const QModelIndex &index)
{
    const QEvent::Type type = event->type();
    if (type == QEvent::MouseButtonPress || type == QEvent::MouseButtonRelease
        || type == QEvent::MouseButtonDblClick) {
        const auto *mouse = static_cast<QMouseEvent *>(event);
        // A few pixels of slack: a round target is easy to miss at its edge.
        const QRect target = checkBoxRect(option).adjusted(-4, -4, 4, 4);
        if (mouse->button() == Qt::LeftButton && target.contains(mouse->position().toPoint())) {
            // The press and double click are eaten too, so the box neither
            // selects the row nor starts editing it.
            if (type == QEvent::MouseButtonRelease)
                Q_EMIT completionToggleRequested(index);
            return true;
        }
    }
    return QStyledItemDelegate::editorEvent(event, model, option, index);
}

bool TodoDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view,
    const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (!event || !view || event->type() != QEvent::ToolTip || !index.isValid())
        return QStyledItemDelegate::helpEvent(event, view, option, index);

    const RowData data(index);
    const Layout lay = layout(option, index);
    const QPoint pos = QStyle::visualPos(option.direction, option.rect, event->pos());
    QString tip;
    if (lay.pending.contains(pos))
        tip = tr("Not yet synced");
    else if (lay.check.adjusted(-4, -4, 4, 4).contains(pos))
        tip = data.completed ? tr("Mark as not done") : tr("Mark as done");
    for (const Layout::Fact &fact : lay.facts) {
        if (!tip.isEmpty() || !fact.rect.contains(pos))
            continue;
        if (fact.kind == Layout::Kind::Due) {
            QString when = QLocale().toString(dueDay(*data.due, data.hasTime), QLocale::LongFormat);
            if (data.hasTime)
                when = tr("%1 at %2").arg(when, shortTime(Timestamp::toLocal(*data.due).time()));
            tip = data.overdue ? tr("Overdue: due %1").arg(when) : tr("Due %1").arg(when);
        } else if (fact.kind == Layout::Kind::Priority) {
            tip = data.priority == Priority::High   ? tr("High priority")
                : data.priority == Priority::Medium ? tr("Medium priority")
                                                    : tr("Low priority");
        } else if (fact.kind == Layout::Kind::MoreTags) {
            // One tag a line, as the chips show them: a name may hold a comma.
            tip = u'#' + data.tags.join(u"\n#"_s);
        }
    }
    if (tip.isEmpty() && (lay.titleElided || !data.notes.isEmpty())) {
        // The whole title and the start of the notes, to peek without opening the todo.
        tip = u"<qt><b>"_s + data.title.toHtmlEscaped() + u"</b>"_s;
        if (!data.notes.isEmpty())
            tip += u"<br>"_s
                + data.notes.left(kNotesPreviewChars).toHtmlEscaped().replace(u'\n', u"<br>"_s);
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
