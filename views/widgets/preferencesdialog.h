#pragma once

#include <QDialog>

class QCheckBox;

// Edit > Preferences (Ctrl+,): whether Tandem keeps running in the tray for
// reminders when the window closes (BackgroundPreferences), and whether it
// opens at login (AutostartEntry). Saved when the person presses OK.
class PreferencesDialog : public QDialog
{
    Q_OBJECT
public:
    explicit PreferencesDialog(QWidget *parent = nullptr);

    QCheckBox *keepRunningBox() const { return m_keepRunning; }
    QCheckBox *openAtLoginBox() const { return m_openAtLogin; }

    void accept() override;

Q_SIGNALS:
    // After OK: the app reads the preferences again.
    void saved();

private:
    QCheckBox *m_keepRunning;
    QCheckBox *m_openAtLogin;
};
