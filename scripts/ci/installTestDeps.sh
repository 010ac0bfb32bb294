#!/usr/bin/env bash
# Installs what the tests need beyond npm packages, only what is missing:
# Debian's chromium (the browser tests of the report and the printed list),
# Jupyter (the notebooks) and the benchmark peer's Python stack (pandas,
# scikit-learn, XGBoost; tested on the sample drop). Debian packages, since
# PyPI and browser downloads are not reachable from these machines.
# Idempotent: on a machine that has them it does nothing.
set -euo pipefail

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v jupyter-nbconvert >/dev/null 2>&1 || need_apt+=(jupyter-notebook jupyter-nbconvert python3-ipykernel)
/usr/bin/python3 -c 'import pandas, sklearn, xgboost' >/dev/null 2>&1 || need_apt+=(python3-pandas python3-sklearn python3-xgboost)
if [ ${#need_apt[@]} -eq 0 ]; then
  exit 0
fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
  else
    echo "test deps: these Debian packages are missing and installing them needs root: ${need_apt[*]}" >&2
    echo "test deps: run as root: apt-get install -y --no-install-recommends ${need_apt[*]}" >&2
    exit 1
  fi
fi
echo "test deps: installing Debian packages: ${need_apt[*]}"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
