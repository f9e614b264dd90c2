#!/bin/sh
# After the GUI test: the scenario the app saved runs unchanged with `yjsim run`, and gives exactly the results the
# app exported (same scenario, same seed: bit-identical HDF5 datasets).
# usage: saved_scenario_runs.sh YJSIM_BINARY H5DIFF FOLDER
set -eu
yjsim=$1
h5diff=$2
dir=$3
"$yjsim" run "$dir/gui_saved.toml" -o "$dir/gui_saved_cli.h5" --threads 2 >/dev/null
"$h5diff" "$dir/gui_results.h5" "$dir/gui_saved_cli.h5" /variants /variants
"$h5diff" "$dir/gui_results.h5" "$dir/gui_saved_cli.h5" /periods /periods
# The board pack the app wrote has the headline figures of `yjsim report` on the same scenario, seed and replicates:
# page one's sentences and summary tables, character for character.
"$yjsim" report "$dir/gui_saved.toml" -o "$dir/gui_board_cli.html" --threads 2 --quiet
headline() { perl -0ne 'print "$1\n" while /(<ul class="decision">.*?<\/ul>|<table class="summary">.*?<\/table>)/gs' "$1"; }
headline "$dir/gui_board.html" > "$dir/gui_board_headline.txt"
headline "$dir/gui_board_cli.html" > "$dir/gui_board_cli_headline.txt"
test -s "$dir/gui_board_headline.txt"
grep -q 'class="summary"' "$dir/gui_board_headline.txt"
cmp "$dir/gui_board_headline.txt" "$dir/gui_board_cli_headline.txt"
echo "the saved scenario runs with yjsim run and reproduces the app's results exactly"
