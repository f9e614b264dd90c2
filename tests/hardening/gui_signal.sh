#!/bin/sh
# Issue 14, item 12: SIGINT and SIGTERM ask yjsim-gui's window to close through its normal path (the same as the
# close button: unsaved changes would be asked about; here there are none), so it exits cleanly with 128 + the
# signal, saying why, instead of dying silently. Runs inside xvfb-run.
# usage: gui_signal.sh YJSIM_GUI SCENARIO
set -u
gui=$1; scenario=$2
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
export HOME="$dir" XDG_CONFIG_HOME="$dir/config"   # no settings of the user's are read or written
for sig in TERM INT; do
  "$gui" "$scenario" > "$dir/log" 2>&1 & pid=$!
  sleep 4
  kill -$sig $pid
  code=0; wait $pid || code=$?
  cat "$dir/log"
  want=143; [ $sig = INT ] && want=130
  [ "$code" -eq "$want" ] || { echo "SIG$sig: exit $code, expected $want (a clean close)"; exit 1; }
  grep -q "received: closing" "$dir/log" || { echo "SIG$sig: the app did not say it was closing"; exit 1; }
done
echo "SIGTERM and SIGINT close the window cleanly"
