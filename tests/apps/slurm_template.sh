#!/usr/bin/env bash
# scripts/slurm/sweep.sbatch run as Slurm would (with a stand-in srun that records its options and runs the
# command): srun gets --cpus-per-task explicitly, the batch log (stderr not a terminal) gets progress lines and
# the cost per point-replicate, and a resubmission resumes from the saved points.
set -euo pipefail
yjsim="$1"
template="$2"
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
mkdir "$dir/bin"
cat > "$dir/bin/srun" <<'SH'
#!/usr/bin/env bash
echo "srun $*" >> "$SRUN_LOG"
while [ $# -gt 0 ] && [ "${1#--}" != "$1" ]; do shift; done  # srun's own options
exec "$@"
SH
chmod +x "$dir/bin/srun"
cat > "$dir/sweep.toml" <<TOML
design = "grid"
replicates = 4
[[axis]]
parameter = "offending.base_rate"
from = 0.03
to = 0.05
steps = 6
[scenario.population]
size_10_17 = 5000
TOML
cd "$dir"
export PATH="$dir/bin:$PATH" SRUN_LOG="$dir/srun.log" SLURM_CPUS_PER_TASK=1 YJSIM="$yjsim"
bash "$template" sweep.toml out.h5 > job.log 2>&1 < /dev/null || { cat job.log; exit 1; }
grep -q -- "--cpus-per-task=1" srun.log || { echo "srun was not given --cpus-per-task: $(cat srun.log)"; exit 1; }
grep -q "units (point x replicates) done" job.log || { echo "no progress line in the batch log:"; cat job.log; exit 1; }
grep -q "core-seconds per point-replicate" job.log || { echo "no cost line in the batch log:"; cat job.log; exit 1; }
[ -f out.h5 ] || { echo "no results file"; exit 1; }
# A resubmitted job (its parts folder still there) resumes instead of starting afresh.
mkdir -p out.h5.parts
bash "$template" sweep.toml out.h5 > job2.log 2>&1 < /dev/null || { cat job2.log; exit 1; }
grep -q -- "--resume" srun.log || { echo "the resubmission did not pass --resume: $(cat srun.log)"; exit 1; }
echo "slurm template: srun given --cpus-per-task, progress and cost in the log, resubmission resumes"
