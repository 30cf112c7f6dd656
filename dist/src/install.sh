#!/bin/sh
# Installs littlehub from a release archive, for the person running it (no root, no Java needed):
#   sh install.sh URL|ARCHIVE [--sha256 HEX] [--prefix DIR]
# The archive's SHA-256 must match: --sha256 HEX, else the ARCHIVE.sha256 file beside it (downloaded from URL.sha256).
# A mismatch or a missing checksum installs nothing. The archive goes to PREFIX/share/littlehub (default PREFIX:
# ~/.local) and PREFIX/bin/littlehub points at it; an earlier version there is replaced.
set -eu

fail() {
  echo "install.sh: $*" >&2
  exit 1
}

source=
expected=
prefix=$HOME/.local
while [ $# -gt 0 ]; do
  case $1 in
    --sha256) [ $# -ge 2 ] || fail "--sha256 needs the checksum (64 hex digits)"; expected=$2; shift 2 ;;
    --prefix) [ $# -ge 2 ] || fail "--prefix needs a folder"; prefix=$2; shift 2 ;;
    -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) fail "unknown option $1 (options: --sha256 HEX, --prefix DIR)" ;;
    *) [ -z "$source" ] || fail "one archive at a time (got $source and $1)"; source=$1; shift ;;
  esac
done
[ -n "$source" ] || fail "name the release archive: sh install.sh URL|littlehub-VERSION-PLATFORM.tar.gz"

work=$(mktemp -d "${TMPDIR:-/tmp}/littlehub-install.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

download() {
  if command -v curl >/dev/null 2>&1; then
    curl -fsSL -o "$2" "$1"
  elif command -v wget >/dev/null 2>&1; then
    wget -q -O "$2" "$1"
  else
    fail "cannot download $1: neither curl nor wget is installed"
  fi
}

name=$(basename "$source")
case $name in
  *.tar.gz) ;;
  *) fail "$name is not a littlehub release archive (littlehub-VERSION-PLATFORM.tar.gz; on Windows unpack the .zip)" ;;
esac
archive=$work/$name
case $source in
  http://*|https://*)
    download "$source" "$archive" || fail "cannot download $source"
    if [ -z "$expected" ]; then
      download "$source.sha256" "$work/$name.sha256" || fail "cannot download $source.sha256: without a checksum" \
          "nothing is installed (give it with --sha256 HEX)"
    fi ;;
  *)
    [ -f "$source" ] || fail "no such file: $source"
    cp "$source" "$archive"
    if [ -z "$expected" ]; then
      [ -f "$source.sha256" ] || fail "no checksum for $source: put $name.sha256 beside it or give --sha256 HEX;" \
          "nothing is installed"
      cp "$source.sha256" "$work/$name.sha256"
    fi ;;
esac
[ -n "$expected" ] || expected=$(cut -d' ' -f1 < "$work/$name.sha256")
if command -v sha256sum >/dev/null 2>&1; then
  actual=$(sha256sum "$archive" | cut -d' ' -f1)
elif command -v shasum >/dev/null 2>&1; then
  actual=$(shasum -a 256 "$archive" | cut -d' ' -f1)
else
  fail "cannot check the archive: neither sha256sum nor shasum is installed"
fi
expected=$(printf '%s' "$expected" | tr 'A-F' 'a-f')
[ "$actual" = "$expected" ] || fail "the SHA-256 of $name is $actual, not the expected $expected: the download is" \
    "damaged or not the published one. Nothing is installed; download it again."

mkdir -p "$work/unpack"
tar -xzf "$archive" -C "$work/unpack" || fail "cannot unpack $name"
top=$(ls "$work/unpack")
[ -x "$work/unpack/$top/bin/littlehub" ] && [ -x "$work/unpack/$top/runtime/bin/java" ] \
    || fail "$name has no bin/littlehub and runtime/: not a littlehub release archive"

share=$prefix/share/littlehub
mkdir -p "$share" "$prefix/bin"
previous=
[ -L "$share/current" ] && previous=$(readlink "$share/current")
rm -rf "$share/$top.new"
mv "$work/unpack/$top" "$share/$top.new"
rm -rf "$share/$top"
mv "$share/$top.new" "$share/$top"
ln -sfn "$top" "$share/current"
ln -sfn "$share/current/bin/littlehub" "$prefix/bin/littlehub"
if [ -n "$previous" ] && [ "$previous" != "$top" ]; then
  rm -rf "${share:?}/$previous"
fi

"$prefix/bin/littlehub" --version || fail "installed in $share/$top, but it does not run"
case ":$PATH:" in
  *":$prefix/bin:"*) echo "Installed: littlehub is ready." ;;
  *) echo "Installed as $prefix/bin/littlehub. Add $prefix/bin to your PATH (e.g. in ~/.profile:" \
       "export PATH=\"$prefix/bin:\$PATH\") to run it as littlehub." ;;
esac
