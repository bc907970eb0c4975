#include "backgroundpreferences.h"

#include <QSettings>

using namespace Qt::StringLiterals;

namespace {
const QString kKeepRunningKey = u"background/keepRunning"_s;
const QString kToldKey = u"background/toldKeepsRunning"_s;
} // namespace

bool BackgroundPreferences::keepRunning()
{
    return QSettings().value(kKeepRunningKey, false).toBool();
}

void BackgroundPreferences::setKeepRunning(bool keep)
{
    QSettings().setValue(kKeepRunningKey, keep);
}

bool BackgroundPreferences::takeFirstCloseNotice()
{
    QSettings settings;
    if (settings.value(kToldKey, false).toBool())
        return false;
    settings.setValue(kToldKey, true);
    return true;
}
