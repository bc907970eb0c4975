#include "convergencedesk.h"

#include "sync/syncsession.h"
#include "syncreplica.h"
#include "topologyreplica.h"

QList<ConvergenceDesk::Kind> ConvergenceDesk::kindsFrom(const QString &letters)
{
    QList<Kind> kinds;
    for (const QChar letter : letters) {
        if (letter == u'I')
            kinds << Kind::InProcess;
        else if (letter == u'T')
            kinds << Kind::RealTopology;
        else
            qFatal("unknown desk kind %c", letter.toLatin1());
    }
    return kinds;
}

ConvergenceDesk::ConvergenceDesk(Kind kind, const ScratchDatabase &cloud, bool viaBouncer)
    : m_kind(kind)
{
    switch (kind) {
    case Kind::InProcess:
        m_inProcess = std::make_unique<SyncReplica>(cloud, QString(), viaBouncer);
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

SyncResult ConvergenceDesk::sync()
{
    return m_inProcess ? m_inProcess->sync() : m_topology->sync();
}

SyncResult ConvergenceDesk::push()
{
    return m_inProcess ? m_inProcess->session->push() : sync();
}

SyncResult ConvergenceDesk::pull()
{
    return m_inProcess ? m_inProcess->session->pull() : sync();
}
