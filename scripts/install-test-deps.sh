#!/usr/bin/env bash
# Installs what the browser app's end-to-end tests need, only when missing: Debian's chromium and
# chromium-driver (a real browser, driven by Python selenium), Python's selenium and schemathesis
# (the API fuzzer), wrk (bench/serve-bench.sh).
set -euo pipefail
missing=""
command -v chromium > /dev/null || missing="$missing chromium"
command -v chromedriver > /dev/null || missing="$missing chromium-driver"
command -v wrk > /dev/null || missing="$missing wrk"
command -v python3 > /dev/null || missing="$missing python3"
python3 -m pip --version > /dev/null 2>&1 || missing="$missing python3-pip"
if [ -n "$missing" ]; then
  SUDO=""
  if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
  echo "setka: installing$missing with apt-get…" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing > /dev/null
fi
python_missing=""
python3 -c "import selenium" 2> /dev/null || python_missing="$python_missing selenium"
python3 -c "import schemathesis" 2> /dev/null || python_missing="$python_missing schemathesis"
if [ -n "$python_missing" ]; then
  echo "setka: installing$python_missing with pip…" >&2
  # Debian's own Python refuses system-wide pip installs (PEP 668) unless told.
  python3 -m pip install -q $python_missing 2> /dev/null \
    || python3 -m pip install -q --break-system-packages $python_missing
fi
