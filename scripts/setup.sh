#!/usr/bin/env bash
# Installs the Debian packages Strider builds and runs with (DESIGN.md, "Setup and CI").
# Quick when everything is already installed: it only asks dpkg, and calls apt-get when
# something is missing. On clusters without apt, skip this script (docs/cluster.md).
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkgconf git
  libbullet-dev libeigen3-dev libtbb-dev libhdf5-dev zlib1g-dev libvtk9-dev
  libyaml-cpp-dev libcli11-dev libspdlog-dev libfmt-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libopenmpi-dev openmpi-bin
  xvfb xauth ffmpeg python3-h5py python3-numpy
  clang libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

echo "setup.sh: installing ${#missing[@]} missing package(s): ${missing[*]}"
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=sudo
  else
    echo "setup.sh: not root and no sudo; install these packages by hand: ${missing[*]}" >&2
    exit 1
  fi
else
  SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup.sh: done"
