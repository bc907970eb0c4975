#pragma once

#include "cloud/profile.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
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
// Nothing here waits: no nested event loop, ever (it would run the whole
// window's events from inside a call, a dialog could close under its own
// feet). read(), write() and remove() return at once; the callback runs
// later, through the event loop, on the thread of `context`, and never once
// `context` is gone (a dialog that closed meanwhile is not called back).
// Until the keychain has answered the probe, calls wait in a queue.
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

    // Asks whether a keychain answers (once per run, at most kProbeTimeoutMs);
    // availabilityKnown() tells. read(), write() and remove() start it too.
    void probe();
    bool isProbed() const { return m_probed; }
    // Whether a keychain answered the probe; false while it is not probed yet.
    bool isAvailable() const { return m_available; }
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

    // Keeps a password in memory for this run (the answer to a prompt).
    void rememberForSession(const QString &key, const QString &password);

Q_SIGNALS:
    void availabilityKnown(bool available);

private:
    void probeAnswered(std::optional<std::pair<int, QString>> answer);
    // Runs operation now when the probe has answered, else once it has.
    void afterProbe(QObject *context, std::function<void()> operation);
    void readKeychain(const QString &key, QObject *context, const Callback &done);
    void writeKeychain(const QString &key, const QString &password, QObject *context, const Callback &done);
    void removeKeychain(const QString &key, bool fileOk, const QString &fileError, QObject *context,
                        const Callback &done);
    void finish(QObject *context, const Callback &done, const Result &result);
    std::optional<QString> fileEntry(const QString &key) const;
    bool writeFileEntry(const QString &key, const std::optional<QString> &password, QString *error);

    QString m_service;
    QString m_fileDir;
    bool m_probed = false;  // answered (or timed out)
    bool m_probing = false;
    bool m_available = false;
    QList<std::pair<QPointer<QObject>, std::function<void()>>> m_afterProbe;
    QString m_unavailableReason;
    bool m_fileFallback = false;
    QHash<QString, QString> m_session;
};
