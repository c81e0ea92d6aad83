#!/bin/sh
# Install the peer linters that `python benchmarks/bench.py --only peers` compares lintreport with,
# into benchmarks/.peers/ (git-ignored). They are for the benchmark only: the package, its tests and
# its users never need them.
#
#   sh benchmarks/install_peers.sh          # needs npm (Node >= 20) and pip
#
# textlint + textlint-rule-prh: the usual JavaScript word-substitution linter (10 substitutions from
# benchmarks/peers/prh.yml). autocorrect-py: the Python binding of AutoCorrect, a CJK copywriting
# linter (spacing and punctuation between Chinese and Latin text).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
dest="$here/.peers"
mkdir -p "$dest/node" "$dest/python"
npm install --prefix "$dest/node" --no-audit --no-fund --loglevel=error \
  "textlint@^15" "textlint-rule-prh@^6"
python -m pip install --quiet --upgrade --target "$dest/python" "autocorrect-py>=2.9,<3"
echo "peers installed in $dest"
