#include "tagkey.h"

namespace TagKey {

QString displayName(const QString &name)
{
    return name.trimmed();
}

// Unicode's canonical caseless match (chapter 3.13, D145):
// NFD(fold(NFD(name))), stored in NFC to keep it short.
// - NFD before folding, so that "İ" (U+0130), whose NFD is I + U+0307,
//   folds to "i̇" like its lowercase spelling does; folding U+0130 itself
//   leaves it unchanged. A name typed decomposed (A + U+0308) and one typed
//   precomposed (Ä) give the same key.
// - NFC after folding, because folding can leave a sequence that has a
//   precomposed form (J + U+030C folds to j + U+030C, which is ǰ).
// - Qt 6.4's toCaseFolded() is Unicode's simple folding (C + S mappings):
//   Σ, σ and ς are one letter; ẞ and ß are one letter, but not "ss" (full
//   folding would map ß to "ss"; Qt has no full folding, and a second table
//   of our own would drift from Qt's). ı (dotless i) stays its own letter,
//   and "I" folds to "i" whatever the language: the key must not depend on
//   the desktop's locale any more than on the server's.
// - Unicode keeps case folding and normalisation stable for assigned
//   characters, so a key computed today matches one computed by a later Qt.
QString of(const QString &name)
{
    return displayName(name)
        .normalized(QString::NormalizationForm_D)
        .toCaseFolded()
        .normalized(QString::NormalizationForm_C);
}

} // namespace TagKey
