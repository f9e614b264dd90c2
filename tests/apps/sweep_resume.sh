#!/usr/bin/env bash
# A sweep killed part-way and continued with --resume gives the same file as an uninterrupted sweep, without
# redoing the points already finished.
set -euo pipefail
yjsim="$1"
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
cat > "$dir/sweep.toml" <<TOML
design = "grid"
replicates = 20
[[axis]]
parameter = "offending.base_rate"
from = 0.03
to = 0.05
steps = 12
[scenario.population]
size_10_17 = 20000
TOML
"$yjsim" sweep "$dir/sweep.toml" -o "$dir/full.h5" -q
# Kill (no chance to clean up) once some points are saved. Only whole point files count: a point being
# written when the kill comes is a temporary file (io/atomic_file), which --resume rightly ignores.
"$yjsim" sweep "$dir/sweep.toml" -o "$dir/resumed.h5" -q & pid=$!
for _ in $(seq 1 200); do
  n=$(ls "$dir/resumed.h5.parts" 2>/dev/null | grep -c '^point_[0-9]*\.bin$' || true)
  [ "$n" -ge 3 ] && break
  sleep 0.05
done
kill -KILL $pid; wait $pid 2>/dev/null || true
done_before=$(ls "$dir/resumed.h5.parts" | grep -c '^point_[0-9]*\.bin$' || true)
[ ! -e "$dir/resumed.h5" ] || { echo "a killed sweep left a results file"; exit 1; }
[ "$done_before" -ge 1 ] && [ "$done_before" -lt 12 ] || { echo "kill came at the wrong moment ($done_before points)"; exit 1; }
out=$("$yjsim" sweep "$dir/sweep.toml" -o "$dir/resumed.h5" --resume 2>&1 >/dev/null)
echo "$out" | grep -q "resuming, $done_before points done" || { echo "resume did not reuse the saved points: $out"; exit 1; }
h5diff "$dir/full.h5" "$dir/resumed.h5" /sweep /sweep
echo "resumed after $done_before of 12 points: /sweep identical to the uninterrupted sweep"
