#!/bin/sh
# Runs a command with a Secret Service of its own: a private D-Bus session
# bus (dbus-run-session) with an unlocked GNOME Keyring on it, keeping its
# keyrings in a temporary folder. Never touches the person's own keyring.
#
#   with-secret-service.sh COMMAND [ARGS...]
#
# Needs the Debian packages dbus and gnome-keyring (./dev deps installs them).
set -eu

for tool in dbus-run-session dbus-send gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "with-secret-service.sh: $tool is missing (Debian packages dbus and gnome-keyring; ./dev deps)" >&2
        exit 1
    fi
done

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -m 700 "$scratch/runtime" "$scratch/data"
# gnome-keyring keeps its keyrings under XDG_DATA_HOME and its sockets under
# XDG_RUNTIME_DIR: both in the scratch folder.
export XDG_RUNTIME_DIR="$scratch/runtime" XDG_DATA_HOME="$scratch/data"

# The daemon starts on the new bus, creates a "login" keyring with the
# password it reads on stdin and unlocks it, then registers
# org.freedesktop.secrets a moment later: wait for the name, so that the
# first call does not start a second daemon through D-Bus activation. (With
# an empty password no "login" keyring is made, and the first write would
# need a password prompt, which cannot show here.)
dbus-run-session -- sh -c '
    printf "throwaway-keyring-password" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    tries=0
    until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
            org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null \
            | grep -q "boolean true"; do
        tries=$((tries + 1))
        if [ "$tries" -ge 100 ]; then
            echo "with-secret-service.sh: the Secret Service did not start" >&2
            exit 1
        fi
        sleep 0.05
    done
    exec "$@"
' sh "$@"
