#include "envfilewriter.h"

#include "envfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

using namespace Qt::StringLiterals;

std::optional<QString> EnvFileWriter::quoted(const QString &value)
{
    if (value.contains(u'\n') || value.contains(u'\r'))
        return std::nullopt;
    if (!value.contains(u'\''))
        return u'\'' + value + u'\'';
    QString escaped;
    for (QChar c : value) {
        if (c == u'\\' || c == u'"' || c == u'$' || c == u'`')
            escaped += u'\\';
        escaped += c;
    }
    return u'"' + escaped + u'"';
}

std::optional<QString> EnvFileWriter::updated(const QString &text, const QStringList &replaced,
                                              const QString &comment, const Values &values, QString *error)
{
    QStringList lines;
    for (const QString &line : text.split(u'\n')) {
        if (line.trimmed() == comment || replaced.contains(EnvFile::keyOf(line)))
            continue;
        lines << line;
    }
    while (!lines.isEmpty() && lines.last().trimmed().isEmpty())
        lines.removeLast();
    if (!values.isEmpty()) {
        if (!lines.isEmpty())
            lines << QString();
        lines << comment;
        for (const auto &[key, value] : values) {
            if (!EnvFile::isVariableName(key)) {
                *error = tr("%1 is not a variable name (letters, digits and _).").arg(key);
                return std::nullopt;
            }
            const std::optional<QString> written = quoted(value);
            if (!written) {
                *error = tr("The value of %1 has a line break: a settings file holds one line per value.").arg(key);
                return std::nullopt;
            }
            lines << key + u'=' + *written;
        }
    }
    return lines.join(u'\n') + u'\n';
}

bool EnvFileWriter::update(const QString &path, const QStringList &replaced, const QString &comment,
                           const Values &values, QString *error)
{
    QString existing;
    {
        QFile file(path);
        if (file.open(QIODevice::ReadOnly))
            existing = QString::fromUtf8(file.readAll());
    }
    const std::optional<QString> text = updated(existing, replaced, comment, values, error);
    if (!text)
        return false;
    const QString folder = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(folder)) {
        *error = tr("Could not create the folder %1.").arg(QDir::toNativeSeparators(folder));
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)
        || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        *error = tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        file.cancelWriting();
        return false;
    }
    file.write(text->toUtf8());
    if (!file.commit()) {
        *error = tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return true;
}
