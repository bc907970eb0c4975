#include "shorttime.h"

#include <QLocale>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace ShortTime {

QString format()
{
    QString format = QLocale().timeFormat(QLocale::ShortFormat);
    format.remove(QRegularExpression(u"[:.]s{1,2}"_s));
    return format;
}

QString text(QTime time)
{
    return QLocale().toString(time, format());
}

} // namespace ShortTime
