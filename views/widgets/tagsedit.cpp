#include "tagsedit.h"

#include "domain/tagkey.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

TagsEdit::TagsEdit(QWidget *parent)
    : QLineEdit(parent)
{ }

void TagsEdit::setTags(const QStringList &tags)
{
    const QString shown = join(tags);
    if (text() != shown)
        setText(shown);
}

QStringList TagsEdit::parse(const QString &text)
{
    static const QRegularExpression item(u"\\s*(?:\"((?:[^\"]|\"\")*)\"|([^,]*))\\s*(?:,|$)"_s);
    QStringList tags;
    QStringList keys;
    for (auto it = item.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        if (match.capturedLength() == 0 && match.capturedStart() >= text.size())
            break;
        QString tag = match.hasCaptured(1) ? match.captured(1).replace(u"\"\""_s, u"\""_s)
                                           : match.captured(2).trimmed();
        if (!match.hasCaptured(1) && tag.startsWith(u'#'))
            tag = tag.mid(1).trimmed(); // people type the '#' they see in the list
        tag = TagKey::displayName(tag);
        const QString key = TagKey::of(tag);
        if (!tag.isEmpty() && !keys.contains(key)) {
            tags.append(tag);
            keys.append(key);
        }
    }
    return tags;
}

QString TagsEdit::join(const QStringList &tags)
{
    QStringList shown;
    for (const QString &tag : tags) {
        if (tag.contains(u',') || tag.contains(u'"') || tag.startsWith(u'#'))
            shown << u'"' + QString(tag).replace(u"\""_s, u"\"\""_s) + u'"';
        else
            shown << tag;
    }
    return shown.join(u", "_s);
}
