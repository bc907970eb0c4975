#pragma once

#include <QLineEdit>
#include <QStringList>

// The tags field: names separated by commas. A name that holds a comma or
// a double quote is shown in double quotes ("Smith, John"), with a quote
// inside doubled, so that it reads back as the one tag it is.
class TagsEdit : public QLineEdit
{
    Q_OBJECT
public:
    explicit TagsEdit(QWidget *parent = nullptr);

    // The tags the text names, each once, without the '#' people type.
    QStringList tags() const { return parse(text()); }
    // Shows tags as they read back; leaves the text alone if it already does.
    void setTags(const QStringList &tags);

    static QStringList parse(const QString &text);
    static QString join(const QStringList &tags);
};
