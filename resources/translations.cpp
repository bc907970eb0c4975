#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QPointer>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace {

const QString kResourceFolder = u":/i18n"_s;

// Owned by the application object; kept so that a second install() (a test
// switching languages) can take the first ones out again.
QPointer<QTranslator> tandemTranslator;
QPointer<QTranslator> qtTranslator;

void uninstall(QPointer<QTranslator> &translator)
{
    if (!translator)
        return;
    QCoreApplication::removeTranslator(translator);
    delete translator;
}

} // namespace

namespace Translations {

bool install(const QLocale &locale)
{
    uninstall(tandemTranslator);
    uninstall(qtTranslator);

    // load(QLocale, ...) tries each of the locale's UI languages ("de-AT",
    // "de", ...) and their shorter forms: tandem_de_AT.qm, tandem_de.qm.
    auto *tandem = new QTranslator(QCoreApplication::instance());
    const bool found = tandem->load(locale, u"tandem"_s, u"_"_s, kResourceFolder)
        || tandem->load(u"tandem_en"_s, kResourceFolder);
    if (found) {
        QCoreApplication::installTranslator(tandem);
        tandemTranslator = tandem;
    } else {
        delete tandem;
    }

    // No qtbase_en.qm exists, and none is needed: Qt's source texts are English.
    auto *qt = new QTranslator(QCoreApplication::instance());
    if (qt->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        qtTranslator = qt;
    } else {
        delete qt;
    }
    return found;
}

} // namespace Translations
