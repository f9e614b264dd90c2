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
echo "the saved scenario runs with yjsim run and reproduces the app's results exactly"
