# Shared by ./qemu/run, ./tests/run and tests/bench/run: say what is
# happening, install what is missing, build an image. Source it; it sets
# no shell options of its own.

LW_BUILD_PACKAGES="gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm cmake make gcc libc6-dev pkg-config libinih-dev libjsmn-dev libcmocka-dev dpkg-dev xz-utils curl openssl"
LW_TEST_PACKAGES="python3 wrk slowhttptest clang libclang-rt-14-dev python3-keystoneauth1 python3-requests iproute2 valgrind"

lw_step() { printf '==> %s\n' "$*"; }
lw_die() { printf 'lwpaste: error: %s\n' "$*" >&2; exit 1; }

# lw_need_packages PKG...: install the Debian packages that are missing,
# or say exactly what to run when we cannot.
lw_need_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ]; then
    lw_die "missing packages; install them with: sudo apt-get install ${missing[*]}"
  fi
  command -v apt-get >/dev/null || lw_die "missing packages (${missing[*]}) and no apt-get to install them"
  lw_step "installing ${missing[*]} (apt-get)"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/tmp/lwpaste-apt.log 2>&1; then
    apt-get update -q >/tmp/lwpaste-apt-update.log 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/tmp/lwpaste-apt.log 2>&1 \
      || { tail -20 /tmp/lwpaste-apt.log; lw_die "apt-get install ${missing[*]} failed"; }
  fi
}

# lw_build_image BUILDDIR BOARD CONFIG APP [cmake args...]
lw_build_image() {
  local dir=$1 board=$2 config=$3 app=$4 sum
  shift 4
  mkdir -p "$dir"
  # CMake keeps the compiler flags of a build folder's first configure in
  # its cache: when the toolchain or the board's flags are not the ones the
  # folder was configured with, configure it afresh, or it goes on building
  # with the old flags.
  sum=$(cat cmake/arm-none-eabi.cmake "boards/$board/board.cmake" 2>/dev/null | sha256sum | cut -c1-16)
  if [ -f "$dir/CMakeCache.txt" ] && [ "$(cat "$dir/.lw-flags" 2>/dev/null)" != "$sum" ]; then
    rm -f "$dir/CMakeCache.txt"
  fi
  if ! cmake -S . -B "$dir" -DLWPASTE_BOARD="$board" -DLWPASTE_CONFIG="$(realpath "$config")" \
       -DLWPASTE_APP="$app" "$@" >"$dir/configure.log" 2>&1; then
    cat "$dir/configure.log" >&2
    lw_die "configuring $dir failed"
  fi
  echo "$sum" >"$dir/.lw-flags"
  grep '^lwpaste:' "$dir/configure.log" || true
  # The build's own output scrolls by; when it fails, its FILE:LINE errors
  # (a bad ini, a compiler error) are said again as the last lines.
  local rc
  { rc=0; cmake --build "$dir" -j"$(nproc 2>/dev/null || echo 2)" || rc=$?; echo "$rc" >"$dir/.lw-build-rc"; } 2>&1 |
    tee "$dir/build.out"
  rc=$(cat "$dir/.lw-build-rc")
  [ "$rc" = 0 ] && return 0
  {
    echo
    printf 'lwpaste: error: building %s failed' "$dir"
    if grep -E '^[^ ]+:[0-9]+(:[0-9]+)?: ' "$dir/build.out" | grep -v ': warning: ' |
         head -20 >"$dir/build.errors" && [ -s "$dir/build.errors" ]; then
      echo ':'
      cat "$dir/build.errors"
    else
      echo " (its output is above, and in $dir/build.out)"
    fi
  } >&2
  return 1
}

# lw_qemu_pid PIDFILE: the QEMU PID in PIDFILE, only if it is really QEMU.
lw_qemu_pid() {
  local pid
  pid=$(cat "$1" 2>/dev/null) || return 1
  [ -n "$pid" ] && [ "$(cat /proc/"$pid"/comm 2>/dev/null)" = qemu-system-arm ] && echo "$pid"
}
