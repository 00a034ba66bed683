#!/usr/bin/env bash
# The promise of the README, checked: a chapter in another province forks this repository,
# replaces content/data/ (its regions, rubrics, reporters, identity) and content/berita/ (its
# own stories), changes nothing else, and still passes the whole test suite and the strict
# production build.
#
#   bash tools/fork_check.sh [PYTEST ARGS...]
#
# The fork is the fictional chapter in tools/fork/content/ (another province, time zone, name
# and colours). It is made in a temporary copy of this working tree (tracked and untracked
# files, not ignored ones), which shares this checkout's .venv and node_modules when there are
# any (else tools/dev.sh sets them up in the copy, as on CI), and is removed afterwards
# (KEEP_FORK=1 keeps it). Exit status: 0 when both pass. CI runs it (.github/workflows/ci.yml).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
fork="$(mktemp -d "${TMPDIR:-/tmp}/fpii-fork.XXXXXX")"
[ "${KEEP_FORK:-}" = 1 ] || trap 'rm -rf "$fork"' EXIT

(cd "$here" && git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do
  [ -e "$f" ] && printf '%s\0' "$f"
done | tar --null -T - -cf -) | tar -xf - -C "$fork"
for shared in .venv node_modules; do
  [ -e "$here/$shared" ] && ln -s "$(readlink -f "$here/$shared")" "$fork/$shared"
done

# The fork: another chapter's data and stories, nothing else.
rm -rf "$fork/content/data" "$fork/content/berita"
cp -r "$here/tools/fork/content/data" "$here/tools/fork/content/berita" "$fork/content/"
git -C "$fork" init -q
git -C "$fork" -c user.name=fork -c user.email=fork@example.invalid add -A
git -C "$fork" -c user.name=fork -c user.email=fork@example.invalid commit -qm "Fork: another chapter's data and stories"
echo "fork made in $fork"

cd "$fork"
bash tools/dev.sh setup  # a no-op when the shared .venv and node_modules are up to date
rc=0
echo "== production build (publishconf.py) =="
.venv/bin/pelican content -s publishconf.py -o "$fork/output" || rc=$?
echo "== test suite (tools/dev.sh test) =="
bash tools/dev.sh test -p no:cacheprovider "$@" || rc=$?
if [ "$rc" -eq 0 ]; then
  echo "fork check passed: the fork builds with publishconf.py and passes the test suite"
else
  echo "fork check FAILED (exit $rc)" >&2
fi
exit "$rc"
