#pragma once

#include <QList>
#include <QString>
#include <QStringView>

#include <initializer_list>
#include <optional>

// Cutting the quick-add line into words, and the small word tests that the
// date, time and mark recognisers share.
namespace QuickAddWords {

// One whitespace-separated word of the line. A word that had a quoted part
// is taken literally and never read as a token.
struct Word
{
    QString text;
    bool quoted = false;
};

// A token that may span several words ("in 3 days", "at 15:30").
template<typename T>
struct Match
{
    T value;
    qsizetype wordCount = 0;
};

// How many words a one-word token takes up.
constexpr qsizetype kOneWord = 1;

QList<Word> splitWords(const QString &text);

// The word at index when there is one and it can be a token, otherwise an
// empty view (split words are never empty).
QStringView plainWord(const QList<Word> &words, qsizetype index);

bool isAnyOf(QStringView word, std::initializer_list<QStringView> keywords);

// Only ASCII digits: toInt() would also take a sign and surrounding spaces.
std::optional<int> asciiNumber(QStringView text, qsizetype maxDigits);

} // namespace QuickAddWords
