#pragma once

#include <QString>

// Whether Tandem keeps running in the tray for reminders when its window
// closes, and whether it told the person so once (QSettings; Preferences).
class BackgroundPreferences
{
public:
    static bool keepRunning();
    static void setKeepRunning(bool keep);
    // True the first time a closed window leaves Tandem running, then never
    // again: the person is told once.
    static bool takeFirstCloseNotice();
};
