#!/bin/sh
# dunst's "dmenu" for the tests (with-notification-daemon.sh): dunst writes
# one line per action of the notifications on screen,
#     #<label> (<summary>) [<id>,<action key>]
# and invokes the action of the line it reads back. This keeps what dunst
# offered in $TANDEM_TEST_NOTIFY_DIR/menu-input and answers with the line the
# test asked for in $TANDEM_TEST_NOTIFY_DIR/pick (line 1: the summary, line
# 2: the action key); with no such file it answers nothing, and dunst
# invokes nothing.
set -eu
dir="$TANDEM_TEST_NOTIFY_DIR"
cat >"$dir/menu-input.part"
mv "$dir/menu-input.part" "$dir/menu-input"
if [ -f "$dir/pick" ]; then
    summary="$(sed -n 1p "$dir/pick")"
    key="$(sed -n 2p "$dir/pick")"
    grep -F "($summary) [" "$dir/menu-input" | grep -F ",$key]" | head -n 1 || true
fi
