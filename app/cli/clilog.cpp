#include "clilog.h"

#include <QProcessEnvironment>

#include <cstdio>

using namespace Qt::StringLiterals;

QStringList CliLog::s_heldBack;

void CliLog::install()
{
    if (!QProcessEnvironment::systemEnvironment().value(u"QT_LOGGING_RULES"_s).isEmpty())
        return;
    qInstallMessageHandler(&CliLog::handle);
}

void CliLog::handle(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    switch (type) {
    case QtDebugMsg:
    case QtInfoMsg:
        return;
    case QtWarningMsg:
    case QtCriticalMsg:
        break;
    case QtFatalMsg: // Qt aborts right after this: say why first
        std::fprintf(stderr, "tandem-cli: %s\n", qUtf8Printable(message));
        return;
    }
    const bool named = context.category && qstrcmp(context.category, "default") != 0;
    QString line = named ? QString::fromUtf8(context.category) + u": "_s + message : message;
    line.replace(u'\n', u' ');
    s_heldBack << line;
}

void CliLog::finish(bool succeeded)
{
    if (succeeded) {
        for (const QString &line : std::as_const(s_heldBack))
            std::fprintf(stderr, "tandem-cli: warning: %s\n", qUtf8Printable(line));
    }
    s_heldBack.clear();
}
