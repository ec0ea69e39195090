#!/usr/bin/env bash
# Checks a pull request with a tool built from the base branch (the judge), never with the pull
# request's own code: a change to scripts/ cannot switch off the rule that would refuse it.
#
#   judge-pr.sh JUDGE_DIR PR_DIR BASE_REF OUT_DIR
#
# JUDGE_DIR: a checkout of the base branch with its CLI compiled (npm ci); PR_DIR: the pull
# request's checkout with its whole history; BASE_REF: the base branch (origin/BASE_REF must
# exist in PR_DIR); OUT_DIR: where check.json, check.sarif and check.md go. Prints the GitHub
# annotations; exits with the check's code (0 clean, 1 problems, 2 could not run).
set -uo pipefail
judge="$(cd "$1" && pwd)"
pr="$(cd "$2" && pwd)"
base="origin/$3"
mkdir -p "$4"
out="$(cd "$4" && pwd)"
cli=(node "$judge/dist/scripts/cli/main.js" check --repo "$pr/repo" --base "$base" --head HEAD)
cd "$pr" || exit 2
"${cli[@]}" --format json > "$out/check.json"
code=$?
if [ "$code" -ge 2 ]; then cat "$out/check.json"; exit "$code"; fi
# The tool itself changed: its own tests run in the ci workflow; this check used the base's.
changed=$(git diff --name-only "$base...HEAD" -- scripts package.json package-lock.json tsconfig.json | head -n 20)
{
  if [ -n "$changed" ]; then
    printf '> **The tool changed in this pull request** (scripts/, package.json or the lock file). '
    printf 'This check ran with the tool of %s, not with the changed one; the ci workflow tests the change.\n\n' "$base"
  fi
  "${cli[@]}" --format markdown
} > "$out/check.md"
"${cli[@]}" --format sarif > "$out/check.sarif"
if [ -n "$changed" ]; then
  echo "::notice title=universe check::The tool changed in this pull request; this check ran with the tool of $base, the ci workflow tests the change."
fi
"${cli[@]}" --format github
exit "$code"
