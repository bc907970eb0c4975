#include "quickaddwords.h"

namespace {

constexpr QChar kQuote = u'"';
constexpr int kDecimalBase = 10;

} // namespace

namespace QuickAddWords {

QList<Word> splitWords(const QString &text)
{
    // Quotes pair up from the left; with an odd count the last one has no
    // partner and is kept as an ordinary character (5" screen).
    const qsizetype pairedQuotes = text.count(kQuote) / 2 * 2;
    qsizetype quotesSeen = 0;
    bool inQuotes = false;

    QList<Word> words;
    Word current;
    const auto flush = [&words, &current] {
        if (!current.text.isEmpty())
            words.append(current);
        current = Word();
    };

    for (const QChar character : text) {
        if (character == kQuote && quotesSeen < pairedQuotes) {
            ++quotesSeen;
            inQuotes = !inQuotes;
            current.quoted = true;
            continue;
        }
        if (!inQuotes && character.isSpace()) {
            flush();
            continue;
        }
        current.text.append(character);
    }
    flush();
    return words;
}

QStringView plainWord(const QList<Word> &words, qsizetype index)
{
    if (index < 0 || index >= words.size() || words.at(index).quoted)
        return {};
    return words.at(index).text;
}

bool isAnyOf(QStringView word, std::initializer_list<QStringView> keywords)
{
    for (const QStringView keyword : keywords) {
        if (word.compare(keyword, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

std::optional<int> asciiNumber(QStringView text, qsizetype maxDigits)
{
    if (text.isEmpty() || text.size() > maxDigits)
        return std::nullopt;
    int value = 0;
    for (const QChar character : text) {
        if (character < u'0' || character > u'9')
            return std::nullopt;
        value = value * kDecimalBase + (character.unicode() - u'0');
    }
    return value;
}

} // namespace QuickAddWords
