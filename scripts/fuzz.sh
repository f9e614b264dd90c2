#!/usr/bin/env bash
# Fuzzes the scenario and sweep readers (issue 14): builds the libFuzzer targets of fuzz/ with clang, ASan and UBSan
# into build-fuzz/ (CMake option YJSIM_FUZZ) and runs each for SECONDS (default 60) on a corpus seeded from
# scenarios/, tests/fixtures/ and fuzz/seeds/, with a dictionary of yjsim's section, parameter and field names.
# Every input either reads or is refused with sim::InputError; a scenario that reads must write back to TOML that
# reads back identically. A crash, a sanitizer report, a leak or a failed round trip stops with exit 1 and the input
# saved as build-fuzz/crash-* (reproduce: build-fuzz/fuzz/fuzz_scenario build-fuzz/crash-...).
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     run each target (fuzz_scenario, fuzz_sweep) for SECONDS
#   scripts/fuzz.sh --coverage [TARGET...]    line coverage of input/ by the corpus so far (build-fuzz-cov/)
#
# The corpus grows in build-fuzz/corpus/<target>/ and is reused by the next run.
set -euo pipefail
cd "$(dirname "$0")/.."
coverage=0
if [ "${1:-}" = "--coverage" ]; then coverage=1; shift; fi
seconds=60
if [ $# -gt 0 ] && [[ "$1" =~ ^[0-9]+$ ]]; then seconds=$1; shift; fi
targets=${*:-fuzz_scenario fuzz_sweep}
command -v clang++ >/dev/null || { echo "fuzz.sh: clang++ is needed (Debian: apt-get install clang)" >&2; exit 1; }

configure() {  # DIR [extra CXX flags]
  cmake -S . -B "$1" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DYJSIM_FUZZ=ON -DYJSIM_BUILD_GUI=OFF -DYJSIM_BUILD_TESTS=OFF -DYJSIM_MPI=OFF -DCMAKE_CXX_FLAGS="${2:-}" >/dev/null
  # shellcheck disable=SC2086
  cmake --build "$1" --target $targets
}

seeds() {  # TARGET DIR: the seed corpus
  mkdir -p "$2"
  if [ "$1" = fuzz_sweep ]; then
    cp scenarios/sweeps/*.toml fuzz/seeds/sweep_*.toml "$2"/
  else
    cp scenarios/*.toml scenarios/interventions/*.toml tests/fixtures/*.toml fuzz/seeds/scenario_*.toml "$2"/
  fi
}

dictionary() {  # FILE: TOML syntax, and every section, parameter, key and intervention field name yjsim knows
  {
    for t in '[' ']' '[[' ']]' '=' '"' "'" '"""' "'''" '\n' '\\' '\\u00e9' ',' '.' '#' 'true' 'false' 'inf' 'nan' \
             '-0.0' '1e308' '9223372036854775807' '2018-04' '[run]' '[[variant]]' '[[intervention]]' \
             '[[variant.intervention]]' '[[axis]]' '[scenario]' '[scenario.run]' '[[scenario.variant]]' '[needs.x]' \
             'catalogue' 'interventions/catalogue.toml' 'use' 'name' 'description' 'remove_interventions' \
             'effect' 'base' 'design' 'grid' 'list' 'lhs' 'points' 'lhs_seed' 'replicates' 'seed' 'parameter' \
             'values' 'from' 'to' 'steps' 'scale' 'log' 'linear' 'prevalence' 'multiplier' 'source' 'start' \
             '../tri_borough_mentoring.toml'; do
      printf '"%s"\n' "$(printf '%s' "$t" | sed 's/\\/\\\\/g; s/"/\\"/g')"
    done
    # `section.key` names from the generated tables of docs/parameters.md and docs/interventions.md
    grep -oE '^\| `[a-z_.0-9]+`' docs/parameters.md docs/interventions.md | sed -E 's/.*`(.*)`/\1/' | sort -u |
      while read -r name; do
        printf '"%s"\n' "$name"
        printf '"%s"\n' "${name##*.}"
        case "$name" in *.*) printf '"[%s]"\n' "${name%%.*}" ;; esac
      done
  } | sort -u > "$1"
}

if [ $coverage -eq 1 ]; then
  # The corpus run once through a build with clang's source-based coverage; the report is for input/.
  configure build-fuzz-cov "-fprofile-instr-generate -fcoverage-mapping"
  for t in $targets; do
    [ -d "build-fuzz/corpus/$t" ] || { echo "no corpus for $t yet: run scripts/fuzz.sh first" >&2; exit 1; }
    rm -f "build-fuzz-cov/$t.profraw"
    LLVM_PROFILE_FILE="build-fuzz-cov/$t.profraw" ASAN_OPTIONS=detect_leaks=0 \
      "build-fuzz-cov/fuzz/$t" -runs=0 "build-fuzz/corpus/$t" > "build-fuzz-cov/$t.log" 2>&1
    llvm-profdata merge -sparse "build-fuzz-cov/$t.profraw" -o "build-fuzz-cov/$t.profdata"
    echo "== $t: line coverage of input/ by $(ls "build-fuzz/corpus/$t" | wc -l) corpus inputs"
    llvm-cov report "build-fuzz-cov/fuzz/$t" -instr-profile="build-fuzz-cov/$t.profdata" \
      "$PWD"/input/*.cpp | sed -E 's|^'"$PWD"'/||'
  done
  exit 0
fi

configure build-fuzz
dictionary build-fuzz/yjsim.dict
status=0
for t in $targets; do
  seeds "$t" "build-fuzz/seeds/$t"
  mkdir -p "build-fuzz/corpus/$t"
  echo "== $t for $seconds s"
  # Leaks are errors; inputs up to 64 KiB (the readers' own bound is 64 MiB; the fuzzer's speed is the limit).
  if ! ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      "build-fuzz/fuzz/$t" "build-fuzz/corpus/$t" "build-fuzz/seeds/$t" -dict=build-fuzz/yjsim.dict \
      -max_total_time="$seconds" -max_len=65536 -timeout=30 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix=build-fuzz/ 2> "build-fuzz/$t.log"; then
    status=1
    echo "fuzz.sh: $t FAILED; the input is saved as build-fuzz/crash-* (log: build-fuzz/$t.log)" >&2
    grep -E "ERROR|SUMMARY|yjsim fuzz" "build-fuzz/$t.log" | head -20 >&2 || true
  fi
  grep -E "^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)|^#[0-9]+ +DONE" \
    "build-fuzz/$t.log" || true
done
exit $status
