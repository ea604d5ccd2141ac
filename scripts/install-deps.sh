#!/usr/bin/env bash
# Installs the system libraries Setka links against (GLPK 5.0 from Debian), only when missing.
set -euo pipefail
# GLPK for the solver; zlib (normally there with Swift) for the Excel workbook; SQLite for the
# browser app's database (GRDB links the system's).
missing=""
[ -f /usr/include/glpk.h ] || missing="$missing libglpk-dev"
[ -f /usr/include/zlib.h ] || missing="$missing zlib1g-dev"
[ -f /usr/include/sqlite3.h ] || missing="$missing libsqlite3-dev"
if [ -z "$missing" ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
echo "setka: installing$missing with apt-get…" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
