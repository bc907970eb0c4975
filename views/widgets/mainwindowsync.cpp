// MainWindow's sync side: status, delete confirmation, settings, conflict log, legacy import.

#include "mainwindow.h"

#include "conflictlogdialog.h"
#include "store/localdatabase.h"
#include "store/todostore.h"
#include "sync/synccontroller.h"
#include "sync/syncstate.h"
#include "syncsettingsdialog.h"
#include "syncstatuswidget.h"
#include "tododelegate.h"
#include "todolistview.h"
#include "windowactions.h"
#include "wizard/migrationwizard.h"

#include <QAction>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>

void MainWindow::setSyncController(SyncController *controller)
{
    // A controller replaced (new sync settings): nothing of the old one stays.
    if (m_sync) {
        disconnect(m_sync, nullptr, this, nullptr);
        disconnect(m_actions->syncNow, nullptr, m_sync, nullptr);
    }
    delete m_syncStatus;
    m_syncStatus = nullptr;
    m_sync = controller;
    m_actions->syncNow->setEnabled(controller && controller->isEnabled());
    // The "not yet synced" mark means something only while there is a cloud to sync to.
    m_delegate->setSyncEnabled(controller && controller->isEnabled());
    m_list->viewport()->update();
    if (!controller)
        return;
    m_syncStatus = new SyncStatusWidget(controller, m_store, this);
    statusBar()->addPermanentWidget(m_syncStatus);
    connect(m_actions->syncNow, &QAction::triggered, controller, &SyncController::syncNow);
    // The count of changes waiting to be pushed moves with every edit.
    connect(m_database, &LocalDatabase::changed, m_syncStatus, &SyncStatusWidget::refresh);
    connect(controller, &SyncController::notice, this, [this](const QString &text) {
        statusBar()->showMessage(text, kNoticeMs);
    });
    connect(controller, &SyncController::confirmationNeeded, this, &MainWindow::confirmDeletes);
}

void MainWindow::confirmDeletes(int deletions)
{
    const QString question = tr("The cloud wants to delete %n todo(s) on this computer.", nullptr, deletions);
    // Sync asks again at every poll and after every edit until the person
    // answers: the box already open takes the newest number instead of
    // another box opening on top of it.
    if (m_deleteConfirmation) {
        m_deleteConfirmation->setText(question);
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Tandem"), question, QMessageBox::NoButton, this);
    box->setInformativeText(tr("This is more than usual. If you or another desktop deleted them on purpose, "
                               "continue. Otherwise keep them: nothing is deleted until you decide."));
    QPushButton *apply = box->addButton(tr("Delete Them Here Too"), QMessageBox::DestructiveRole);
    box->addButton(tr("Not Now"), QMessageBox::RejectRole);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, apply](QAbstractButton *button) {
        if (button == apply && m_sync)
            m_sync->confirmDeletes();
    });
    // Answered, it no longer waits (its deletion comes later): the next question opens a new box.
    connect(box, &QDialog::finished, this, [this] { m_deleteConfirmation = nullptr; });
    m_deleteConfirmation = box;
    box->open();
}

void MainWindow::showMigrationWizard()
{
    if (m_migrationWizard) {
        m_migrationWizard->raise();
        m_migrationWizard->activateWindow();
        return;
    }
    auto *wizard = new MigrationWizard(m_syncProfile, this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    m_migrationWizard = wizard;
    // The Imported list is known by the id the import reports, never by its
    // name: the person may rename it, call another list "Imported", or use
    // the app in another language. A file imported before (already-migrated)
    // reports it too, without migrationFinished.
    const auto recordImportedList = [this, wizard] {
        const QUuid listId = wizard->result().importedListId;
        if (!listId.isNull())
            SyncState(m_database->database()).setImportedListId(listId.toString(QUuid::WithoutBraces));
    };
    // The rows are in the cloud now: the normal pull brings them to the local cache.
    connect(wizard, &MigrationWizard::migrationFinished, this, [this, recordImportedList] {
        recordImportedList();
        if (m_sync)
            m_sync->syncNow();
    });
    connect(wizard, &MigrationWizard::openImportedListRequested, this, [this, wizard, recordImportedList] {
        recordImportedList();
        wizard->accept();
        m_selectImportedListOnArrival = !selectImportedList();
        if (m_selectImportedListOnArrival)
            statusBar()->showMessage(tr("The Imported list appears after the next sync."), kStatusMessageMs);
    });
    wizard->open();
}

bool MainWindow::selectImportedList()
{
    const QString listId = SyncState(m_database->database()).importedListId();
    const std::optional<TodoList> imported = listId.isEmpty() ? std::nullopt : m_store->list(listId);
    if (!imported || imported->isDeleted())
        return false;
    selectFilter(TodoFilter::list(imported->id));
    return true;
}

void MainWindow::changeEvent(QEvent *event)
{
    // Coming back to the window is activity: sync resumes if it had gone idle.
    if (event->type() == QEvent::ActivationChange && isActiveWindow() && m_sync)
        m_sync->userActive();
    QMainWindow::changeEvent(event);
}

void MainWindow::setSyncSettings(const Profile &profile, PasswordStore *passwords)
{
    m_syncProfile = profile;
    m_passwords = passwords;
}

void MainWindow::showSyncSettings()
{
    if (!m_passwords)
        return;
    auto *dialog = new SyncSettingsDialog(m_syncProfile, m_passwords, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SyncSettingsDialog::settingsSaved, this, [this] {
        statusBar()->showMessage(tr("Sync settings saved. Sync restarts with them."), kStatusMessageMs);
        Q_EMIT syncSettingsSaved();
    });
    dialog->open();
}

void MainWindow::showConflictLog()
{
    if (!m_conflictLog) {
        m_conflictLog = new ConflictLogDialog(m_store, m_undoStack, this);
        m_conflictLog->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_conflictLog->show();
    m_conflictLog->raise();
    m_conflictLog->activateWindow();
}
