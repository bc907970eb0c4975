#pragma once

#include <QLocale>

// Tandem's own translation and Qt's (the buttons of standard dialogs) for a
// locale, as the window, tandem-cli and the tests load them. The .qm files
// are compiled in under :/i18n (resources/CMakeLists.txt); Qt's come from
// its translations folder (Debian package qt6-translations-l10n).
namespace Translations {

// Installs the translators for `locale` (main() passes QLocale::system()),
// replacing those of an earlier call. A language Tandem has no translation
// for gets the English one, which holds the plural forms ("1 todo",
// "2 todos") of the source texts. Returns false when neither loads.
bool install(const QLocale &locale);

} // namespace Translations
