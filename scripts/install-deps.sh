#!/usr/bin/env bash
# Installs the system libraries Setka links against (GLPK 5.0 from Debian), only when missing.
set -euo pipefail
# GLPK for the solver; zlib and libxml2 (normally there with Swift, whose Foundation needs them)
# for Excel workbooks: zlib under ZIPFoundation (and its crc32 checking the parts), libxml2's SAX2 parser for the sheets; pkg-config finds them;
# SQLite for the browser app's database (GRDB links the system's).
missing=""
[ -f /usr/include/glpk.h ] || missing="$missing libglpk-dev"
[ -f /usr/include/zlib.h ] || missing="$missing zlib1g-dev"
[ -f /usr/include/libxml2/libxml/parser.h ] || missing="$missing libxml2-dev"
command -v pkg-config >/dev/null 2>&1 || missing="$missing pkg-config"
[ -f /usr/include/sqlite3.h ] || missing="$missing libsqlite3-dev"
if [ -z "$missing" ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
echo "setka: installing$missing with apt-get…" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
