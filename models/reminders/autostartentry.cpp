#include "autostartentry.h"

#include <QDir>
#include <QFileInfo>
#include <QFile>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {
// The Desktop Entry spec's Exec quoting: a path with spaces or quotes in double quotes.
QString quotedProgram(const QString &program)
{
    static const QString kReserved = u" \t\n\"'\\><~|&;$*?#()`"_s;
    const bool plain = std::none_of(program.cbegin(), program.cend(), [](QChar c) { return kReserved.contains(c); });
    if (plain)
        return program;
    QString escaped = program;
    for (const QString &c : {u"\\"_s, u"\""_s, u"`"_s, u"$"_s})
        escaped.replace(c, u"\\"_s + c);
    return u'"' + escaped + u'"';
}
} // namespace

AutostartEntry::AutostartEntry(const QString &desktopId, const QString &program)
    : m_desktopId(desktopId)
    , m_program(program)
{
}

QString AutostartEntry::filePath() const
{
    const QString config = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
    return QDir(config).filePath(u"autostart/"_s + m_desktopId + u".desktop"_s);
}

bool AutostartEntry::isEnabled() const
{
    return QFile::exists(filePath());
}

QString AutostartEntry::contents() const
{
    return u"[Desktop Entry]\n"
           "Type=Application\n"
           "Name=Tandem\n"
           "Comment=Reminders for your todos\n"
           "Exec="_s
        + quotedProgram(m_program) + u" --background\n"
                                      "Icon="_s
        + m_desktopId + u"\nTerminal=false\nNoDisplay=true\nX-GNOME-Autostart-enabled=true\n"_s;
}

bool AutostartEntry::setEnabled(bool enabled) const
{
    const QString path = filePath();
    if (!enabled)
        return !QFile::exists(path) || QFile::remove(path);
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return false;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return false;
    file.write(contents().toUtf8());
    return file.commit();
}
