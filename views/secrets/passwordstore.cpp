#include "passwordstore.h"

#include <qt6keychain/keychain.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QPointer>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTimer>

#include <memory>
#include <utility>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcPasswords, "tandem.secrets", QtInfoMsg)

namespace {

const QString kService = u"tandem"_s;
const QString kFileName = u"sync-passwords.json"_s;
// Read to find out whether a keychain answers; never written.
const QString kProbeKey = u"tandem-keychain-probe"_s;

constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

// The keychain says "nothing there" or "there, but locked": either way it answers.
bool keychainAnswered(QKeychain::Error error)
{
    return error == QKeychain::NoError || error == QKeychain::EntryNotFound
        || error == QKeychain::AccessDenied || error == QKeychain::AccessDeniedByUser;
}

} // namespace

PasswordStore::PasswordStore(QObject *parent)
    : PasswordStore(kService, QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation), parent)
{
}

PasswordStore::PasswordStore(const QString &service, const QString &fileDir, QObject *parent)
    : QObject(parent)
    , m_service(service)
    , m_fileDir(fileDir)
{
}

PasswordStore::~PasswordStore() = default;

QString PasswordStore::keyFor(ProfileName profile, const ConnectionConfig &connection)
{
    return u"%1/%2@%3/%4"_s.arg(ProfileNames::toString(profile), connection.user, connection.host,
                                connection.database);
}

void PasswordStore::probe()
{
    if (m_probed || m_probing)
        return;
    m_probing = true;
    // QtKeychain has no "is there a keychain?" call: reading an entry that
    // does not exist tells, by the kind of answer (or none at all).
    auto *job = new QKeychain::ReadPasswordJob(m_service); // deletes itself when finished
    job->setKey(kProbeKey);
    job->setInsecureFallback(false);
    connect(job, &QKeychain::Job::finished, this, [this](QKeychain::Job *finished) {
        probeAnswered(std::pair(int(finished->error()), finished->errorString()));
    });
    // A keychain that never answers (a hung daemon) counts as none.
    QTimer::singleShot(kProbeTimeoutMs, this, [this] { probeAnswered(std::nullopt); });
    job->start();
}

void PasswordStore::probeAnswered(std::optional<std::pair<int, QString>> answer)
{
    if (m_probed)
        return; // the timeout after the answer, or the answer after the timeout
    m_probed = true;
    m_probing = false;
    if (!answer) {
        m_available = false;
        m_unavailableReason = tr("The system keychain did not answer within %n second(s).", nullptr,
                                 kProbeTimeoutMs / 1000);
    } else if (keychainAnswered(QKeychain::Error(answer->first))) {
        m_available = true;
        m_unavailableReason.clear();
    } else {
        m_available = false;
        m_unavailableReason = tr("No system keychain (Secret Service) is available: %1")
                                  .arg(answer->second.section(u'\n', 0, 0));
    }
    if (m_available)
        qCInfo(lcPasswords) << "system keychain available";
    else
        qCInfo(lcPasswords).noquote() << "no system keychain:" << m_unavailableReason;
    Q_EMIT availabilityKnown(m_available);
    const auto waiting = std::exchange(m_afterProbe, {});
    for (const auto &[context, operation] : waiting) {
        if (context)
            operation();
    }
}

void PasswordStore::afterProbe(QObject *context, std::function<void()> operation)
{
    if (m_probed)
        return operation();
    m_afterProbe.append({QPointer<QObject>(context), std::move(operation)});
    probe();
}

QString PasswordStore::filePath() const
{
    return QDir(m_fileDir).filePath(kFileName);
}

bool PasswordStore::hasFileEntry(const QString &key) const
{
    return fileEntry(key).has_value();
}

