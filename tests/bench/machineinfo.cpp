#include "machineinfo.h"

#include <QDateTime>
#include <QFile>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSysInfo>
#include <QThread>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace {

// The value of the first "key : value" line of a /proc file.
QString procField(const QString &file, const QString &key)
{
    QFile proc(file);
    if (!proc.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    const QRegularExpression line(u"^"_s + QRegularExpression::escape(key) + u"\\s*:\\s*(.*)$"_s,
                                  QRegularExpression::MultilineOption);
    const auto match = line.match(QString::fromUtf8(proc.readAll()));
    return match.hasMatch() ? match.captured(1).trimmed() : QString();
}

QString querySqliteVersion()
{
    const QString name = u"tandem-bench-version-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QString version;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(u":memory:"_s);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(u"SELECT sqlite_version()"_s) && query.next())
                version = query.value(0).toString();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return version.isEmpty() ? u"unknown"_s : version;
}

} // namespace

MachineInfo MachineInfo::collect()
{
    MachineInfo info;
    info.cpuCount = QThread::idealThreadCount();
    info.cpuModel = procField(u"/proc/cpuinfo"_s, u"model name"_s);
    if (info.cpuModel.isEmpty())
        info.cpuModel = QSysInfo::currentCpuArchitecture();
    const QString memKb = procField(u"/proc/meminfo"_s, u"MemTotal"_s).section(u' ', 0, 0);
    if (!memKb.isEmpty())
        info.memory = u"%1 GiB"_s.arg(memKb.toDouble() / 1024.0 / 1024.0, 0, 'f', 1);
    info.os = u"%1, kernel %2"_s.arg(QSysInfo::prettyProductName(), QSysInfo::kernelVersion());
    info.qtVersion = QString::fromLatin1(qVersion());
    info.sqliteVersion = querySqliteVersion();
    info.dateTime = QDateTime::currentDateTime().toString(Qt::ISODate);
    QFile loadavg(u"/proc/loadavg"_s);
    if (loadavg.open(QIODevice::ReadOnly | QIODevice::Text))
        info.loadAverage = QString::fromLatin1(loadavg.readAll()).section(u' ', 0, 2);
    return info;
}

QStringList MachineInfo::toLines() const
{
    return {
        u"- date: %1"_s.arg(dateTime),
        u"- CPUs (nproc): %1 × %2"_s.arg(cpuCount).arg(cpuModel),
        u"- memory: %1"_s.arg(memory.isEmpty() ? u"unknown"_s : memory),
        u"- OS: %1"_s.arg(os),
        u"- Qt %1 (runtime), SQLite %2"_s.arg(qtVersion, sqliteVersion),
        u"- load average at the start (1/5/15 min): %1"_s.arg(loadAverage.isEmpty() ? u"unknown"_s : loadAverage),
    };
}
