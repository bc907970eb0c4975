#pragma once

#include <QString>

// "Open at login": the XDG autostart entry
// ($XDG_CONFIG_HOME/autostart/<desktop id>.desktop) that starts
// `tandem --background` when the person logs in, so reminders fire without
// the window. Written and removed whole; nothing else is kept.
class AutostartEntry
{
public:
    // desktopId: the app's desktop file name without ".desktop"
    // (app.tandem.Tandem); program: what Exec runs (tandem, or its path).
    AutostartEntry(const QString &desktopId, const QString &program);

    QString filePath() const;
    bool isEnabled() const;
    // Writes or removes the entry; false when the file cannot be written or removed.
    bool setEnabled(bool enabled) const;
    // The entry's text.
    QString contents() const;

private:
    QString m_desktopId;
    QString m_program;
};
