# Sourced by the ensure-* scripts: installs Debian packages with apt-get, as root or through sudo,
# waiting for another apt-get or dpkg (an unattended upgrade, a second checkout's test run) to
# finish with the package lists and the dpkg database. The caller defines say and die.
# Usage: apt_install <what is missing, for messages> <package>...

# Seconds to wait for another apt-get or dpkg.
APT_LOCK_TIMEOUT=${FIREBELL_APT_LOCK_TIMEOUT:-900}

apt_install() {
  local missing=$1
  shift
  local packages=("$@") sudo=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null 2>&1 ||
      die "$missing is missing; install it as root: apt-get install ${packages[*]}"
    sudo=(sudo)
  fi
  command -v apt-get >/dev/null 2>&1 ||
    die "$missing is missing and this is not a Debian system (no apt-get): install it there"
  say "installing ${packages[*]} (Debian packages)"
  local apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o "DPkg::Lock::Timeout=$APT_LOCK_TIMEOUT")
  # DPkg::Lock::Timeout makes install wait for dpkg's lock; update has no such option for the lists'
  # lock, so it is retried while another apt-get holds that.
  local deadline=$((SECONDS + APT_LOCK_TIMEOUT)) out
  until out=$("${apt[@]}" update 2>&1); do
    if [[ $out == *"Could not get lock"* ]] && ((SECONDS < deadline)); then
      say "another apt-get is running: waiting for it"
      sleep 5
    else
      printf '%s\n' "$out" >&2
      die "apt-get update failed"
    fi
  done
  printf '%s\n' "$out"
  "${apt[@]}" install -y --no-install-recommends "${packages[@]}" ||
    die "apt-get install ${packages[*]} failed"
}
