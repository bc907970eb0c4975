#include "convergencedesk.h"

#include "store/sqlhelpers.h"
#include "sync/syncsession.h"
#include "syncreplica.h"
#include "topologyreplica.h"

#include <QFile>
#include <QUuid>

using namespace Qt::StringLiterals;

QList<ConvergenceDesk::Kind> ConvergenceDesk::kindsFrom(const QString &letters)
{
    QList<Kind> kinds;
    for (const QChar letter : letters) {
        if (letter == u'I')
            kinds << Kind::InProcess;
        else if (letter == u'T')
            kinds << Kind::RealTopology;
        else if (letter == u'R')
            kinds << Kind::RestoredFolder;
        else if (letter == u'C')
            kinds << Kind::CopiedFolder;
        else if (letter == u'S')
            kinds << Kind::RoleSwitch;
        else
            qFatal("unknown desk kind %c", letter.toLatin1());
    }
    return kinds;
}

ConvergenceDesk::ConvergenceDesk(Kind kind, const ScratchDatabase &cloud, bool viaBouncer, const ConvergenceDesk *first)
    : m_kind(kind)
    , m_files(std::make_unique<QTemporaryDir>())
{
    SyncOptions options;
    // A restored folder may pull many deletions at once; the person would confirm them.
    options.confirmDeletes = kind == Kind::RestoredFolder;
    switch (kind) {
    case Kind::InProcess:
    case Kind::RestoredFolder:
    case Kind::CopiedFolder:
    case Kind::RoleSwitch:
        m_inProcess = std::make_unique<SyncReplica>(cloud, QString(), viaBouncer, options);
        if (kind == Kind::CopiedFolder) {
            const QString copy = m_files->filePath(u"copy.db"_s);
            if (!first || !first->backUpTo(copy))
                qFatal("a copied folder needs a first desk to copy");
            m_inProcess->replaceCacheWith(copy);
        } else if (kind == Kind::RoleSwitch) {
            prepareRoleSwitch(cloud, viaBouncer);
        }
        m_database = m_inProcess->database.get();
        m_store = m_inProcess->store.get();
        break;
    case Kind::RealTopology:
        m_topology = std::make_unique<TopologyReplica>(cloud, viaBouncer);
        m_database = m_topology->database.get();
        m_store = m_topology->store.get();
        break;
    }
}

ConvergenceDesk::~ConvergenceDesk() = default;

bool ConvergenceDesk::backUpTo(const QString &file) const
{
    QFile::remove(file);
    return Sql::exec(db(), u"VACUUM INTO ?"_s, {file});
}

void ConvergenceDesk::prepareRoleSwitch(const ScratchDatabase &cloud, bool viaBouncer)
{
    // Synced as another role first, with edits waiting when the role changes.
    const QString role = ScratchDatabase::roles().value(0);
    if (role.isEmpty())
        qFatal("a role switch needs TANDEM_TEST_PGROLES");
    QString error;
    const auto other = ConnectionConfig::parse(cloud.connectionString(role, viaBouncer), &error);
    const auto own = ConnectionConfig::parse(cloud.connectionString({}, viaBouncer), &error);
    if (!other || !own)
        qFatal("bad test connection string: %s", qPrintable(error));
    const QSqlDatabase local = m_inProcess->database->database();
    m_inProcess->session = std::make_unique<SyncSession>(local, *other);
    const QString tag = QUuid::createUuid().toString(QUuid::Id128).left(8);
    QStringList ids;
    for (int i = 0; i < 3; ++i)
        ids << m_inProcess->add(u"made as %1 %2 #%3"_s.arg(role, tag).arg(i), {u"Work"_s}).id;
    if (!m_inProcess->sync().ok())
        qFatal("the other role's first sync failed");
    m_inProcess->add(u"waiting at the switch %1"_s.arg(tag));
    m_inProcess->edit(ids.first(), [&tag](Todo &t) { t.notes = u"edited before the switch "_s + tag; });
    m_inProcess->session = std::make_unique<SyncSession>(local, *own);
}

SyncResult ConvergenceDesk::counted(const SyncResult &result)
{
    if (!result.notice.isEmpty())
        ++m_notices;
    return result;
}

SyncResult ConvergenceDesk::sync(bool mayRestore)
{
    ++m_syncs;
    if (m_kind != Kind::RestoredFolder)
        return counted(m_inProcess ? m_inProcess->sync() : m_topology->sync());
    // Backed up before a sync, with what waits in the outbox; put back after
    // a later one, when everything since the backup is on the server.
    const QString backup = m_files->filePath(u"backup.db"_s);
    if (m_syncs % 5 == 2 && !backUpTo(backup))
        qFatal("cannot back up a restored folder's cache");
    const SyncResult result = counted(m_inProcess->sync());
    if (mayRestore && result.ok() && m_syncs % 5 == 4 && QFile::exists(backup)) {
        m_inProcess->replaceCacheWith(backup);
        m_database = m_inProcess->database.get();
        m_store = m_inProcess->store.get();
        ++m_restores;
    }
    return result;
}

SyncResult ConvergenceDesk::push()
{
    return m_inProcess ? m_inProcess->session->push() : sync();
}

SyncResult ConvergenceDesk::pull()
{
    return m_inProcess ? m_inProcess->session->pull() : sync();
}
