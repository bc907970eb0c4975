#include "envfile.h"

#include <QFile>
#include <QRegularExpression>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace {

// What a shell accepts as a variable name.
const QRegularExpression kKeyPattern(u"^[A-Za-z_][A-Za-z0-9_]*$"_s);

const QString kExportPrefix = u"export"_s;

// A bare value ends where a comment starts: "#" after whitespace, so that a
// "#" inside a bare value (abc#def) is kept.
qsizetype commentStart(const QString &value)
{
    for (qsizetype i = 1; i < value.size(); ++i) {
        if (value.at(i) == u'#' && value.at(i - 1).isSpace())
            return i;
    }
    return -1;
}

// The line without an "export " in front; line is already trimmed.
QString withoutExport(const QString &line)
{
    if (line.startsWith(kExportPrefix) && line.size() > kExportPrefix.size()
        && line.at(kExportPrefix.size()).isSpace())
        return line.mid(kExportPrefix.size()).trimmed();
    return line;
}

} // namespace

bool EnvFile::isVariableName(const QString &name)
{
    return kKeyPattern.match(name).hasMatch();
}

QString EnvFile::keyOf(const QString &line)
{
    const QString text = withoutExport(line.trimmed());
    if (text.startsWith(u'#'))
        return {};
    const QString key = text.left(text.indexOf(u'=')).trimmed();
    return text.contains(u'=') && isVariableName(key) ? key : QString();
}

std::optional<QList<EnvFile::Entry>> EnvFile::read(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot read %1: %2.").arg(path, file.errorString());
        return std::nullopt;
    }
    return parse(QString::fromUtf8(file.readAll()), path, error);
}

std::optional<QList<EnvFile::Entry>> EnvFile::parse(
    const QString &text, const QString &fileName, QString *error)
{
    QList<Entry> entries;
    const QStringList lines = text.split(u'\n');
    for (qsizetype index = 0; index < lines.size(); ++index) {
        const int lineNumber = int(index) + 1;
        auto fail = [&](const QString &what) {
            *error = tr("%1, line %2: %3").arg(fileName).arg(lineNumber).arg(what);
            return std::nullopt;
        };

        QString line = lines.at(index).trimmed(); // also drops the \r of CRLF files
        if (index == 0 && line.startsWith(QChar::ByteOrderMark))
            line = line.mid(1).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        line = withoutExport(line);

        const qsizetype equals = line.indexOf(u'=');
        if (equals < 0)
            return fail(tr("expected KEY=value, but the line has no \"=\"."));
        const QString key = line.left(equals).trimmed();
        if (!isVariableName(key))
            return fail(tr("expected KEY=value, but the part before \"=\" is not a variable "
                           "name (letters, digits and _)."));

        QString rest = line.mid(equals + 1).trimmed();
        QString value;
        if (rest.startsWith(u'\'') || rest.startsWith(u'"')) {
            const QChar quote = rest.front();
            qsizetype i = 1;
            bool closed = false;
            while (i < rest.size() && !closed) {
                const QChar c = rest.at(i++);
                if (quote == u'"' && c == u'\\' && i < rest.size())
                    value.append(rest.at(i++));
                else if (c == quote)
                    closed = true;
                else
                    value.append(c);
            }
            if (!closed)
                return fail(tr("the value of %1 has no closing %2 (values span one line).")
                                .arg(key, quote));
            const QString after = rest.mid(i).trimmed();
            if (!after.isEmpty() && !after.startsWith(u'#'))
                return fail(tr("unexpected text after the closing quote of %1.").arg(key));
        } else {
            const qsizetype comment = commentStart(rest);
            value = (comment < 0 ? rest : rest.left(comment)).trimmed();
        }
        entries.append({key, value, lineNumber});
    }
    return entries;
}
