#!/usr/bin/env bash
# npm run bench [-- --quick]: installs the AWS CDK side into bench/node_modules when missing,
# then measures (bench/bench.ts), writing bench/results.json and BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")"
export CHECKPOINT_DISABLE=1
[ -d node_modules/aws-cdk-lib ] || npm install --no-audit --no-fund --no-package-lock --loglevel=error
cd ..
exec node node_modules/ts-node/dist/bin.js --swc bench/bench.ts "$@"
