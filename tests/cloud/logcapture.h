#pragma once

// Captures every log line of the tandem.* categories while alive, at every
// level, whatever QT_LOGGING_RULES says (ctest turns tandem.*.info off, and
// environment rules beat QLoggingCategory::setFilterRules()). Used to check
// that no password ever reaches a log line.

#include <QLoggingCategory>
#include <QString>
#include <QStringList>

class LogCapture
{
public:
    LogCapture()
    {
        s_lines.clear();
        m_previousHandler = qInstallMessageHandler(&LogCapture::handler);
        s_previousFilter = QLoggingCategory::installFilter(&LogCapture::filter);
    }
    ~LogCapture()
    {
        QLoggingCategory::installFilter(s_previousFilter);
        qInstallMessageHandler(m_previousHandler);
    }
    LogCapture(const LogCapture &) = delete;
    LogCapture &operator=(const LogCapture &) = delete;

    static QStringList lines() { return s_lines; }
    static QString text() { return s_lines.join(u'\n'); }

private:
    static void handler(QtMsgType, const QMessageLogContext &, const QString &message)
    {
        s_lines.append(message);
    }
    static void filter(QLoggingCategory *category)
    {
        if (s_previousFilter)
            s_previousFilter(category);
        if (qstrncmp(category->categoryName(), "tandem.", 7) == 0) {
            for (QtMsgType type : {QtDebugMsg, QtInfoMsg, QtWarningMsg, QtCriticalMsg})
                category->setEnabled(type, true);
        }
    }

    static inline QStringList s_lines;
    static inline QLoggingCategory::CategoryFilter s_previousFilter = nullptr;
    QtMessageHandler m_previousHandler = nullptr;
};
