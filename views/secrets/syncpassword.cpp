#include "syncpassword.h"

#include "passwordstore.h"

#include <QCoreApplication>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>

using namespace Qt::StringLiterals;

namespace SyncPassword {

namespace {
constexpr int kPromptWidth = 460;

QInputDialog *makePrompt(const Profile &profile, QWidget *parent)
{
    const ConnectionConfig &connection = profile.connection;
    auto *dialog = new QInputDialog(parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(u"syncPasswordPrompt"_s);
    dialog->setWindowTitle(QCoreApplication::translate("SyncPassword", "Sync Password"));
    dialog->setInputMode(QInputDialog::TextInput);
    dialog->setTextEchoMode(QLineEdit::Password);
    dialog->setLabelText(
        QCoreApplication::translate("SyncPassword", "Password for %1@%2 (%3 profile):")
            .arg(connection.user, connection.host, ProfileNames::toString(profile.name))
        + u"\n\n"_s
        + QCoreApplication::translate("SyncPassword",
            "This computer has no system keychain (Secret Service), so Tandem keeps the password "
            "in "
            "memory only and asks once each time it starts. Sync Settings can store it in a file "
            "instead."));
    dialog->setOkButtonText(QCoreApplication::translate("SyncPassword", "Sync"));
    dialog->setCancelButtonText(QCoreApplication::translate("SyncPassword", "Work Offline"));
    // QInputDialog's label does not wrap by itself: the sentence would make
    // the dialog as wide as the screen.
    for (QLabel *label : dialog->findChildren<QLabel *>())
        label->setWordWrap(true);
    dialog->resize(kPromptWidth, dialog->sizeHint().height());
    if (auto *edit = dialog->findChild<QLineEdit *>()) {
        edit->setObjectName(u"syncPasswordEdit"_s);
        edit->setAccessibleName(QCoreApplication::translate("SyncPassword", "Sync password"));
    }
    return dialog;
}

// No keychain and nothing kept: ask, once for this run.
void ask(const Profile &profile, PasswordStore *store, QWidget *parent, QObject *context, const Done &done)
{
    const QString key = PasswordStore::keyFor(profile.name, profile.connection);
    QInputDialog *dialog = makePrompt(profile, parent);
    // Whoever waited is gone (Tandem quits, new settings came): so is the question.
    QObject::connect(context, &QObject::destroyed, dialog, &QObject::deleteLater);
    QPointer<PasswordStore> keeper(store);
    QObject::connect(dialog, &QDialog::finished, context, [dialog, keeper, key, profile, done](int result) {
        const bool accepted = result == QDialog::Accepted;
        const QString answer = accepted ? dialog->textValue() : QString();
        if (keeper)
            keeper->rememberForSession(key, answer);
        if (!accepted)
            return done(profile, Outcome::Declined, {});
        Profile filled = profile;
        filled.connection.password = answer;
        done(filled, Outcome::Asked, {});
    });
    dialog->open();
}

} // namespace

void fill(const Profile &profile, PasswordStore *store, QWidget *parent, QObject *context, Done done)
{
    if (!profile.hasServer() || !profile.connection.password.isEmpty()) {
        // Later all the same: a caller sees one order, whatever the profile.
        QMetaObject::invokeMethod(context, [profile, done] { done(profile, Outcome::NotNeeded, {}); },
                                  Qt::QueuedConnection);
        return;
    }
    const QString key = PasswordStore::keyFor(profile.name, profile.connection);
    QPointer<PasswordStore> keeper(store);
    QPointer<QWidget> window(parent);
    store->read(key, context, [=](const PasswordStore::Result &stored) {
        if (stored.ok()) {
            Profile filled = profile;
            filled.connection.password = stored.password;
            return done(filled, Outcome::Found, {});
        }
        if (stored.status == PasswordStore::Status::Failed)
            return done(profile, Outcome::Failed, stored.message);
        if (!keeper || keeper->isAvailable())
            return done(profile, Outcome::NotStored, {}); // set it in Sync Settings
        ask(profile, keeper, window, context, done);
    });
}

} // namespace SyncPassword
