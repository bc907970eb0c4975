#include "resulttable.h"

#include <QStringList>

#include <array>

using namespace Qt::StringLiterals;

QString ResultTable::toMarkdown() const
{
    constexpr int kColumns = 4;
    const std::array<QString, kColumns> header = {u"measurement"_s, u"target"_s, u"result"_s,
                                                  u"verdict"_s};
    QList<std::array<QString, kColumns>> cells;
    for (const Measurement &row : m_rows)
        cells.append({row.name, row.target, row.result, row.verdictText()});

    std::array<qsizetype, kColumns> widths{};
    for (int c = 0; c < kColumns; ++c) {
        widths[c] = header[c].size();
        for (const auto &line : std::as_const(cells))
            widths[c] = qMax(widths[c], line[c].size());
    }
    auto format = [&widths](const std::array<QString, kColumns> &line) {
        QString text = u"|"_s;
        for (int c = 0; c < kColumns; ++c) {
            QString cell = line[c];
            cell.replace(u'|', u"\\|"_s);
            text += u' ' + cell.leftJustified(widths[c]) + u" |"_s;
        }
        return text;
    };

    QStringList lines;
    lines << format(header);
    QString rule = u"|"_s;
    for (int c = 0; c < kColumns; ++c)
        rule += QString(widths[c] + 2, u'-') + u'|';
    lines << rule;
    for (const auto &line : std::as_const(cells))
        lines << format(line);
    return lines.join(u'\n') + u'\n';
}

void ResultTable::print(FILE *out) const
{
    std::fputs(toMarkdown().toUtf8().constData(), out);
    std::fflush(out);
}
