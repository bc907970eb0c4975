#pragma once

#include "measurement.h"

#include <QStringList>

// Measurement 2: one keystroke in the search field until the filtered list
// is shown. The window shows the All list (the largest: every live todo);
// words are typed one character at a time with QTest::keyClick and erased
// again with Backspace. Each sample runs from just before the key event to
// the end of the todo list's next repaint; in between the app does what it
// does for a real keystroke (textChanged → TodoModel::setSearchText → the
// SQL select → the header's counts → the view's reset and repaint).
class SearchBench
{
public:
    struct Word
    {
        QString text;
        int expectedMatches = -1; // checked after the last character; -1: not checked
    };

    SearchBench(const QString &databasePath, const QList<Word> &words, int rounds);

    bool run(QList<Measurement> *measurements, QStringList *details, QString *error);

private:
    QString m_databasePath;
    QList<Word> m_words;
    int m_rounds;
};
