#include "databaseopener.h"

#include "store/localdatabase.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace {

const QString kKnownFilesKey = u"database/knownFiles"_s;

} // namespace

DatabaseOpener::DatabaseOpener(LocalDatabase *database)
    : m_database(database)
{
}

void DatabaseOpener::remember(const QString &filePath)
{
    QSettings settings;
    QStringList known = settings.value(kKnownFilesKey).toStringList();
    if (!known.contains(filePath)) {
        known << filePath;
        settings.setValue(kKnownFilesKey, known);
    }
}

bool DatabaseOpener::confirmMissingFile(const QString &filePath, QWidget *parent)
{
    // A file Tandem used before is gone: say so instead of quietly starting empty.
    const QStringList known = QSettings().value(kKnownFilesKey).toStringList();
    if (QFileInfo::exists(filePath) || !known.contains(filePath))
        return true;
    QMessageBox box(QMessageBox::Warning, tr("Tandem"),
                    tr("Your todo database is missing."), QMessageBox::NoButton, parent);
    box.setInformativeText(tr("Tandem used %1 before, but the file is no longer there. If you moved it, "
                              "put it back and choose Retry. Otherwise Tandem can start with an empty database.")
                               .arg(filePath));
    QPushButton *retry = box.addButton(tr("Retry"), QMessageBox::AcceptRole);
    QPushButton *fresh = box.addButton(tr("Start Empty"), QMessageBox::DestructiveRole);
    box.addButton(tr("Quit"), QMessageBox::RejectRole);
    box.setDefaultButton(retry);
    for (;;) {
        box.exec();
        if (box.clickedButton() == fresh)
            return true;
        if (box.clickedButton() != retry)
            return false;
        if (QFileInfo::exists(filePath))
            return true;
    }
}

bool DatabaseOpener::open(const QString &filePath, QWidget *parent)
{
    if (!confirmMissingFile(filePath, parent))
        return false;
    for (;;) {
        const LocalDatabase::OpenResult result = m_database->open(filePath);
        if (result.ok()) {
            remember(filePath);
            return true;
        }
        QMessageBox box(QMessageBox::Critical, tr("Tandem"), LocalDatabase::describe(result.status),
                        QMessageBox::NoButton, parent);
        box.setDetailedText(tr("File: %1\n%2").arg(filePath, result.detail));
        QPushButton *setAside = nullptr;
        if (result.status == LocalDatabase::OpenStatus::Corrupt) {
            box.setInformativeText(tr("Tandem will not change or delete the file. It can set the file aside under a new "
                                      "name, so that nothing is lost, and start with an empty database."));
            setAside = box.addButton(tr("Set Aside and Start Empty"), QMessageBox::DestructiveRole);
        } else if (result.status == LocalDatabase::OpenStatus::Locked) {
            box.setInformativeText(tr("Close the other Tandem window, or wait until tandem-cli has finished "
                                      "syncing, then choose Retry."));
        }
        QPushButton *retry = box.addButton(tr("Retry"), QMessageBox::AcceptRole);
        box.addButton(tr("Quit"), QMessageBox::RejectRole);
        box.setDefaultButton(retry);
        box.exec();
        if (setAside && box.clickedButton() == setAside) {
            QString error;
            const QString kept = LocalDatabase::setAsideDamagedFile(filePath, &error);
            if (kept.isEmpty()) {
                QMessageBox::critical(parent, tr("Tandem"), error);
                continue;
            }
            QMessageBox::information(parent, tr("Tandem"), tr("The damaged file was kept as %1.").arg(kept));
            continue;
        }
        if (box.clickedButton() != retry)
            return false;
    }
}
