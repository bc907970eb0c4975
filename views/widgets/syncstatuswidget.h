#pragma once

#include "sync/syncengine.h"

#include <QWidget>

class QLabel;
class QToolButton;
class SyncController;
class TodoStore;

// The status bar's sync corner: online, offline, syncing or error, how many
// changes wait to be pushed, and when the last sync was. Clicking it syncs now.
class SyncStatusWidget : public QWidget
{
    Q_OBJECT
public:
    SyncStatusWidget(SyncController *controller, TodoStore *store, QWidget *parent = nullptr);

    QString stateText() const;
    void refresh();

private:
    SyncController *m_controller;
    TodoStore *m_store;
    QLabel *m_dot;
    QLabel *m_label;
    QToolButton *m_syncButton;
};
