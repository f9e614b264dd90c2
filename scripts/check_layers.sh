#!/usr/bin/env bash
# Dependencies run one way: apps, gui -> report -> io -> analysis -> input -> models -> sim. Nothing includes a
# layer above its own, sim/ knows no youth justice, and only input/ reads TOML. Exit 1 with each breach named.
set -u
cd "$(dirname "$0")/.."
layers=(sim models input analysis io report)
status=0
for ((i = 0; i < ${#layers[@]}; i++)); do
  low=${layers[$i]}
  for high in "${layers[@]:$((i + 1))}" apps gui; do
    hits=$(grep -rIn "#include \"$high/" "$low" 2>/dev/null)
    if [ -n "$hits" ]; then
      echo "layering: $low/ includes from $high/ (dependencies run apps, gui -> report -> io -> analysis -> input -> models -> sim):"
      echo "$hits" | sed 's/^/  /'
      status=1
    fi
  done
done
hits=$(grep -rIniE "custody|remand|offend|youth|court|reoffend|caution" sim 2>/dev/null)
if [ -n "$hits" ]; then
  echo "layering: sim/ names youth justice (the engine knows nothing of the domain):"
  echo "$hits" | sed 's/^/  /'
  status=1
fi
hits=$(grep -rIln "#include <toml++" sim models analysis io report 2>/dev/null)
if [ -n "$hits" ]; then
  echo "layering: only input/ reads or writes TOML; found toml++ in:"
  echo "$hits" | sed 's/^/  /'
  status=1
fi
[ $status -eq 0 ] && echo "layers: dependencies run one way (sim <- models <- input <- analysis <- io <- report <- apps, gui)"
exit $status
