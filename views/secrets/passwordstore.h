#pragma once

#include "cloud/profile.h"

#include <QHash>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

// Where the sync password lives: the system keychain (the Secret Service on
// Linux: GNOME Keyring, KWallet, KeePassXC), through QtKeychain. Entries are
// kept under the service "tandem" and the key "<profile>/<user>@<host>/<db>"
// (keyFor()). The password is never written to QSettings, never logged and
// never put into a message.
//
// Without a keychain (no Secret Service on the session bus) a written
// password is kept in memory for this run only, unless the person opted in
// to a file readable only by them (setFileFallbackEnabled(), "less safe"):
// <AppConfigLocation>/sync-passwords.json, mode 0600.
//
// read(), write() and remove() are asynchronous, like the keychain: the
// callback runs later on the thread of `context`, and never once `context`
// is gone (a dialog that closed meanwhile is not called back). readNow()
// waits, for start-up only.
class PasswordStore : public QObject
{
    Q_OBJECT
public:
    static constexpr int kProbeTimeoutMs = 3000;
    static constexpr int kReadTimeoutMs = 10000;

    enum class Status {
        Ok,
        NotFound,   // nothing stored under the key
        Failed,     // the keychain refused or did not answer; see message
    };
    Q_ENUM(Status)

    enum class Location { None, Keychain, File, Session };
    Q_ENUM(Location)

    struct Result
    {
        Status status = Status::Failed;
        Location location = Location::None; // where it was found or written
        QString password;                   // read() with Ok only
        QString message;                    // one translated sentence; never the password
        bool ok() const { return status == Status::Ok; }
    };
    using Callback = std::function<void(const Result &)>;

    // The keychain service "tandem"; the opt-in file in AppConfigLocation.
    explicit PasswordStore(QObject *parent = nullptr);
    // For tests and tools: another service name and folder for the file.
    PasswordStore(const QString &service, const QString &fileDir, QObject *parent = nullptr);
    ~PasswordStore() override;

    // "<profile>/<user>@<host>/<db>", e.g. "production/alex@ep-x.neon.tech/neondb".
    static QString keyFor(ProfileName profile, const ConnectionConfig &connection);

    // Whether a keychain answers. The first call asks it (waiting up to
    // kProbeTimeoutMs in a local event loop); the answer is kept for this run.
    bool isAvailable();
    // Why not, as one translated sentence; empty while it is available.
    QString unavailableReason() const { return m_unavailableReason; }

    // The opt-in file (only used without a keychain).
    QString filePath() const;
    bool hasFileEntry(const QString &key) const;
    void setFileFallbackEnabled(bool enabled) { m_fileFallback = enabled; }
    bool fileFallbackEnabled() const { return m_fileFallback; }

    // Read order: the keychain, then the opt-in file; without a keychain,
    // this run's memory, then the file.
    void read(const QString &key, QObject *context, Callback done);
    // Into the keychain (and out of the file, if it was there). Without a
    // keychain: into the file when opted in, else into memory for this run.
    void write(const QString &key, const QString &password, QObject *context, Callback done);
    // From every place it may be in. Removing what is not there is Ok.
    void remove(const QString &key, QObject *context, Callback done);

    // read(), waiting up to timeoutMs in a local event loop.
    Result readNow(const QString &key, int timeoutMs = kReadTimeoutMs);

    // Keeps a password in memory for this run (the answer to a prompt).
    void rememberForSession(const QString &key, const QString &password);

private:
    void probe();
    void finish(QObject *context, const Callback &done, const Result &result);
    std::optional<QString> fileEntry(const QString &key) const;
    bool writeFileEntry(const QString &key, const std::optional<QString> &password, QString *error);

    QString m_service;
    QString m_fileDir;
    bool m_probed = false;
    bool m_available = false;
    QString m_unavailableReason;
    bool m_fileFallback = false;
    QHash<QString, QString> m_session;
};
