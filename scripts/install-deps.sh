#!/usr/bin/env bash
# Installs the system libraries Setka links against (GLPK 5.0 from Debian), only when missing.
set -euo pipefail
if [ -f /usr/include/glpk.h ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
echo "setka: installing libglpk-dev (GLPK) with apt-get…" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libglpk-dev >/dev/null
