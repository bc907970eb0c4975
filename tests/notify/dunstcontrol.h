#pragma once

#include <QDBusConnection>
#include <QList>
#include <QString>
#include <QVariantMap>

// The tests' side of dunst, through its control interface on the bus
// (org.dunstproject.cmd0, what dunstctl calls) and the scratch folder it
// shares with pick-action.sh. Blocking calls: fine in a test, which waits
// for the daemon anyway.
class DunstControl
{
public:
    explicit DunstControl(const QDBusConnection &bus = QDBusConnection::sessionBus());

    // The notifications dunst has closed, newest first: summary, body,
    // appname, category, message (the text after dunstrc's format rules),
    // default_action_name, id ... (dunstctl history).
    QList<QVariantMap> history() const;
    // How many are on screen (dunstctl count displayed).
    uint displayedCount() const;
    // Closes all on screen as the person would (dunstctl close-all).
    bool closeAll() const;
    // Closes the newest on screen as the person would (dunstctl close).
    bool closeLast() const;
    // The default action of the notification at position on screen, as a
    // middle click does (dunstctl action POSITION).
    bool invokeDefaultAction(uint position) const;
    // Opens dunst's action menu (dunstctl context) and waits until
    // pick-action.sh has run; it answers with the action pick() asked for,
    // or with nothing.
    bool openActionMenu() const;

    // What the menu is to answer next time: the action `actionKey` of the
    // notification titled `summary`; clearPick(): nothing.
    void pick(const QString &summary, const QString &actionKey) const;
    void clearPick() const;
    // What dunst offered the last time it opened the menu (one line per
    // action: "#<label> (<summary>) [<id>,<key>]"); empty before that.
    QString menuInput() const;
    void clearMenuInput() const;

    QString lastError() const { return m_lastError; }

private:
    bool call(const QString &method, const QVariantList &arguments = {}) const;

    QDBusConnection m_bus;
    QString m_dir;
    mutable QString m_lastError;
};
