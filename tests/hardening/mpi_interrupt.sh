#!/usr/bin/env bash
# Issue 14, item 12: Ctrl-C to `mpirun -n 2 yjsim sweep`. Every process stops; the ranks' message says the run
# was interrupted and where the finished points are (mpirun itself exits with Open MPI's own code, documented in
# docs/sweeps.md); no results file and no temporary file is left; the finished points are kept for --resume
# (which sweep_resume_after_kill tests).
set -euo pipefail
yjsim="$1"; mpirun="$2"
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1 OMPI_MCA_plm=isolated
cat > "$dir/sweep.toml" <<TOML
design = "grid"
replicates = 16
[[axis]]
parameter = "offending.base_rate"
from = 0.03
to = 0.05
steps = 40
[scenario.population]
size_10_17 = 20000
TOML
"$mpirun" -n 2 --oversubscribe "$yjsim" sweep "$dir/sweep.toml" -o "$dir/out.h5" -q --threads 1 > "$dir/log" 2>&1 & pid=$!
# Interrupt once a point or two is saved (or after 20 s at most).
for _ in $(seq 1 400); do
  n=$(ls "$dir/out.h5.parts" 2>/dev/null | grep -c '^point_' || true)
  [ "$n" -ge 1 ] && break
  sleep 0.05
done
kill -INT $pid
code=0; wait $pid || code=$?
cat "$dir/log"
[ "$code" -ne 0 ] || { echo "mpirun exited 0 after Ctrl-C"; exit 1; }
grep -q "interrupted" "$dir/log" || { echo "no process said it was interrupted"; exit 1; }
grep -q "out.h5.parts for --resume" "$dir/log" || { echo "the message does not say where the finished points are"; exit 1; }
[ ! -e "$dir/out.h5" ] || { echo "an interrupted sweep left a results file"; exit 1; }
if ls "$dir" | grep -q '\.tmp'; then echo "a temporary file was left next to the output"; exit 1; fi
kept=$(ls "$dir/out.h5.parts" | grep -c '^point_' || true)
[ "$kept" -ge 1 ] || { echo "no finished point was kept for --resume"; exit 1; }
echo "mpirun exit code after Ctrl-C: $code; the ranks said interrupted; $kept finished points kept for --resume"