std::optional<QString> PasswordStore::fileEntry(const QString &key) const
{
    QFile file(filePath());
    if (!file.exists() || !file.open(QIODevice::ReadOnly))
        return std::nullopt;
    if (file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup
                              | QFileDevice::WriteOther)) {
        qCWarning(lcPasswords).noquote() << filePath() << "was readable by others; made it readable by you only";
        file.setPermissions(kOwnerOnly);
    }
    const QJsonObject entries = QJsonDocument::fromJson(file.readAll()).object();
    const QJsonValue value = entries.value(key);
    if (!value.isString())
        return std::nullopt;
    return value.toString();
}

bool PasswordStore::writeFileEntry(const QString &key, const std::optional<QString> &password, QString *error)
{
    const QString path = filePath();
    QJsonObject entries;
    {
        QFile existing(path);
        if (existing.open(QIODevice::ReadOnly))
            entries = QJsonDocument::fromJson(existing.readAll()).object();
    }
    if (!password && !entries.contains(key))
        return true; // nothing to take out
    if (password)
        entries.insert(key, *password);
    else
        entries.remove(key);

    if (entries.isEmpty()) {
        if (QFile::exists(path) && !QFile::remove(path)) {
            *error = tr("Could not delete %1.").arg(path);
            return false;
        }
        return true;
    }
    if (!QDir().mkpath(m_fileDir)) {
        *error = tr("Could not create the folder %1.").arg(m_fileDir);
        return false;
    }
    QSaveFile file(path);
    // Owner-only before a single byte of the password is in it.
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(kOwnerOnly)) {
        *error = tr("Could not write %1: %2").arg(path, file.errorString());
        file.cancelWriting();
        return false;
    }
    file.write(QJsonDocument(entries).toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        *error = tr("Could not write %1: %2").arg(path, file.errorString());
        return false;
    }
    // QSaveFile may carry over the permissions of the file it replaced.
    QFile::setPermissions(path, kOwnerOnly);
    return true;
}

void PasswordStore::finish(QObject *context, const Callback &done, const Result &result)
{
    // Always later, never from inside the call: the same order as a keychain answer.
    QMetaObject::invokeMethod(context ? context : this, [done, result] { done(result); }, Qt::QueuedConnection);
}

void PasswordStore::rememberForSession(const QString &key, const QString &password)
{
    m_session.insert(key, password);
}

void PasswordStore::read(const QString &key, QObject *context, Callback done)
{
    if (!context)
        context = this;
    afterProbe(context, [this, key, context, done] {
        if (m_available)
            return readKeychain(key, context, done);
        if (const auto it = m_session.constFind(key); it != m_session.cend())
            return finish(context, done, {Status::Ok, Location::Session, *it, {}});
        if (const auto stored = fileEntry(key))
            return finish(context, done, {Status::Ok, Location::File, *stored, {}});
        finish(context, done, {Status::NotFound, Location::None, {}, m_unavailableReason});
    });
}

void PasswordStore::readKeychain(const QString &key, QObject *context, const Callback &done)
{
    // Whichever comes first, the keychain's answer or the deadline, is the answer.
    auto answered = std::make_shared<bool>(false);
    auto answerOnce = [answered, done](const Result &result) {
        if (std::exchange(*answered, true))
            return;
        done(result);
    };
    QTimer::singleShot(kReadTimeoutMs, context, [answerOnce] {
        answerOnce({Status::Failed, Location::Keychain, {},
                    tr("The system keychain did not answer within %n second(s).", nullptr, kReadTimeoutMs / 1000)});
    });
    auto *job = new QKeychain::ReadPasswordJob(m_service); // deletes itself when finished
    job->setKey(key);
    job->setInsecureFallback(false);
    QPointer<PasswordStore> self(this);
    connect(job, &QKeychain::Job::finished, context, [self, key, answerOnce](QKeychain::Job *finished) {
        const auto *readJob = static_cast<QKeychain::ReadPasswordJob *>(finished);
        switch (readJob->error()) {
        case QKeychain::NoError:
            answerOnce({Status::Ok, Location::Keychain, readJob->textData(), {}});
            return;
        case QKeychain::EntryNotFound:
            // A file from a time without keychain still counts.
            if (const auto stored = self ? self->fileEntry(key) : std::nullopt) {
                answerOnce({Status::Ok, Location::File, *stored, {}});
                return;
            }
            answerOnce({Status::NotFound, Location::None, {}, {}});
            return;
        default:
            answerOnce({Status::Failed, Location::Keychain, {},
                        tr("The system keychain did not give out the sync password: %1")
                            .arg(readJob->errorString().section(u'\n', 0, 0))});
            return;
        }
    });
    job->start();
}

