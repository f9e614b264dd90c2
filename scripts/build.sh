#!/usr/bin/env bash
# Installs yjsim's Debian 12 build dependencies (if missing) and builds it into ./build.
# YJSIM_WERROR=ON makes warnings errors (CI does this).
set -euo pipefail
cd "$(dirname "$0")/.."
packages="build-essential cmake ninja-build pkg-config git libtbb-dev libboost-dev librandom123-dev libnlopt-cxx-dev
          libhdf5-dev hdf5-tools libtomlplusplus-dev libcli11-dev doctest-dev libopenmpi-dev openmpi-bin
          libimgui-dev libglfw3-dev libstb-dev libgl-dev xvfb xauth libgl1-mesa-dri fonts-dejavu-core
          libxlsxwriter-dev chromium"
missing=""
for p in $packages; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
fi
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DYJSIM_WERROR="${YJSIM_WERROR:-OFF}" >/dev/null
cmake --build build
