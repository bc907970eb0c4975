#include "syncstatuswidget.h"

#include "store/todostore.h"
#include "sync/synccontroller.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace {
constexpr int kDotSize = 8;
} // namespace

SyncStatusWidget::SyncStatusWidget(SyncController *controller, TodoStore *store, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_store(store)
    , m_dot(new QLabel)
    , m_label(new QLabel)
    , m_syncButton(new QToolButton)
{
    setObjectName(u"syncStatus"_s);
    m_label->setObjectName(u"syncStatusText"_s);
    m_dot->setFixedSize(kDotSize, kDotSize);
    m_syncButton->setObjectName(u"syncNowButton"_s);
    m_syncButton->setText(tr("Sync Now"));
    m_syncButton->setAccessibleName(tr("Sync now"));
    m_syncButton->setAutoRaise(true);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(m_dot);
    layout->addWidget(m_label);
    layout->addWidget(m_syncButton);
    connect(m_syncButton, &QToolButton::clicked, controller, &SyncController::syncNow);
    connect(controller, &SyncController::stateChanged, this, &SyncStatusWidget::refresh);
    connect(controller, &SyncController::synced, this, &SyncStatusWidget::refresh);
    refresh();
}

QString SyncStatusWidget::stateText() const
{
    const int pending = m_store->pendingChangeCount();
    const QString waiting = pending > 0 ? tr("%n change(s) not yet synced", nullptr, pending) : QString();
    const auto last = m_controller->lastSyncAt();
    const QString lastText = last ? QLocale().toString(Timestamp::toLocal(*last).time(), QLocale::ShortFormat) : QString();
    switch (m_controller->state()) {
    case SyncEngine::State::Disabled:
        return tr("Sync off");
    case SyncEngine::State::Syncing:
        return tr("Syncing…");
    case SyncEngine::State::Offline:
        return waiting.isEmpty() ? tr("Offline") : tr("Offline · %1").arg(waiting);
    case SyncEngine::State::Error:
        return tr("Sync error");
    case SyncEngine::State::NeedsConfirmation:
        return tr("Sync waits for you");
    case SyncEngine::State::Online:
        if (!waiting.isEmpty())
            return tr("Online · %1").arg(waiting);
        return lastText.isEmpty() ? tr("Online") : tr("Synced at %1").arg(lastText);
    }
    return {};
}

void SyncStatusWidget::refresh()
{
    m_label->setText(stateText());
    QString tip = m_controller->message();
    if (tip.isEmpty())
        tip = m_controller->profile().connection.redacted();
    setToolTip(tip);
    m_label->setAccessibleDescription(tip);
    QColor colour;
    switch (m_controller->state()) {
    case SyncEngine::State::Online:
        colour = QColor(0x2e, 0xa0, 0x43);
        break;
    case SyncEngine::State::Syncing:
        colour = palette().color(QPalette::Highlight);
        break;
    case SyncEngine::State::Error:
    case SyncEngine::State::NeedsConfirmation:
        colour = QColor(0xd3, 0x2f, 0x2f);
        break;
    default:
        colour = palette().color(QPalette::PlaceholderText);
        break;
    }
    m_dot->setStyleSheet(u"background: %1; border-radius: %2px;"_s.arg(colour.name()).arg(kDotSize / 2));
    m_syncButton->setEnabled(m_controller->isEnabled() && m_controller->state() != SyncEngine::State::Syncing);
}
