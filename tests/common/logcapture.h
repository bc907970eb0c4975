#pragma once

// Captures every log line of the tandem.* categories while alive, at every
// level, whatever QT_LOGGING_RULES says: ctest sets tandem.*.info=false, and
// a message handler alone never sees a line its category filters out, so a
// "no password in any log line" loop would read warnings only. The filter
// below turns every level of every tandem.* category on; environment rules
// beat QLoggingCategory::setFilterRules(), not an installed filter.
//
// Lines come from any thread (sync workers, keychain jobs). Warnings and
// other categories' lines still reach the previous handler (the test log,
// QTest::ignoreMessage()); the debug and info lines turned on here only
// for the capture do not.

#include <QLoggingCategory>
#include <QMutex>
#include <QString>
#include <QStringList>

class LogCapture
{
public:
    LogCapture()
    {
        clear();
        s_previousHandler = qInstallMessageHandler(&LogCapture::handler);
        s_previousFilter = QLoggingCategory::installFilter(&LogCapture::filter);
    }
    ~LogCapture()
    {
        QLoggingCategory::installFilter(s_previousFilter);
        qInstallMessageHandler(s_previousHandler);
    }
    LogCapture(const LogCapture &) = delete;
    LogCapture &operator=(const LogCapture &) = delete;

    static QStringList lines()
    {
        QMutexLocker lock(&s_mutex);
        return s_lines;
    }
    static QString text() { return lines().join(u'\n'); }
    static void clear()
    {
        QMutexLocker lock(&s_mutex);
        s_lines.clear();
    }

private:
    static bool isTandem(const char *category) { return category && qstrncmp(category, "tandem.", 7) == 0; }

    static void handler(QtMsgType type, const QMessageLogContext &context, const QString &message)
    {
        {
            QMutexLocker lock(&s_mutex);
            s_lines.append(message);
        }
        const bool onlyForCapture = (type == QtDebugMsg || type == QtInfoMsg) && isTandem(context.category);
        if (!onlyForCapture && s_previousHandler)
            s_previousHandler(type, context, message);
    }
    static void filter(QLoggingCategory *category)
    {
        if (s_previousFilter)
            s_previousFilter(category);
        if (isTandem(category->categoryName())) {
            for (QtMsgType type : {QtDebugMsg, QtInfoMsg, QtWarningMsg, QtCriticalMsg})
                category->setEnabled(type, true);
        }
    }

    static inline QMutex s_mutex;
    static inline QStringList s_lines;
    static inline QLoggingCategory::CategoryFilter s_previousFilter = nullptr;
    static inline QtMessageHandler s_previousHandler = nullptr;
};
