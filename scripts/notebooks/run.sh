#!/usr/bin/env bash
# Executes every notebook under notebooks/ headlessly with the tslab
# TypeScript kernel (`jupyter nbconvert --execute`), against the bundled sample
# drop; fails on the first cell error. The committed notebooks are not
# modified: executed copies go to out/notebooks/.
# Needs Debian's jupyter-notebook, jupyter-nbconvert and python3-ipykernel
# (.ci/run installs them) and `npm run build` (the notebooks import dist/).
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$PWD/node_modules/.bin:$PATH"

if ! command -v jupyter-nbconvert >/dev/null 2>&1; then
  echo "notebooks: jupyter-nbconvert is missing; install Debian's jupyter-notebook jupyter-nbconvert python3-ipykernel" >&2
  exit 1
fi
# Register the TypeScript kernel with Debian's python (idempotent).
tslab install --python=/usr/bin/python3 >/dev/null

mkdir -p out/notebooks
status=0
for notebook in notebooks/*.ipynb; do
  echo "notebooks: executing $notebook"
  if ! jupyter nbconvert --to notebook --execute "$notebook" \
      --ExecutePreprocessor.timeout=1200 --ExecutePreprocessor.kernel_name=tslab \
      --output-dir out/notebooks --log-level=WARN; then
    echo "notebooks: $notebook failed" >&2
    status=1
  fi
done
exit $status
