#include "trayicon.h"

#include <QApplication>
#include <QMenu>
#include <QSystemTrayIcon>

using namespace Qt::StringLiterals;

TrayIcon::TrayIcon(QObject *parent)
    : QObject(parent)
    , m_menu(new QMenu)
    , m_icon(new QSystemTrayIcon(QIcon(u":/icons/tandem.svg"_s), this))
{
    m_show = m_menu->addAction(tr("Show Tandem"), this, &TrayIcon::showRequested);
    m_quickAdd = m_menu->addAction(tr("Quick Add…"), this, &TrayIcon::quickAddRequested);
    m_menu->addSeparator();
    m_pause = m_menu->addAction(tr("Pause reminders for 1 hour"), this, &TrayIcon::pauseRequested);
    m_menu->addSeparator();
    m_quit = m_menu->addAction(tr("Quit"), this, &TrayIcon::quitRequested);
    m_icon->setContextMenu(m_menu);
    m_icon->setToolTip(u"Tandem"_s);
    // A left click shows the window, as in most trays.
    connect(m_icon, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger)
            Q_EMIT showRequested();
    });
}

TrayIcon::~TrayIcon()
{
    delete m_menu; // a context menu has no parent: QSystemTrayIcon does not own it
}

void TrayIcon::show()
{
    m_icon->show();
}

void TrayIcon::setPaused(bool paused)
{
    m_pause->setEnabled(!paused);
    m_pause->setText(paused ? tr("Reminders paused") : tr("Pause reminders for 1 hour"));
}
