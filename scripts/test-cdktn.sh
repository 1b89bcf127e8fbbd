#!/usr/bin/env bash
# npm run test:cdktn — prove the project on CDK Terrain (cdktn), cdktf's community
# continuation: copy the project, swap the packages, rewrite the imports, run the
# type-check, the test suite and verify there, and report every difference between
# the Terraform JSON synthesized by cdktf (here) and by cdktn (the copy).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
CDKTN_VERSION="${CDKTN_VERSION:-0.24.0}"
CDKTN_AWS_VERSION="${CDKTN_AWS_VERSION:-25.7.0}"
work="${CDKTN_WORKDIR:-$here/.tmp/cdktn}"
export CHECKPOINT_DISABLE=1

echo "== copy the project to $work"
rm -rf "$work"
mkdir -p "$work"
(cd "$here" && git ls-files -z --cached --others --exclude-standard | xargs -0 -I{} cp --parents {} "$work/")

echo "== swap cdktf for cdktn $CDKTN_VERSION, @cdktn/provider-aws $CDKTN_AWS_VERSION"
node - "$work/package.json" "$CDKTN_VERSION" "$CDKTN_AWS_VERSION" <<'JS'
const fs = require('fs');
const [file, cdktn, aws] = process.argv.slice(2);
const p = JSON.parse(fs.readFileSync(file, 'utf8'));
// cdktf, its provider and constructs are peer and dev dependencies of the library.
for (const deps of [p.dependencies, p.devDependencies, p.peerDependencies])
  for (const k of ['cdktf', '@cdktf/provider-aws', 'constructs']) if (deps) delete deps[k];
delete p.devDependencies['cdktf-cli']; // cdktn-cli needs Node 22; the tests and ts-node do not use a CLI
delete p.devDependencies['@cdktf/provider-tfe']; // built on cdktf: replaced by scripts/cdktn-tfe.ts
delete p.scripts.prepare; // built on demand by scripts/run.js, as in a clone
p.dependencies.cdktn = cdktn;
p.dependencies['@cdktn/provider-aws'] = aws;
p.dependencies.constructs = '>=10.6.0 <10.8.0'; // cdktn's peer range
fs.writeFileSync(file, JSON.stringify(p, null, 2) + '\n');
JS
rm -f "$work/package-lock.json"
# No prebuilt tfe provider for cdktn: the bootstrap's tfe constructs on cdktn's base classes.
cp "$here/scripts/cdktn-tfe.ts" "$work/modules/stacks/tfe.ts"
# Imports are plain, so the switch is a rename.
grep -rlE "from '(cdktf|@cdktf/provider-aws)" "$work/main.ts" "$work/modules" "$work/__tests__" "$work/bench"/*.ts |
  xargs sed -i -E "s#from 'cdktf'#from 'cdktn'#; s#from 'cdktf/lib/#from 'cdktn/lib/#; s#from '@cdktf/provider-aws/#from '@cdktn/provider-aws/#"
left="(from|require\\()[ (]*'(cdktf|@cdktf/provider-aws)[/']"
if grep -rqE "$left" "$work/main.ts" "$work/modules" "$work/__tests__" "$work/bench"/*.ts; then
  echo "imports left behind:"; grep -rnE "$left" "$work/main.ts" "$work/modules" "$work/__tests__" "$work/bench"/*.ts; exit 1
fi

echo "== install"
(cd "$work" && npm install --no-audit --no-fund --loglevel=error)
# What modules/emit writes of the rendering library, taken from the packages just installed (as their stacks say it).
node - "$work" <<'JS'
const fs = require('fs');
const path = require('path');
const work = process.argv[2];
const from = (p) => require(require.resolve(p, { paths: [work] }));
const providerJs = fs.readFileSync(require.resolve('@cdktn/provider-aws/lib/provider/index.js', { paths: [work] }), 'utf8');
const awsSource = /terraformProviderSource: '([^']+)'/.exec(providerJs)[1];
const tfe = fs.readFileSync(path.join(work, 'modules/stacks/tfe.ts'), 'utf8');
const tfeSource = /terraformProviderSource: '([^']+)'/.exec(tfe)[1];
const tfeVersion = /providerVersion: '([^']+)'/.exec(tfe)[1];
const version = from('cdktn/package.json').version;
const awsVersion = from('@cdktn/provider-aws/package.json').cdktf.provider.version;
const file = path.join(work, 'modules/emit/library.ts');
const text = fs
  .readFileSync(file, 'utf8')
  .replace(/version: '[^']+',\n  \/\*\*/, `version: '${version}',\n  /**`)
  .replace('compactEmpty: false', 'compactEmpty: true')
  .replace(/aws: \{ source: '[^']+', version: '[^']+' \}/, `aws: { source: '${awsSource}', version: '${awsVersion}' }`)
  .replace(/tfe: \{ source: '[^']+', version: '[^']+' \}/, `tfe: { source: '${tfeSource}', version: '${tfeVersion}' }`);
