#!/usr/bin/env bash
# mpirun -n 2 and -n 3 give a sweep file whose datasets are identical to the single-process run's.
set -euo pipefail
yjsim="$1"; mpirun="$2"
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
# As root (CI) OpenMPI must be told it may run; the isolated launcher needs no ssh on one machine.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1 OMPI_MCA_plm=isolated
cat > "$dir/sweep.toml" <<TOML
design = "lhs"
points = 6
replicates = 5
[[axis]]
parameter = "offending.base_rate"
from = 0.03
to = 0.05
[[axis]]
parameter = "court.ryda[2]"
from = 0.05
to = 0.15
[scenario.run]
months = 12
[scenario.population]
size_10_17 = 5000
[[scenario.variant]]
name = "fewer_charges"
[scenario.variant.outcome]
none = [0.47, 0.31, 0.11, 0.10, 0.01]
TOML
"$yjsim" sweep "$dir/sweep.toml" -o "$dir/one.h5" -q
for n in 2 3; do
  "$mpirun" -n $n --oversubscribe "$yjsim" sweep "$dir/sweep.toml" -o "$dir/n$n.h5" -q --threads 1
  h5diff "$dir/one.h5" "$dir/n$n.h5" /sweep /sweep
  echo "mpirun -n $n: /sweep identical to the single-process file"
done
