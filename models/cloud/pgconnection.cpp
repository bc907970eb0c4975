#include "pgconnection.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QSqlDriver>
#include <QSqlError>

#include <libpq-fe.h>

#include <vector>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcPg, "tandem.cloud.pg")

namespace {

struct Params
{
    std::vector<QByteArray> storage;
    std::vector<const char *> values;
};

Params encodeParams(const QVariantList &params)
{
    Params encoded;
    encoded.storage.reserve(params.size());
    encoded.values.reserve(params.size());
    for (const QVariant &param : params) {
        if (param.isNull()) {
            encoded.values.push_back(nullptr);
            continue;
        }
        if (param.typeId() == QMetaType::Bool)
            encoded.storage.push_back(param.toBool() ? "t" : "f");
        else if (param.typeId() == QMetaType::QByteArray)
            encoded.storage.push_back(param.toByteArray());
        else
            encoded.storage.push_back(param.toString().toUtf8());
        encoded.values.push_back(encoded.storage.back().constData());
    }
    return encoded;
}

} // namespace

PgResult::PgResult(pg_result *result)
    : m_result(result, PQclear)
{
}

bool PgResult::ok() const
{
    if (!m_result)
        return false;
    const ExecStatusType status = PQresultStatus(m_result.get());
    return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

QString PgResult::errorMessage() const
{
    return m_result ? QString::fromUtf8(PQresultErrorMessage(m_result.get())).trimmed() : QString();
}

QString PgResult::sqlState() const
{
    return m_result ? QString::fromLatin1(PQresultErrorField(m_result.get(), PG_DIAG_SQLSTATE)) : QString();
}

int PgResult::rowCount() const
{
    return m_result ? PQntuples(m_result.get()) : 0;
}

int PgResult::columnCount() const
{
    return m_result ? PQnfields(m_result.get()) : 0;
}

bool PgResult::isNull(int row, int column) const
{
    return PQgetisnull(m_result.get(), row, column) != 0;
}

QByteArray PgResult::raw(int row, int column) const
{
    return QByteArray(PQgetvalue(m_result.get(), row, column), PQgetlength(m_result.get(), row, column));
}

QString PgResult::text(int row, int column) const
{
    return QString::fromUtf8(PQgetvalue(m_result.get(), row, column), PQgetlength(m_result.get(), row, column));
}

qint64 PgResult::int64(int row, int column) const
{
    return raw(row, column).toLongLong();
}

double PgResult::real(int row, int column) const
{
    return raw(row, column).toDouble();
}

bool PgResult::boolean(int row, int column) const
{
    return PQgetvalue(m_result.get(), row, column)[0] == 't';
}

PgConnection::PgConnection(const QSqlDatabase &db)
    : m_db(db)
{
}

PgConnection::~PgConnection()
{
    close();
}

bool PgConnection::open()
{
    m_connectFailure.reset();
    m_lastSqlState.clear();
    QElapsedTimer clock;
    clock.start();
    if (!m_db.open()) {
        m_lastError = m_db.lastError().databaseText().trimmed();
        if (m_lastError.isEmpty())
            m_lastError = m_db.lastError().text();
        m_connectFailure = diagnoseFailedOpen(clock.elapsed());
        m_lastSqlState = m_connectFailure->sqlState;
        qCDebug(lcPg) << "connection failed at stage" << int(m_connectFailure->stage)
                      << m_lastSqlState << m_lastError;
        return false;
    }
    const QVariant handle = m_db.driver()->handle();
    // QPSQL registers the handle as "PGconn*" or, by its struct name, "pg_conn*".
    const bool isPgConn = qstrcmp(handle.typeName(), "PGconn*") == 0 || qstrcmp(handle.typeName(), "pg_conn*") == 0;
    if (!handle.isValid() || !isPgConn) {
        m_lastError = tr("The QPSQL driver did not hand out a libpq connection.");
        m_db.close();
        return false;
    }
    m_conn = *static_cast<PGconn *const *>(handle.constData());
    return m_conn != nullptr;
}

// QPSQL's open() gives only a translated sentence, so the same connection
// string goes once more to libpq, which is watched this time (see
// ConnectDiagnosis). A first attempt that already used up connect_timeout is
// taken as timed out, so that a server that does not answer costs one
// deadline, not two.
ConnectDiagnosis PgConnection::diagnoseFailedOpen(qint64 elapsedMs) const
{
    // What QPSQL builds: the five fields, then the connect options with
    // their ";" turned into spaces.
    auto quoted = [](QString value) {
        value.replace(u'\\', u"\\\\"_s).replace(u'\'', u"\\'"_s);
        return u'\'' + value + u'\'';
    };
    QStringList parts;
    const std::pair<const char *, QString> fields[] = {{"host", m_db.hostName()},
        {"dbname", m_db.databaseName()}, {"user", m_db.userName()},
        {"password", m_db.password()},
        {"port", m_db.port() == -1 ? QString() : QString::number(m_db.port())}};
    for (const auto &[keyword, value] : fields) {
        if (!value.isEmpty())
            parts << QString::fromLatin1(keyword) + u'=' + quoted(value);
    }
    QString options = m_db.connectOptions();
    parts << options.replace(u';', u' ');
    const QByteArray conninfo = parts.join(u' ').toUtf8();

    const int timeoutSeconds = ConnectDiagnosis::connectTimeoutSeconds(conninfo);
    if (timeoutSeconds > 0 && elapsedMs >= qint64(timeoutSeconds) * 1000) {
        ConnectDiagnosis timedOut;
        timedOut.stage = ConnectDiagnosis::Stage::TimedOut;
        return timedOut;
    }
    return ConnectDiagnosis::run(conninfo);
}

void PgConnection::close()
{
    m_conn = nullptr;
    if (m_db.isOpen())
        m_db.close();
}

bool PgConnection::isOpen() const
{
    return m_conn != nullptr;
}

bool PgConnection::isHealthy() const
{
    return m_conn && PQstatus(m_conn) == CONNECTION_OK;
}

PgResult PgConnection::exec(const QString &sql, const QVariantList &params)
{
    if (!m_conn) {
        m_lastError = tr("Not connected.");
        return {};
    }
    const Params encoded = encodeParams(params);
    const QByteArray text = sql.toUtf8();
    PgResult result(PQexecParams(m_conn, text.constData(), int(encoded.values.size()), nullptr,
                                 encoded.values.data(),
                                 nullptr, nullptr, 0));
    if (!result.ok()) {
        m_lastError = result.errorMessage();
        if (m_lastError.isEmpty())
            m_lastError = QString::fromUtf8(PQerrorMessage(m_conn)).trimmed();
        m_lastSqlState = result.sqlState();
        qCDebug(lcPg) << "statement failed:" << m_lastSqlState << m_lastError;
    } else {
        m_lastError.clear();
        m_lastSqlState.clear();
    }
    return result;
}

bool PgConnection::run(const QString &sql, const QVariantList &params)
{
    return exec(sql, params).ok();
}


QList<PgResult> PgConnection::pipeline(const QList<Statement> &statements, bool *ok)
{
    *ok = false;
    QList<PgResult> results;
    if (!m_conn) {
        m_lastError = tr("Not connected.");
        return results;
    }
    if (PQenterPipelineMode(m_conn) != 1) {
        m_lastError = QString::fromUtf8(PQerrorMessage(m_conn)).trimmed();
        return results;
    }
    bool sent = true;
    for (const Statement &statement : statements) {
        const Params params = encodeParams(statement.params);
        const QByteArray sql = statement.sql.toUtf8();
        if (PQsendQueryParams(m_conn, sql.constData(), int(params.values.size()), nullptr,
                              params.values.data(), nullptr, nullptr, 0) != 1) {
            sent = false;
            break;
        }
    }
    if (!sent || PQpipelineSync(m_conn) != 1) {
        m_lastError = QString::fromUtf8(PQerrorMessage(m_conn)).trimmed();
        PQexitPipelineMode(m_conn);
        return results;
    }

    // One result (then a null) per statement, then the sync marker.
    bool failed = false;
    for (;;) {
        PGresult *raw = PQgetResult(m_conn);
        if (!raw) {
            if (PQstatus(m_conn) != CONNECTION_OK)
                break; // the connection is gone; no sync marker will come
            continue;
        }
        const ExecStatusType status = PQresultStatus(raw);
        if (status == PGRES_PIPELINE_SYNC) {
            PQclear(raw);
            break;
        }
        PgResult result(raw);
        if (status == PGRES_PIPELINE_ABORTED)
            continue; // skipped after an earlier error
        if (!result.ok() && !failed) {
            failed = true;
            m_lastError = result.errorMessage();
            m_lastSqlState = result.sqlState();
        }
        if (!failed)
            results << result;
    }
    PQexitPipelineMode(m_conn);
    if (PQstatus(m_conn) != CONNECTION_OK) {
        if (!failed)
            m_lastError = QString::fromUtf8(PQerrorMessage(m_conn)).trimmed();
        return results;
    }
    *ok = !failed && results.size() == statements.size();
    if (*ok) {
        m_lastError.clear();
        m_lastSqlState.clear();
    }
    return results;
}

QList<PgResult> PgConnection::transaction(const QList<Statement> &statements, int statementTimeoutMs,
                                          bool *ok, const QString &mode)
{
    QList<Statement> all;
    all << Statement{mode.isEmpty() ? u"BEGIN"_s : u"BEGIN "_s + mode, {}};
    all << Statement{u"SELECT set_config('statement_timeout', $1, true)"_s,
                     {QString::number(std::max(0, statementTimeoutMs))}};
    all << statements;
    all << Statement{u"COMMIT"_s, {}};
    QList<PgResult> results = pipeline(all, ok);
    if (!*ok) {
        rollback();
        return {};
    }
    return results.mid(2, statements.size());
}

bool PgConnection::runScript(const QString &sql)
{
    if (!m_conn) {
        m_lastError = tr("Not connected.");
        return false;
    }
    const PgResult result(PQexec(m_conn, sql.toUtf8().constData()));
    m_lastError = result.ok() ? QString() : result.errorMessage();
    m_lastSqlState = result.ok() ? QString() : result.sqlState();
    return result.ok();
}

bool PgConnection::begin(const QString &mode)
{
    return run(mode.isEmpty() ? u"BEGIN"_s : u"BEGIN "_s + mode);
}

bool PgConnection::commit()
{
    return run(u"COMMIT"_s);
}

void PgConnection::rollback()
{
    if (m_conn && PQtransactionStatus(m_conn) != PQTRANS_IDLE)
        PQclear(PQexec(m_conn, "ROLLBACK"));
}

QString PgConnection::serverVersion() const
{
    if (!m_conn)
        return {};
    const int version = PQserverVersion(m_conn);
    return u"%1.%2"_s.arg(version / 10000).arg(version % 10000);
}

bool PgConnection::sslInUse() const
{
    return m_conn && PQsslInUse(m_conn) == 1;
}
