#!/usr/bin/env bash
# npm run bench [-- --quick]: installs the AWS CDK side into bench/node_modules when missing,
# compiles the project (dist/, what `npm run synth` runs) and the bench with every side
# (.tmp/bench-build), so that every side runs as compiled JavaScript, then measures
# (bench/bench.ts), writing bench/results.json and BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")"
export CHECKPOINT_DISABLE=1
[ -d node_modules/aws-cdk-lib ] || npm install --no-audit --no-fund --no-package-lock --loglevel=error
cd ..
node scripts/run.js build
rm -rf .tmp/bench-build
node node_modules/typescript/bin/tsc -p bench/tsconfig.json
# The AWS CDK side resolves aws-cdk-lib from bench/node_modules, as it does from its sources.
ln -s ../../../bench/node_modules .tmp/bench-build/bench/node_modules
exec node .tmp/bench-build/bench/bench.js "$@"
