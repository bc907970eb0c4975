#pragma once

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

// Runs the real, built tandem-cli (TANDEM_CLI_PATH, from CMake) as a child
// process, the way a script would: with its own data folder, its own home
// and XDG folders, and an environment without any TANDEM_*, DATABASE_URL,
// PG* or QT_LOGGING_RULES of the machine or of ctest, unless a test sets them.
class CliRunner
{
public:
    struct Result
    {
        int exitCode = -1;
        bool crashed = true;
        QByteArray out;
        QByteArray err;

        QString outText() const { return QString::fromUtf8(out); }
        QString errText() const { return QString::fromUtf8(err); }
        QStringList outLines() const { return outText().split(u'\n', Qt::SkipEmptyParts); }
        QStringList errLines() const { return errText().split(u'\n', Qt::SkipEmptyParts); }
        QJsonDocument json() const { return QJsonDocument::fromJson(out); }
    };

    CliRunner()
    {
        QProcessEnvironment clean = QProcessEnvironment::systemEnvironment();
        for (const QString &key : clean.keys()) {
            if (key.startsWith(QLatin1String("TANDEM_")) || key.startsWith(QLatin1String("PG"))
                || key == QLatin1String("DATABASE_URL") || key == QLatin1String("QT_LOGGING_RULES"))
                clean.remove(key);
        }
        // The default cache and the profile files land in here, never in the real home.
        clean.insert(QStringLiteral("HOME"), m_home.path());
        clean.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
        clean.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
        clean.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
        environment = clean;
    }

    QString dataDir() const { return m_data.path(); }
    QString databasePath() const { return m_data.filePath(QStringLiteral("tandem.db")); }
    QString homeDir() const { return m_home.path(); }

    // tandem-cli with exactly these arguments.
    Result run(const QStringList &arguments, int timeoutMs = 30000) const
    {
        QProcess process;
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(TANDEM_CLI_PATH), arguments);
        Result result;
        if (!process.waitForStarted(timeoutMs)) {
            qWarning("tandem-cli did not start: %s", qPrintable(process.errorString()));
            return result;
        }
        process.closeWriteChannel();
        if (!process.waitForFinished(timeoutMs)) {
            qWarning("tandem-cli did not finish: %s", qPrintable(arguments.join(QLatin1Char(' '))));
            process.kill();
            process.waitForFinished();
        }
        result.crashed = process.exitStatus() != QProcess::NormalExit;
        result.exitCode = process.exitCode();
        result.out = process.readAllStandardOutput();
        result.err = process.readAllStandardError();
        return result;
    }

    // tandem-cli with these arguments and, after them, --data-dir of this runner.
    Result cli(const QStringList &arguments, int timeoutMs = 30000) const
    {
        return run(arguments + QStringList{QStringLiteral("--data-dir"), dataDir()}, timeoutMs);
    }

    // `add` that must work; returns the new id.
    QString add(const QStringList &arguments) const
    {
        const Result result = cli(QStringList{QStringLiteral("add")} + arguments);
        if (result.exitCode != 0 || !result.err.isEmpty())
            qWarning("add failed (%d): %s", result.exitCode, result.err.constData());
        return result.outText().trimmed();
    }

    // `export --json` that must work.
    QJsonObject exported() const
    {
        const Result result = cli({QStringLiteral("export"), QStringLiteral("--json")});
        if (result.exitCode != 0)
            qWarning("export failed (%d): %s", result.exitCode, result.err.constData());
        return result.json().object();
    }

    // The exported todo with this id; an empty object when it is not there.
    QJsonObject exportedTodo(const QString &id) const
    {
        const QJsonArray todos = exported().value(QStringLiteral("todos")).toArray();
        for (const QJsonValue &todo : todos) {
            if (todo.toObject().value(QStringLiteral("id")).toString() == id)
                return todo.toObject();
        }
        return {};
    }

    QProcessEnvironment environment;

private:
    QTemporaryDir m_data;
    QTemporaryDir m_home;
};
