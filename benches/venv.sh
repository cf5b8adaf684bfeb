# Sourced by the bench scripts: /usr/bin/time and the benchmark venv with its pinned packages, in
# one place so every bench measures the same peers.
#
# After `source benches/venv.sh`: $bench_venv is the venv folder and $bench_python its Python;
# `bench_require_time` installs /usr/bin/time (GNU time, for `-v`) when it is missing;
# `bench_demo_workspace` makes (once) the cached demo workspace the benches read.
#
# Python packages go into ${XDG_CACHE_HOME:-$HOME/.cache}/partner-advisor/bench-venv, never into
# the system Python.

bench_venv="${XDG_CACHE_HOME:-$HOME/.cache}/partner-advisor/bench-venv"
bench_python="$bench_venv/bin/python"

bench_require_time() {
    [ -x /usr/bin/time ] && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get install -y time || { apt-get update && apt-get install -y time; }
    else
        echo "/usr/bin/time is missing: install the 'time' package (apt) and run again" >&2
        return 1
    fi
}

bench_require_venv() {
    local python="${PYTHON:-python3}"
    if [ ! -x "$bench_python" ]; then
        mkdir -p "$(dirname "$bench_venv")"
        if ! "$python" -m venv "$bench_venv"; then
            rm -rf "$bench_venv"
            if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
                apt-get install -y python3-venv ||
                    { apt-get update && apt-get install -y python3-venv; }
                "$python" -m venv "$bench_venv"
            else
                echo "python3 -m venv failed: install python3-venv (apt) and run again" >&2
                return 1
            fi
        fi
    fi
    # Pinned: polars 2.1.0 is the peer SPEC §11 names; the others are the newest releases at the
    # time of writing for Python >= 3.11, and the last ones that still support 3.9/3.10 otherwise.
    local pins
    if "$bench_python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'; then
        pins=(polars==2.1.0 lightgbm==4.7.0 scikit-learn==1.9.1 pandas==3.1.1 numpy==2.4.6)
    else
        pins=(polars==2.1.0 lightgbm==4.6.0 scikit-learn==1.6.1 pandas==2.2.3 numpy==2.0.2)
    fi
    "$bench_python" -m pip install --quiet --disable-pip-version-check "${pins[@]}"
    echo "Python $("$bench_python" -c 'import platform; print(platform.python_version())'):" \
        $("$bench_python" -m pip freeze --disable-pip-version-check |
            grep -iE '^(polars|lightgbm|scikit-learn|pandas|numpy|scipy)==' | tr '\n' ' ')
}

# bench_demo_workspace CLI WS CUSTOMERS AS_OF TIME_FILE: the demo workspace of CUSTOMERS customers
# in WS, generated once (GNU time's figures into TIME_FILE) and reused while it is complete.
bench_demo_workspace() {
    local cli="$1" ws="$2" customers="$3" as_of="$4" time_file="$5"
    [ -f "$ws/.bench-complete" ] && return 0
    rm -rf "$ws"
    echo "Generating the demo workspace of $customers customers (cached in $ws)…"
    /usr/bin/time -v -o "$time_file" \
        "$cli" demo --workspace "$ws" --customers "$customers" --as-of "$as_of" </dev/null ||
        return 1
    touch "$ws/.bench-complete"
}
