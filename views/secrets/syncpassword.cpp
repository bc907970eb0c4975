#include "syncpassword.h"

#include "passwordstore.h"

#include <QCoreApplication>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>

using namespace Qt::StringLiterals;

namespace SyncPassword {

namespace {
constexpr int kPromptWidth = 460;

} // namespace

Outcome fill(Profile *profile, PasswordStore *store, QWidget *parent, QString *message)
{
    ConnectionConfig &connection = profile->connection;
    if (!profile->hasServer() || !connection.password.isEmpty())
        return Outcome::NotNeeded;

    const QString key = PasswordStore::keyFor(profile->name, connection);
    const PasswordStore::Result stored = store->readNow(key);
    if (stored.ok()) {
        connection.password = stored.password;
        return Outcome::Found;
    }
    if (stored.status == PasswordStore::Status::Failed) {
        if (message)
            *message = stored.message;
        return Outcome::Failed;
    }
    if (store->isAvailable())
        return Outcome::NotStored; // set it in Sync Settings

    // No keychain and nothing kept: ask, once for this run.
    QInputDialog dialog(parent);
    dialog.setObjectName(u"syncPasswordPrompt"_s);
    dialog.setWindowTitle(QCoreApplication::translate("SyncPassword", "Sync Password"));
    dialog.setInputMode(QInputDialog::TextInput);
    dialog.setTextEchoMode(QLineEdit::Password);
    dialog.setLabelText(
        QCoreApplication::translate("SyncPassword", "Password for %1@%2 (%3 profile):")
            .arg(connection.user, connection.host, ProfileNames::toString(profile->name))
        + u"\n\n"_s
        + QCoreApplication::translate("SyncPassword",
            "This computer has no system keychain (Secret Service), so Tandem keeps the password "
            "in "
            "memory only and asks once each time it starts. Sync Settings can store it in a file "
            "instead."));
    dialog.setOkButtonText(QCoreApplication::translate("SyncPassword", "Sync"));
    dialog.setCancelButtonText(QCoreApplication::translate("SyncPassword", "Work Offline"));
    // QInputDialog's label does not wrap by itself: the sentence would make
    // the dialog as wide as the screen.
    for (QLabel *label : dialog.findChildren<QLabel *>())
        label->setWordWrap(true);
    dialog.resize(kPromptWidth, dialog.sizeHint().height());
    if (auto *edit = dialog.findChild<QLineEdit *>()) {
        edit->setObjectName(u"syncPasswordEdit"_s);
        edit->setAccessibleName(QCoreApplication::translate("SyncPassword", "Sync password"));
    }
    const bool accepted = dialog.exec() == QDialog::Accepted;
    const QString answer = accepted ? dialog.textValue() : QString();
    store->rememberForSession(key, answer);
    if (!accepted)
        return Outcome::Declined;
    connection.password = answer;
    return Outcome::Asked;
}

} // namespace SyncPassword
