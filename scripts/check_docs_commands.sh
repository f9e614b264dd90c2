#!/usr/bin/env bash
# Every command in README.md and docs/*.md runs as written (issue 16): the lines of each fenced ```sh or ```bash
# block are run verbatim, in order, in a fresh copy of the repository whose build/ is the given build folder, and
# any non-zero exit fails the check with the file, line, command and its output.
#
#   scripts/check_docs_commands.sh BUILD_DIR           run them (CI: .ci/run)
#   scripts/check_docs_commands.sh BUILD_DIR --list    print each command with run/skip and the reason; run nothing
#
# Conventions (docs/robustness.md, "The docs as written"):
# - One bash process per Markdown file, so a block may use what an earlier block of the same file made, and the
#   files run in the order README.md, then docs/*.md alphabetically. A line ending in '\' continues the command.
# - A block whose first line is '#!' is a script listing, not commands: it is checked with `bash -n` only.
# - HOME is a fresh folder (so `cmake --install build --prefix ~/.local` installs into the copy) and
#   $HOME/.local/bin is on PATH. As root, OMPI_ALLOW_RUN_AS_ROOT(_CONFIRM) are set, as the docs tell root to.
# - The commands below are not run, each for the reason given; a skip entry that no longer matches any command
#   fails the check, so the list cannot go stale.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:?usage: $0 BUILD_DIR [--list]}"
build="$(cd "$build" && pwd)"
list_only=0
[ "${2:-}" = "--list" ] && list_only=1

# Command prefix | reason. Keep it short: each entry is a command no CI run can or should repeat.
skips=(
  "./scripts/build.sh|installs packages and builds into build/: .ci/run runs the README's two commands from the checkout itself"
  "./build/gui/yjsim-gui|opens the desktop app's window and waits for the user (the GUI tests drive it under Xvfb)"
  "xvfb-run |the desktop app under Xvfb: planner.script is the ctest test gui_script, time_to_result a minute's benchmark"
  "./build/apps/yjsim calibrate scenarios/calibration/bromley.targets.toml|a fit of 2-5 minutes on 2 cores (tests/analysis/test_calibrate.cpp runs small fits)"
  "./build/apps/yjsim run bromley.toml|needs the fit of the line before"
  "./scripts/calibrate_national.sh|a national-scale search of hours"
  "./scripts/calibrate_london_range.sh|four fits one after another, 5-8 minutes of 2 cores (tests/analysis/test_calibrate.cpp runs small fits)"
  "./build/apps/yjsim track --backtest|about a minute of 2 cores (tests/analysis/test_tracker.cpp back-tests small cases)"
  "sbatch |needs a Slurm cluster (tests/apps/slurm_template.sh runs the template with a stand-in srun)"
)

skip_reason() {  # the reason if the command is skipped, else nothing
  local cmd="$1" e
  for e in "${skips[@]}"; do
    if [[ "$cmd" == "${e%%|*}"* ]]; then
      echo "${e#*|}"
      return
    fi
  done
}

# Prints "file<TAB>line<TAB>kind<TAB>command" for every logical line of every sh/bash block (kind: cmd or script).
extract() {
  local f="$1"
  awk -v F="$f" '
    /^```(sh|bash)[ \t]*$/ { inblock = 1; first = 1; cont = ""; next }
    /^```/ && inblock { if (script) print F "\t" start "\tscript\t" body; inblock = 0; script = 0; body = ""; next }
    inblock {
      if (first) { first = 0; if ($0 ~ /^#!/) { script = 1; start = NR } }
      if (script) { body = body $0 "\x1f"; next }
      line = $0
      if (cont == "") { start = NR }
      if (line ~ /\\$/) { sub(/\\$/, "", line); cont = cont line; next }
      cmd = cont line; cont = ""
      if (cmd ~ /^[ \t]*$/ || cmd ~ /^[ \t]*#/) next
      print F "\t" start "\tcmd\t" cmd
    }' "$root/$f"
}

files=(README.md)
for f in "$root"/docs/*.md; do files+=("docs/$(basename "$f")"); done

tmp="$(mktemp -d "${TMPDIR:-/tmp}/yjsim-docs.XXXXXX")"
mkdir -p "$tmp/logs"
trap 'rm -rf "$tmp"' EXIT
if [ "$list_only" = 0 ]; then
  # A copy of the repository's files (tracked and new, as a clean clone would have them) with the built binaries.
  mkdir -p "$tmp/repo" "$tmp/home" "$tmp/logs"
  (cd "$root" && git ls-files -z -co --exclude-standard | grep -zv '^build/' | tar --null -T - -cf -) | tar -xf - -C "$tmp/repo"
  ln -s "$build" "$tmp/repo/build"
fi

declare -A used
failed=0 ran=0 skipped=0
n=0
for f in "${files[@]}"; do
  script="$tmp/logs/$(echo "$f" | tr / _).sh"
  : > "$script" 2>/dev/null || true
  while IFS=$'\t' read -r file line kind cmd; do
    if [ "$kind" = script ]; then
      body="${cmd//$'\x1f'/$'\n'}"
      if [ "$list_only" = 1 ]; then echo "syntax  $file:$line: script listing (bash -n)"; continue; fi
      if ! bash -n <(printf '%s' "$body") 2>"$tmp/logs/syntax.txt"; then
        echo "FAILED $file:$line: the script listing does not parse:"; cat "$tmp/logs/syntax.txt"; failed=$((failed + 1))
      fi
      continue
    fi
    reason="$(skip_reason "$cmd")"
    if [ -n "$reason" ]; then
      for e in "${skips[@]}"; do [[ "$cmd" == "${e%%|*}"* ]] && used["${e%%|*}"]=1 && break; done
      echo "skip    $file:$line: $cmd"$'\n'"          ($reason)"
      skipped=$((skipped + 1))
      continue
    fi
    n=$((n + 1))
    ran=$((ran + 1))
    [ "$list_only" = 1 ] && { echo "run     $file:$line: $cmd"; continue; }
    log="$tmp/logs/$n.txt"
    # The command itself on its own line (it may end in a comment), its output to a log, its status checked.
    label="run     $file:$line: $cmd"
    printf 'printf "%%s\\n" %q | cut -c1-160\nstart=$SECONDS\n{\n%s\n} >%q 2>&1 </dev/null\nrc=$?\n' \
      "$label" "$cmd" "$log" >> "$script"
    printf 'echo "          exit $rc, $((SECONDS - start)) s"\nif [ $rc -ne 0 ]; then echo %q; tail -n 40 %q; exit 1; fi\n' \
      "FAILED $file:$line: (the exit code is above)" "$log" >> "$script"
  done < <(extract "$f")
  if [ "$list_only" = 0 ] && [ -s "$script" ]; then
    (
      cd "$tmp/repo" || exit 1
      export HOME="$tmp/home" PATH="$tmp/home/.local/bin:$PATH"
      if [ "$(id -u)" = 0 ]; then export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1; fi
      bash "$script"
    ) || failed=$((failed + 1))
  fi
done

for e in "${skips[@]}"; do
  if [ -z "${used["${e%%|*}"]:-}" ]; then
    echo "FAILED: the skip entry '${e%%|*}' matches no command in the docs: remove it from $0"
    failed=$((failed + 1))
  fi
done
echo "docs commands: $ran run, $skipped skipped, $failed failed"
[ "$failed" = 0 ]
