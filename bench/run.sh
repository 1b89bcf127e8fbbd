#!/usr/bin/env bash
# npm run bench: installs the AWS CDK side into bench/node_modules when missing, then measures.
set -euo pipefail
cd "$(dirname "$0")"
[ -d node_modules/aws-cdk-lib ] || npm install --no-audit --no-fund --no-package-lock --loglevel=error
cd ..
CHECKPOINT_DISABLE=1 npx ts-node --swc bench/bench.ts
