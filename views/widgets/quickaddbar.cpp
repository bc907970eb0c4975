#include "quickaddbar.h"

#include "clearaction.h"

#include <QAction>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

constexpr int kIconSize = 16;
constexpr qreal kPreviewFontScale = 0.9;

} // namespace

QuickAddBar::QuickAddBar(QWidget *parent)
    : QWidget(parent)
    , m_input(new QLineEdit(this))
    , m_preview(new QLabel(this))
    , m_addIcon(new QAction(this))
{
    setObjectName(u"quickAddBar"_s);

    m_input->setObjectName(u"quickAddInput"_s);
    m_input->setAccessibleName(tr("Add a todo"));
    m_input->setAccessibleDescription(
        tr("Type a todo and press Enter. Dates like “tomorrow” or “friday 15:00”, "
           "!high for priority, #tag for tags and @list for a list are understood."));
    m_input->setPlaceholderText(tr("Add a todo… e.g. “Call Sam tomorrow 15:00 !high #work”"));
    ClearAction::add(m_input);
    m_input->addAction(m_addIcon, QLineEdit::LeadingPosition);
    m_input->installEventFilter(this);
    // A roomier line than a form field: this is the app's main way in.
    m_input->setMinimumHeight(m_input->sizeHint().height() + 6);
    m_addIcon->setToolTip(tr("Add a todo"));
    updateIcon();

    m_preview->setObjectName(u"quickAddPreview"_s);
    m_preview->setForegroundRole(QPalette::PlaceholderText);
    m_preview->setTextFormat(Qt::PlainText);
    m_preview->setAccessibleName(tr("Understood"));
    QFont small = m_preview->font();
    if (small.pointSizeF() > 0)
        small.setPointSizeF(small.pointSizeF() * kPreviewFontScale);
    m_preview->setFont(small);
    // Keep the line's room while it is hidden, so the list below does not jump as one types.
    QSizePolicy policy = m_preview->sizePolicy();
    policy.setRetainSizeWhenHidden(true);
    m_preview->setSizePolicy(policy);
    m_preview->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(3);
    layout->addWidget(m_input);
    // Indent the preview to the text, past the leading icon.
    auto *previewRow = new QHBoxLayout;
    previewRow->setContentsMargins(kIconSize + 14, 0, 0, 0);
    previewRow->addWidget(m_preview);
    layout->addLayout(previewRow);

    connect(m_input, &QLineEdit::textChanged, this, &QuickAddBar::updatePreview);
    connect(m_input, &QLineEdit::returnPressed, this, &QuickAddBar::submit);
    connect(m_addIcon, &QAction::triggered, this, &QuickAddBar::submit);
}

void QuickAddBar::focusInput()
{
    m_input->setFocus(Qt::ShortcutFocusReason);
    m_input->selectAll();
}

void QuickAddBar::setToday(QDate today)
{
    m_today = today;
    updatePreview();
}

void QuickAddBar::setListNames(std::function<QStringList()> listNames)
{
    m_listNames = std::move(listNames);
    updatePreview();
}

QDate QuickAddBar::today() const
{
    return m_today.isValid() ? m_today : QDate::currentDate();
}

QuickAddResult QuickAddBar::parsed() const
{
    return QuickAddParser::parse(m_input->text(), today(), m_listNames ? m_listNames() : QStringList());
}

void QuickAddBar::updatePreview()
{
    const QString summary = m_input->text().trimmed().isEmpty()
        ? QString()
        : QuickAddParser::describe(parsed(), today());
    m_preview->setText(summary);
    m_preview->setVisible(!summary.isEmpty());
}

void QuickAddBar::submit()
{
    const QuickAddResult result = parsed();
    if (result.isEmpty() || result.title.isEmpty())
        return; // nothing to add yet; keep what was typed so it can be finished
    m_input->clear();
    Q_EMIT submitted(result);
}

bool QuickAddBar::eventFilter(QObject *watched, QEvent *event)
{
    const bool key = event->type() == QEvent::KeyPress || event->type() == QEvent::ShortcutOverride;
    if (watched == m_input && key && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape) {
        // Escape discards what was typed and leaves the line, winning over
        // a window's Escape shortcut, as in a search field.
        event->accept();
        if (event->type() == QEvent::KeyPress) {
            m_input->clear();
            Q_EMIT leaveRequested();
        }
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void QuickAddBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        updateIcon();
    QWidget::changeEvent(event);
}

void QuickAddBar::updateIcon()
{
    // Drawn rather than themed: icon themes are missing outside KDE and GNOME,
    // and a palette-coloured plus follows dark mode.
    const qreal ratio = devicePixelRatioF();
    QPixmap pixmap(QSize(kIconSize, kIconSize) * ratio);
    pixmap.setDevicePixelRatio(ratio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(palette().color(QPalette::Highlight), 1.8, Qt::SolidLine, Qt::RoundCap));
    const qreal mid = kIconSize / 2.0;
    const qreal arm = kIconSize * 0.32;
    painter.drawLine(QPointF(mid - arm, mid), QPointF(mid + arm, mid));
    painter.drawLine(QPointF(mid, mid - arm), QPointF(mid, mid + arm));
    painter.end();
    m_addIcon->setIcon(QIcon(pixmap));
}
