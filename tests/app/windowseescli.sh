#!/bin/sh
# The real window under Xvfb, and tandem-cli beside it: a todo added with
# tandem-cli while the window is open shows in the window within a second.
# Run by ctest through xvfb-run: windowseescli.sh TANDEM TANDEM_CLI.
# The window tells which rows its todo list shows on stderr
# (TANDEM_TRACE_ROWS=1, app/rowtrace.cpp); xdotool sees that it is mapped.
set -eu

app="$1"
cli="$2"
limit_ms=1000

work="$(mktemp -d)"
app_pid=""
cleanup() {
    if [ -n "$app_pid" ]; then
        kill "$app_pid" 2>/dev/null || true
        wait "$app_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

fail() {
    echo "windowseescli: $*" >&2
    echo "--- the window's stderr:" >&2
    cat "$work/app.log" >&2 || true
    exit 1
}

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# A home of its own: no settings, no keychain, no profile of the machine.
export HOME="$work/home" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/share" XDG_RUNTIME_DIR="$work"
export LC_ALL=C.UTF-8 TZ=UTC QT_QPA_PLATFORM=xcb DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent
unset QT_LOGGING_RULES DATABASE_URL TANDEM_PROFILE PGHOST PGDATABASE PGUSER PGPASSWORD 2>/dev/null || true
[ -n "${DISPLAY:-}" ] || fail "no DISPLAY: run it through xvfb-run"
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"
data="$work/data"

TANDEM_TRACE_ROWS=1 "$app" --data-dir "$data" >"$work/app.out" 2>"$work/app.log" &
app_pid=$!

# The window is on the screen, and has shown its first rows (the Inbox).
xdotool search --sync --onlyvisible --class tandem >/dev/null 2>&1 &
search_pid=$!
waited=0
while ! grep -q '^tandem: rows:' "$work/app.log" || kill -0 "$search_pid" 2>/dev/null; do
    kill -0 "$app_pid" 2>/dev/null || fail "the window quit before it showed"
    [ "$waited" -lt 300 ] || { kill "$search_pid" 2>/dev/null; fail "the window did not show in 30 s"; }
    sleep 0.1
    waited=$((waited + 1))
done
grep -q 'Seen from the command line' "$work/app.log" && fail "the todo is there before it was added"

title="Seen from the command line"
"$cli" add "$title" --data-dir "$data" >"$work/cli.out" 2>"$work/cli.err" \
    || fail "tandem-cli add failed beside the window: $(cat "$work/cli.err")"
added_at=$(now_ms)
[ -s "$work/cli.err" ] && fail "tandem-cli add complained: $(cat "$work/cli.err")"

while ! grep -q "^tandem: rows: .*$title" "$work/app.log"; do
    elapsed=$(( $(now_ms) - added_at ))
    [ "$elapsed" -le "$limit_ms" ] || fail "the window did not show the new todo within $limit_ms ms"
    sleep 0.02
done
echo "windowseescli: the window showed the todo $(( $(now_ms) - added_at )) ms after tandem-cli added it"

# The window goes on working with the file: list beside it too.
"$cli" list --data-dir "$data" | grep -q "$title" || fail "tandem-cli list does not show the todo"
kill -0 "$app_pid" 2>/dev/null || fail "the window quit"
