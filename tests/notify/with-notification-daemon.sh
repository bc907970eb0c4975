#!/bin/sh
# Runs a command with a notification service of its own: a private D-Bus
# session bus (dbus-run-session) with a real dunst on it, drawing on an Xvfb
# display of its own. Never touches the person's desktop, bus or dunst.
#
#   with-notification-daemon.sh [--no-daemon | --dunstrc FILE] COMMAND [ARGS...]
#
# --no-daemon: the same private bus, with no notification service on it.
# --dunstrc FILE: dunst with these settings instead of the tests' (for the
#   screenshot, ./dev screenshot notification); @TANDEM_ICONS@ in it is the
#   folder that holds Tandem's icon under its installed name.
#
# The bus has no service folders, so nothing is started by D-Bus activation
# (the dunst package installs an activation file for
# org.freedesktop.Notifications): what runs is only what this starts.
#
# The command gets:
#   TANDEM_TEST_NOTIFY_DAEMON  "dunst" when it runs, "none" with --no-daemon,
#                              or "unavailable: WHY" (the test FAILS under CI)
#   TANDEM_TEST_NOTIFY_DIR     a scratch folder shared with pick-action.sh
#   TANDEM_TEST_DUNST_PID      dunst's process id (a test may stop it)
#
# Needs the Debian packages dbus, xvfb and dunst (./dev deps installs them).
set -eu

here="$(cd "$(dirname "$0")" && pwd)"
mode=dunst
dunstrc=""
if [ "${1:-}" = --no-daemon ]; then
    mode=none
    shift
elif [ "${1:-}" = --dunstrc ]; then
    dunstrc="$2"
    shift 2
fi

scratch="$(mktemp -d)"
xvfb_pid=""
cleanup() {
    if [ -n "$xvfb_pid" ]; then
        kill "$xvfb_pid" 2>/dev/null || true
    fi
    rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

export TANDEM_TEST_NOTIFY_DIR="$scratch"
# Qt and dunst keep runtime files there; private to this run.
mkdir -m 700 "$scratch/runtime"
export XDG_RUNTIME_DIR="$scratch/runtime"
# Nothing reaches a display or bus of the person running the tests.
unset DISPLAY WAYLAND_DISPLAY

if ! command -v dbus-run-session >/dev/null 2>&1; then
    # No private bus: the test runs with none at all, and says why.
    export TANDEM_TEST_NOTIFY_DAEMON="unavailable: dbus-run-session is missing (Debian package dbus; ./dev deps)"
    export DBUS_SESSION_BUS_ADDRESS="unix:path=$scratch/no-bus"
    exec "$@"
fi

# A session bus like the standard one, minus the service folders.
cat >"$scratch/session.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:dir=$scratch</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
CONF

start_dunst=no
if [ "$mode" = none ]; then
    export TANDEM_TEST_NOTIFY_DAEMON=none
elif ! command -v dunst >/dev/null 2>&1; then
    export TANDEM_TEST_NOTIFY_DAEMON="unavailable: dunst is missing (Debian package dunst; ./dev deps)"
elif ! command -v Xvfb >/dev/null 2>&1; then
    export TANDEM_TEST_NOTIFY_DAEMON="unavailable: Xvfb is missing (Debian package xvfb; ./dev deps)"
else
    # Xvfb picks a free display number itself and writes it to fd 3, so
    # that tests running side by side do not collide.
    Xvfb -displayfd 3 -screen 0 1024x768x24 -nolisten tcp 3>"$scratch/display" \
        >"$scratch/xvfb.log" 2>&1 &
    xvfb_pid=$!
    tries=0
    while [ ! -s "$scratch/display" ] && [ "$tries" -lt 100 ]; do
        tries=$((tries + 1))
        sleep 0.05
    done
    if [ -s "$scratch/display" ]; then
        export TANDEM_TEST_DISPLAY=":$(head -n 1 "$scratch/display")"
        start_dunst=yes
    else
        export TANDEM_TEST_NOTIFY_DAEMON="unavailable: Xvfb did not start: $(tail -n 3 "$scratch/xvfb.log" | tr '\n' ' ')"
    fi
fi

# dunst reads its settings from XDG_CONFIG_HOME (and is given the file too,
# so that no system-wide dunstrc takes part). Every notification stays until
# it is closed, so the tests can act on it; the rules write what dunst made
# of the urgency and desktop-entry hints into the text it shows (the
# history's "message"); the stand-in for dmenu picks the action a test asks
# for (pick-action.sh).
mkdir -p "$scratch/config/dunst" "$scratch/icons"
# The icon as it is installed (app_icon and desktop-entry name it so).
cp "$here/../../resources/icons/tandem-48.png" "$scratch/icons/app.tandem.Tandem.png"
if [ -n "$dunstrc" ]; then
    sed "s|@TANDEM_ICONS@|$scratch/icons|g" "$dunstrc" >"$scratch/config/dunst/dunstrc"
else
    cat >"$scratch/config/dunst/dunstrc" <<RC
[global]
    font = DejaVu Sans 10
    icon_path = $scratch/icons
    notification_limit = 0
    idle_threshold = 0
    show_age_threshold = -1
    history_length = 100
    dmenu = sh "$here/pick-action.sh"

[urgency_low]
    timeout = 0
[urgency_normal]
    timeout = 0
[urgency_critical]
    timeout = 0

[tandem_low]
    desktop_entry = app.tandem.Tandem
    msg_urgency = low
    format = "low|%a|%s|%b"
[tandem_normal]
    desktop_entry = app.tandem.Tandem
    msg_urgency = normal
    format = "normal|%a|%s|%b"
[tandem_critical]
    desktop_entry = app.tandem.Tandem
    msg_urgency = critical
    format = "critical|%a|%s|%b"
RC
fi

# Inside the bus: start dunst, wait until it owns the name, run the command,
# stop dunst, and pass on the command's exit status.
dbus-run-session --config-file="$scratch/session.conf" -- sh -c '
    start_dunst="$1"
    shift
    dunst_pid=""
    if [ "$start_dunst" = yes ]; then
        DISPLAY="$TANDEM_TEST_DISPLAY" XDG_CONFIG_HOME="$TANDEM_TEST_NOTIFY_DIR/config" \
            dunst -config "$TANDEM_TEST_NOTIFY_DIR/config/dunst/dunstrc" \
            >"$TANDEM_TEST_NOTIFY_DIR/dunst.log" 2>&1 &
        dunst_pid=$!
        tries=0
        until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
                org.freedesktop.DBus.NameHasOwner string:org.freedesktop.Notifications 2>/dev/null \
                | grep -q "boolean true"; do
            tries=$((tries + 1))
            if [ "$tries" -ge 100 ] || ! kill -0 "$dunst_pid" 2>/dev/null; then
                break
            fi
            sleep 0.05
        done
        if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
                org.freedesktop.DBus.NameHasOwner string:org.freedesktop.Notifications 2>/dev/null \
                | grep -q "boolean true"; then
            export TANDEM_TEST_NOTIFY_DAEMON=dunst TANDEM_TEST_DUNST_PID="$dunst_pid"
        else
            export TANDEM_TEST_NOTIFY_DAEMON="unavailable: dunst did not start: $(tail -n 3 "$TANDEM_TEST_NOTIFY_DIR/dunst.log" | tr "\n" " ")"
        fi
    fi
    status=0
    "$@" || status=$?
    if [ -n "$dunst_pid" ]; then
        kill "$dunst_pid" 2>/dev/null || true
        wait "$dunst_pid" 2>/dev/null || true
    fi
    exit "$status"
' sh "$start_dunst" "$@"