void PasswordStore::write(const QString &key, const QString &password, QObject *context, Callback done)
{
    if (!context)
        context = this;
    if (password.isEmpty())
        return remove(key, context, done);
    afterProbe(context, [this, key, password, context, done] {
        if (m_available)
            return writeKeychain(key, password, context, done);
        QString error;
        if (m_fileFallback) {
            m_session.remove(key);
            if (!writeFileEntry(key, password, &error))
                return finish(context, done, {Status::Failed, Location::File, {}, error});
            return finish(context, done,
                          {Status::Ok, Location::File, {},
                           tr("The password is stored in %1, readable only by you.").arg(filePath())});
        }
        m_session.insert(key, password);
        // Opted out (again): no copy stays in the file.
        if (!writeFileEntry(key, std::nullopt, &error))
            qCWarning(lcPasswords).noquote() << error;
        finish(context, done,
               {Status::Ok, Location::Session, {},
                tr("There is no system keychain: Tandem keeps the password in memory until it quits.")});
    });
}

void PasswordStore::writeKeychain(const QString &key, const QString &password, QObject *context,
                                  const Callback &done)
{
    auto *job = new QKeychain::WritePasswordJob(m_service); // deletes itself when finished
    job->setKey(key);
    job->setInsecureFallback(false);
    job->setTextData(password);
    QPointer<PasswordStore> self(this);
    connect(job, &QKeychain::Job::finished, context, [self, key, done](QKeychain::Job *finished) {
        if (finished->error() != QKeychain::NoError) {
            done({Status::Failed, Location::Keychain, {},
                  tr("The system keychain did not store the sync password: %1")
                      .arg(finished->errorString().section(u'\n', 0, 0))});
            return;
        }
        if (self) {
            // Now in the keychain: no other copy stays behind.
            self->m_session.remove(key);
            QString error;
            if (!self->writeFileEntry(key, std::nullopt, &error))
                qCWarning(lcPasswords).noquote() << error;
        }
        done({Status::Ok, Location::Keychain, {}, tr("The password is stored in the system keychain.")});
    });
    job->start();
}

void PasswordStore::remove(const QString &key, QObject *context, Callback done)
{
    if (!context)
        context = this;
    m_session.remove(key);
    QString fileError;
    const bool fileOk = writeFileEntry(key, std::nullopt, &fileError);
    afterProbe(context, [this, key, fileOk, fileError, context, done] {
        if (m_available)
            return removeKeychain(key, fileOk, fileError, context, done);
        finish(context, done,
               fileOk ? Result{Status::Ok, Location::None, {}, {}} : Result{Status::Failed, Location::File, {}, fileError});
    });
}

void PasswordStore::removeKeychain(const QString &key, bool fileOk, const QString &fileError, QObject *context,
                                   const Callback &done)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service); // deletes itself when finished
    job->setKey(key);
    job->setInsecureFallback(false);
    connect(job, &QKeychain::Job::finished, context, [done, fileOk, fileError](QKeychain::Job *finished) {
        const QKeychain::Error error = finished->error();
        if (error != QKeychain::NoError && error != QKeychain::EntryNotFound) {
            done({Status::Failed, Location::Keychain, {},
                  tr("The system keychain did not delete the sync password: %1")
                      .arg(finished->errorString().section(u'\n', 0, 0))});
            return;
        }
        done(fileOk ? Result{Status::Ok, Location::None, {}, {}}
                    : Result{Status::Failed, Location::File, {}, fileError});
    });
    job->start();
}
