#!/usr/bin/env bash
# scripts/collect.sh <folder>: what is deployed, read with read-only AWS CLI calls, into the
# layout `npm run audit -- <folder>` reads (aws/<account>/<service>/<call>.json). What to read
# comes from the config and cdktf.out (run `npm run synth` first); each account is read with
# its accounts.<id>.profile (else the default credentials). Only Get/List/Describe calls.
# Add terraform/<stack>.json yourself: `terraform show -json > <folder>/terraform/<stack>.json`
# in each stack's folder (cdktf.out/stacks/<stack>).
set -euo pipefail
out="${1:?usage: scripts/collect.sh <folder>}"
cd "$(dirname "$0")/.."
# dist/ as npm run synth left it (built when missing).
[ -f dist/modules/audit/calls.js ] || node scripts/run.js build >/dev/null 2>&1 ||
  { echo "collect: the sources do not compile (npm run build)" >&2; exit 1; }
calls="$(node dist/modules/audit/calls.js)"
region="$(awk '$1 == "region" { print $2 }' <<<"$calls")"

# aws <account> <profile> <file> <args...>: one call, its JSON to aws/<account>/<file>.
call() {
  local account="$1" profile="$2" file="$3"
  shift 3
  mkdir -p "$out/aws/$account/$(dirname "$file")"
  local p=()
  [ "$profile" != "-" ] && p=(--profile "$profile")
  aws "${p[@]}" --region "$region" --output json "$@" >"$out/aws/$account/$file"
}
# text <account> <profile> <args...>: one value, as text (names to loop over).
text() {
  local account="$1" profile="$2"
  shift 2
  local p=()
  [ "$profile" != "-" ] && p=(--profile "$profile")
  aws "${p[@]}" --region "$region" --output text "$@"
}

while read -r kind account profile name; do
  case "$kind" in
  bucket)
    call "$account" "$profile" s3api/get-bucket-policy.json s3api get-bucket-policy --bucket "$name"
    call "$account" "$profile" s3api/get-public-access-block.json s3api get-public-access-block --bucket "$name"
    call "$account" "$profile" s3api/get-bucket-ownership-controls.json s3api get-bucket-ownership-controls --bucket "$name"
    call "$account" "$profile" s3api/get-bucket-encryption.json s3api get-bucket-encryption --bucket "$name"
    # The CLI follows NextToken itself: the file holds every page.
    call "$account" "$profile" s3control/list-access-points.json s3control list-access-points --account-id "$account" --bucket "$name"
    for ap in $(text "$account" "$profile" s3control list-access-points --account-id "$account" --bucket "$name" --query 'AccessPointList[].Name'); do
      [ "$ap" = "None" ] && continue
      call "$account" "$profile" "s3control/get-access-point-policy/$ap.json" s3control get-access-point-policy --account-id "$account" --name "$ap"
    done
    ;;
  accesspoint)
    call "$account" "$profile" "s3control/get-access-point-policy/$name.json" s3control get-access-point-policy --account-id "$account" --name "$name"
    ;;
  key)
    call "$account" "$profile" kms/describe-key.json kms describe-key --key-id "$name"
    arn="$(text "$account" "$profile" kms describe-key --key-id "$name" --query KeyMetadata.Arn)"
    call "$account" "$profile" kms/get-key-policy.json kms get-key-policy --key-id "$arn" --policy-name default
    ;;
  analyzer)
    arn="$(text "$account" "$profile" accessanalyzer get-analyzer --analyzer-name "$name" --query analyzer.arn)"
    call "$account" "$profile" accessanalyzer/list-findings.json accessanalyzer list-findings --analyzer-arn "$arn" \
      --filter '{"status":{"eq":["ACTIVE"]}}'
    ;;
  role)
    call "$account" "$profile" "iam/get-role/$name.json" iam get-role --role-name "$name"
    call "$account" "$profile" "iam/list-role-policies/$name.json" iam list-role-policies --role-name "$name"
    for policy in $(text "$account" "$profile" iam list-role-policies --role-name "$name" --query 'PolicyNames[]'); do
      call "$account" "$profile" "iam/get-role-policy/$name/$policy.json" iam get-role-policy --role-name "$name" --policy-name "$policy"
    done
    ;;
  esac
done <<<"$calls"
echo "collected into $out: now \`npm run audit -- $out\`"