fs.writeFileSync(file, text);
console.log(`   modules/emit/library.ts: cdktn ${version}, ${awsSource} ${awsVersion}, ${tfeSource} ${tfeVersion}, compact empties`);
JS

status=0
echo "== type-check and tests on cdktn (snapshots are compared, never rewritten)"
(cd "$work" && npx tsc --noEmit) || status=1
# Only the test files whose imports reach cdktn (or start a process): the others run the same code as in
# `npm test` (scripts/cdktf-tests.js lists both). Two tests need cdktf itself (the packed library in a cdktf
# app, the cdktf CLI): skipped, said.
echo "   not run again (their code does not reach cdktf or cdktn):" $(cd "$work" && node scripts/cdktf-tests.js --others)
mapfile -t reaching < <(cd "$work" && node scripts/cdktf-tests.js)
(cd "$work" && LIBRARY_PACK_TEST=skip CDKTF_CLI_TEST=skip npx jest --ci --json --outputFile="$work/jest.json" "${reaching[@]}" > "$work/jest.log" 2>&1) || true
# A snapshot records cdktf's output: on cdktn it may differ (reported below); any other failure fails.
node - "$work/jest.json" <<'JS' || status=1
const r = require(process.argv[2]);
const failed = r.testResults.flatMap((f) => f.assertionResults.filter((a) => a.status === 'failed').map((a) => ({ name: a.fullName, snapshot: a.failureMessages.every((m) => m.includes('toMatchSnapshot')) })));
for (const f of failed) console.log(`  ${f.snapshot ? 'snapshot differs' : 'FAILED'}: ${f.name}`);
console.log(`  ${r.numPassedTests} passed, ${failed.filter((f) => !f.snapshot).length} failed, ${failed.filter((f) => f.snapshot).length} snapshot difference(s)`);
process.exit(failed.some((f) => !f.snapshot) || r.numTotalTests === 0 ? 1 : 0);
JS

echo "== synth + verify every config on both, and compare the Terraform JSON"
diffs=0
for cfg in cross-account.json examples/*.json; do
  # npm run synth / verify: each side's compiled JavaScript (dist/, built once when stale).
  for side in "$here" "$work"; do
    (cd "$side" && CROSS_ACCOUNT_CONFIG="$cfg" CDKTF_OUTDIR="$work/out/$(basename "$side")/$(basename "$cfg" .json)" node scripts/run.js synth > /dev/null)
  done
  (cd "$work" && CROSS_ACCOUNT_CONFIG="$cfg" CDKTF_OUTDIR="$work/out/$(basename "$work")/$(basename "$cfg" .json)" node scripts/run.js verify > /dev/null) || { echo "verify failed on cdktn: $cfg"; status=1; }
  if ! node "$here/scripts/compare-synth.js" "$work/out/$(basename "$here")/$(basename "$cfg" .json)" "$work/out/$(basename "$work")/$(basename "$cfg" .json)"; then
    diffs=$((diffs + 1))
  fi
done
echo "== cdktn $CDKTN_VERSION / @cdktn/provider-aws $CDKTN_AWS_VERSION: tests $([ $status -eq 0 ] && echo passed || echo FAILED), $diffs config(s) synthesize differently (listed above)"
exit $status
