#!/usr/bin/env bash
# ensure-pulumi-cli.sh: make the Pulumi CLI (`pulumi`) and the Node.js language host
# (`pulumi-language-nodejs`) available, building them from Go modules when needed.
#
# Why this exists: the machines this project runs on reach the Go module proxy and the npm
# registry but no download site, so neither Pulumi's installer nor the npm `pulumi` package (which
# fetches the binary at first run) can install the CLI. The CLI is a Go program, so it is built
# from Pulumi's released Go modules instead, once, into a cache folder outside the repo.
#
# Which language host it builds: Pulumi's own, the module
# github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3 at the pseudo-version of the
# pkg/vX.Y.Z commit, when the proxy serves it. The proxy reachable here refuses that module (403 for
# every version), so the fallback is the minimal host in scripts/minimal-langhost/main.go,
# built against sdk/v3 at the same version as the CLI.
# Not used, on purpose: Pulumi's real host as it last shipped inside sdk/v3 (the package
# sdk/v3/nodejs/cmd/pulumi-language-nodejs, in sdk/v3 up to v3.68.0, moved out in v3.69.0). It
# builds and runs with engine and @pulumi/pulumi 3.248.0, but it is from 2023 and misses what they
# now expect of a host: it never passes the project root, so pulumi.runtime.getRootDirectory()
# returns the placeholder "rootDirectory" and this project's program cannot find instances.yaml
# (test/e2e/root-program.test.ts fails); it reads the runtime options (typescript, nodeargs,
# tsconfig) from command-line flags that today's engine no longer passes, so `typescript: false`
# is ignored; and it relays the program's resource-monitor calls through a proxy of its own that
# knows none of the calls added since (transforms, resource hooks, packages, shutdown), so a
# program using registerResourceTransform fails although the engine reports transforms supported.
#
# Usage:
#   bin=$(bash scripts/ensure-pulumi-cli.sh | tail -n1) && export PATH="$bin:$PATH"
#
# The last line of stdout is the absolute directory to put first on PATH; all progress goes to
# stderr. Idempotent: once built, later runs only check the cache and print the directory.
#
# Environment:
#   PULUMI_CLI_SKIP_BUILD=1   never build; use the `pulumi` on PATH (fails if there is none).
#   PULUMI_CLI_CACHE=DIR      bin directory to build into and reuse (default: see cache_bin).
#   PULUMI_CLI_BUILD_JOBS=N   parallel compile jobs (default 2: the machines have 2 cores, and
#                             more jobs mostly buy memory pressure).
#   GOPROXY, GOMODCACHE, GOCACHE and TMPDIR are honoured as usual.
set -euo pipefail

# The one place the version lives: the newest pkg/v3 the Go module proxy serves, the same release as the
# @pulumi/pulumi devDependency in package.json. v3.276.0's go.mod asks for Go >= 1.26.6.
PULUMI_VERSION=3.276.0

readonly PKG_MODULE=github.com/pulumi/pulumi/pkg/v3
readonly SDK_MODULE=github.com/pulumi/pulumi/sdk/v3
readonly CLI_PACKAGE=$PKG_MODULE/cmd/pulumi
# Pulumi's language host is a module of its own with no release tags: the proxy knows it only
# by the pseudo-version of a commit, here the commit that the pkg/vX.Y.Z tag points to.
readonly LANGHOST_MODULE=github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3
# Without this version stamp the Automation API refuses the CLI ("Failed to parse Pulumi CLI version").
readonly VERSION_VAR=github.com/pulumi/pulumi/sdk/v3/go/common/version.Version
# The minimal language host's source lives beside this script (see phase 4).
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly repo_root

log() { printf '[%(%H:%M:%S)T] ensure-pulumi-cli: %s\n' -1 "$*" >&2; }
die() {
	log "ERROR: $*"
	exit 1
}

# version_ge A B: true when dotted version A >= B (a leading "v" is ignored).
version_ge() {
	local a=${1#v} b=${2#v}
	[[ "$(printf '%s\n%s\n' "$b" "$a" | sort -V | head -n1)" == "$b" ]]
}

# cli_version BIN: the version a pulumi binary reports, or nothing if it does not run.
# The update check is skipped so that this never tries the network, and the time is bounded
# because a `pulumi` on PATH may be the npm package's wrapper, which tries to download the
# real binary on first use.
cli_version() {
	local -a limit=()
	if command -v timeout >/dev/null 2>&1; then limit=(timeout 30); fi
	PULUMI_SKIP_UPDATE_CHECK=true "${limit[@]}" "$1" version 2>/dev/null | head -n1 || true
}

# A build counts as finished only if every file is there and pulumi reports the pinned version.
# Builds are moved into place whole (end of main), so a half-built folder is never found here.
cache_is_complete() {
	[[ -x $cache_bin/pulumi && -x $cache_bin/pulumi-language-nodejs &&
		-x $cache_bin/pulumi-resource-pulumi-nodejs ]] &&
		[[ "$(cli_version "$cache_bin/pulumi")" == "v$PULUMI_VERSION" ]]
}

cleanup() {
	[[ -z ${work:-} ]] || rm -rf "$work"
	[[ -z ${staging:-} ]] || rm -rf "$staging"
}

# count_progress LABEL PATTERN EVERY TOTAL [DROP]: reads a go command's output on stdin; lines
# matching PATTERN are only counted (one log line per EVERY of them), lines matching DROP are
# discarded, and all others (errors, warnings) are passed through to stderr unchanged.
count_progress() {
	local label=$1 pattern=$2 every=$3 total=$4 drop=${5:-} line n=0
	while IFS= read -r line; do
		if [[ -n $drop && $line =~ $drop ]]; then
			continue
		elif [[ $line =~ $pattern ]]; then
			n=$((n + 1))
			((n % every != 0)) || log "  $label: $n${total:+ of at most $total}"
		else
			printf '%s\n' "$line" >&2
		fi
	done
	((n % every == 0)) || log "  $label: $n${total:+ of at most $total}"
}

# compile TARGET OUTPUT LABEL: `go build -v` names each package as it compiles it, which gives
# a running count; packages already in the Go build cache are not counted.
compile() {
	local target=$1 output=$2 label=$3 total
	total=$(go list -deps "$target" | wc -l)
	go build -v "${build_flags[@]}" -o "$output" "$target" 2>&1 |
		count_progress "$label: packages compiled" '^[A-Za-z0-9._~/-]+$' 100 "$total"
}

# replace_args GOMOD NAME: the repeatable `-replace` arguments for the non-local replace directives
# of dependency NAME's go.mod. A wrapper module ignores its dependencies' replaces (and
# `go install pkg@version` refuses modules that have any), so they must be repeated. Local ones
# such as `=> ../sdk` point into Pulumi's own repository and are covered by the version pins in
# main. Reads a gofmt'ed go.mod: single `replace a [v] => b v` lines and `replace ( ... )` blocks.
replace_args() {
	local gomod=$1 name=$2 line i old new new_version
	local -a f
	while IFS= read -r line; do
		line=${line%%//*}
		read -r -a f <<<"$line"
		for ((i = 0; i < ${#f[@]}; i++)); do
			[[ ${f[i]} != "=>" ]] || break
		done
		old=${f[0]:-}
		[[ $i -ne 2 ]] || old="${f[0]}@${f[1]}"
		new=${f[i + 1]:-}
		new_version=${f[i + 2]:-}
		if [[ -z $old || -z $new_version || $new == .* || $new == /* ]]; then
			continue
		fi
		log "  repeating $name's replace: $old => $new $new_version"
		printf -- '-replace=%s=%s@%s\n' "$old" "$new" "$new_version"
	done < <(awk '
		/^replace[ \t]*\($/ { block = 1; next }
		block && /^\)/ { block = 0; next }
		/^replace[ \t]/ { sub(/^replace[ \t]+/, ""); print; next }
		block && NF { print }
	' "$gomod")
}

main() {
	local start=$SECONDS

	# --- 1. A Pulumi already on PATH wins: building takes minutes, so never do it needlessly. ---
	local path_pulumi path_langhost path_version=''
	path_pulumi=$(command -v pulumi 2>/dev/null || true)
	path_langhost=$(command -v pulumi-language-nodejs 2>/dev/null || true)
	[[ -z $path_pulumi ]] || path_version=$(cli_version "$path_pulumi")

	local path_is_new_enough=false
	if [[ $path_version =~ ^v?[0-9]+\.[0-9]+\.[0-9]+ ]] && version_ge "${BASH_REMATCH[0]}" "$PULUMI_VERSION"; then
		path_is_new_enough=true
	fi

	if [[ ${PULUMI_CLI_SKIP_BUILD:-} == 1 ]]; then
		[[ -n $path_pulumi ]] || die "PULUMI_CLI_SKIP_BUILD=1 but there is no pulumi on PATH"
		log "PULUMI_CLI_SKIP_BUILD=1: using $path_pulumi (${path_version:-version unknown}) from PATH"
		$path_is_new_enough ||
			log "WARNING: that is not v$PULUMI_VERSION or newer, which the npm @pulumi/pulumi of this project expects"
		if [[ -n $path_langhost ]]; then
			log "using $path_langhost from PATH"
		else
			log "WARNING: pulumi-language-nodejs is not on PATH, so Node.js programs will not run"
		fi
		dirname "$path_pulumi"
		return 0
	fi

	if [[ -n $path_pulumi && -n $path_langhost ]] && $path_is_new_enough; then
		log "using $path_pulumi ($path_version, >= v$PULUMI_VERSION) and $path_langhost from PATH; nothing to build"
		dirname "$path_pulumi"
		return 0
	fi
	if [[ -n $path_pulumi ]] && ! $path_is_new_enough; then
		log "not using $path_pulumi from PATH: it reports '${path_version:-no version}', older than v$PULUMI_VERSION"
	elif [[ -n $path_pulumi ]]; then
		log "not using $path_pulumi from PATH: there is no pulumi-language-nodejs on PATH"
	fi

	# --- 2. Reuse a finished build from the cache. ---------------------------------------------
	cache_bin=${PULUMI_CLI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-amplify-box/pulumi-cli/v$PULUMI_VERSION/bin}
	[[ $cache_bin == /* ]] || cache_bin=$PWD/$cache_bin # callers put it on PATH: must be absolute
	cache_bin=${cache_bin%/}
	local cache_parent
	cache_parent=$(dirname "$cache_bin")

	if cache_is_complete; then
		log "reusing the build of v$PULUMI_VERSION in $cache_bin"
		printf '%s\n' "$cache_bin"
		return 0
	fi

	mkdir -p "$cache_parent"
	# Two shells or CI steps starting at once would otherwise both spend minutes building.
	if command -v flock >/dev/null 2>&1; then
		exec 9>"$cache_parent/.build.lock"
		if ! flock -n 9; then
			log "another build of the Pulumi CLI is running; waiting for it to finish"
			flock 9
		fi
		if cache_is_complete; then
			log "reusing the build of v$PULUMI_VERSION that another run just finished in $cache_bin"
			printf '%s\n' "$cache_bin"
			return 0
		fi
		# Holding the lock, nothing else is building: leftovers are from killed runs.
		rm -rf "$cache_parent"/.bin.partial.* "$cache_parent"/.bin.old.*
	fi

	# --- 3. Build. -----------------------------------------------------------------------------
	command -v go >/dev/null 2>&1 ||
		die "no pulumi >= v$PULUMI_VERSION on PATH and no Go to build it with: install Go >= 1.26.6, or Pulumi itself"
	log "building Pulumi CLI v$PULUMI_VERSION from Go modules into $cache_bin (several minutes the first time)"

	# The wrapper module goes in a scratch folder, never in the repo. The staging folder sits next
	# to the cache folder so that publishing it is a rename on one filesystem, hence atomic, and an
	# interrupted build leaves only a .bin.partial.* folder that nothing mistakes for a build.
	trap cleanup EXIT
	trap 'exit 130' INT # make Ctrl-C and kill run the EXIT trap too
	trap 'exit 143' TERM
	work=$(mktemp -d "${TMPDIR:-/tmp}/pulumi-cli-build.XXXXXX")
	staging=$(mktemp -d "$cache_parent/.bin.partial.XXXXXX")
	chmod 0755 "$staging" # mktemp makes it private; it becomes the bin folder

	# GOTOOLCHAIN=local: build with the installed Go (Pulumi's go.mod says 1.25.x; a newer Go
	# builds it) rather than try to download the toolchain named there. GOWORK=off: no go.work
	# from a parent folder may leak into the wrapper. -mod=mod lets go write the go.sum lines the
	# wrapper needs; -buildvcs=false as the scratch folder is not a repository.
	export GOTOOLCHAIN=local GOWORK=off GOFLAGS="-mod=mod -buildvcs=false"
	local jobs=${PULUMI_CLI_BUILD_JOBS:-2}
	build_flags=(-p "$jobs" -trimpath -tags "osusergo,grpcnotrace"
		-ldflags "-s -w -X $VERSION_VAR=v$PULUMI_VERSION")
	cd "$work"

	log "phase 1/5: resolving modules"
	# origin commit | commit time (UTC) | path of pkg's go.mod | Go version pkg requires
	local pkg_meta pkg_commit pkg_time pkg_gomod pkg_go local_go
	pkg_meta=$(go list -m -f '{{if .Origin}}{{.Origin.Hash}}{{end}}|{{if .Time}}{{.Time.UTC.Format "20060102150405"}}{{end}}|{{.GoMod}}|{{.GoVersion}}' \
		"$PKG_MODULE@v$PULUMI_VERSION") ||
		die "the Go module proxy ($(go env GOPROXY)) does not serve $PKG_MODULE@v$PULUMI_VERSION"
	IFS='|' read -r pkg_commit pkg_time pkg_gomod pkg_go <<<"$pkg_meta"
	log "  $PKG_MODULE@v$PULUMI_VERSION: commit ${pkg_commit:-(not given by the proxy)}, needs Go ${pkg_go:-?}"
	local_go=$(go env GOVERSION)
	if [[ -n $pkg_go ]] && ! version_ge "${local_go#go}" "$pkg_go"; then
		die "$PKG_MODULE@v$PULUMI_VERSION needs Go >= $pkg_go but the installed Go is $local_go"
	fi

	# Prefer Pulumi's own language host, at the pseudo-version made of the pkg tag's commit time
	# and hash. If the proxy gives no origin commit or refuses that version, use the minimal host
	# whose source is at the end of this file.
	local langhost_kind=minimal langhost_version='' langhost_gomod='' candidate probe line
	if [[ -n $pkg_commit && -n $pkg_time ]]; then
		candidate="v3.0.0-$pkg_time-${pkg_commit:0:12}"
		if probe=$(go list -m -f '{{.GoMod}}' "$LANGHOST_MODULE@$candidate" 2>&1); then
			langhost_kind=official
			langhost_version=$candidate
			langhost_gomod=$probe
			log "  language host: $LANGHOST_MODULE@$candidate"
		else
			log "  the proxy refuses $LANGHOST_MODULE@$candidate:"
			while IFS= read -r line; do
				log "    ${line#"${line%%[![:space:]]*}"}"
			done < <(printf '%s\n' "$probe" | grep -v '^[[:space:]]*$' | tail -n2)
		fi
	else
		log "  the proxy gives no origin commit for $PKG_MODULE@v$PULUMI_VERSION, so the language host's pseudo-version is unknown"
	fi
	[[ $langhost_kind == official ]] ||
		log "  language host: scripts/minimal-langhost/main.go, built against $SDK_MODULE@v$PULUMI_VERSION"

	local -a replaces
	mapfile -t replaces < <(
		replace_args "$pkg_gomod" "$PKG_MODULE"
		[[ -z $langhost_gomod ]] || replace_args "$langhost_gomod" "$LANGHOST_MODULE"
	)
	go mod init pulumi-cli-build >/dev/null 2>&1
	# The self-replacements pin pkg and sdk to exactly this version: Pulumi's language host
	# requires them at placeholder versions (it builds against sibling folders), which no proxy serves.
	go mod edit -go="${pkg_go:-1.25}" \
		-require="$PKG_MODULE@v$PULUMI_VERSION" -require="$SDK_MODULE@v$PULUMI_VERSION" \
		-replace="$PKG_MODULE=$PKG_MODULE@v$PULUMI_VERSION" \
		-replace="$SDK_MODULE=$SDK_MODULE@v$PULUMI_VERSION" \
		"${replaces[@]}"

	log "phase 2/5: downloading modules (those not yet in $(go env GOMODCACHE))"
	local -a get_args=("$CLI_PACKAGE@v$PULUMI_VERSION" "$SDK_MODULE@v$PULUMI_VERSION")
	[[ $langhost_kind != official ]] || get_args+=("$LANGHOST_MODULE@$langhost_version")
	# go warns that Pulumi pins a retracted bluemonday and suggests `go get ...@latest`, which is
	# not the user's to act on; that advice is dropped.
	go get "${get_args[@]}" 2>&1 |
		count_progress "modules downloaded" '^go: downloading ' 50 "" \
			'retracted by module author|^go: to switch to the latest unretracted|^[[:space:]]+go get [^ ]+@latest$' ||
		die "go get failed (see above); can the Go module proxy ($(go env GOPROXY)) be reached?"

	local phase_start=$SECONDS
	log "phase 3/5: compiling pulumi ($jobs parallel jobs)"
	compile "$CLI_PACKAGE" "$staging/pulumi" pulumi || die "compiling pulumi failed (see above)"
	log "  pulumi compiled in $((SECONDS - phase_start)) s"

	phase_start=$SECONDS
	log "phase 4/5: compiling the Node.js language host ($langhost_kind)"
	if [[ $langhost_kind == official ]]; then
		compile "$LANGHOST_MODULE" "$staging/pulumi-language-nodejs" pulumi-language-nodejs ||
			die "compiling $LANGHOST_MODULE@$langhost_version failed (see above)"
	else
		# scripts/minimal-langhost/main.go: see the comment at its top for what it covers and why.
		mkdir -p langhost
		cp "$repo_root/scripts/minimal-langhost/main.go" langhost/main.go
		compile ./langhost "$staging/pulumi-language-nodejs" pulumi-language-nodejs ||
			die "compiling scripts/minimal-langhost/main.go failed (see above)"
	fi
	log "  language host compiled in $((SECONDS - phase_start)) s"

	# Dynamic providers (this project's whole point) run as the plugin `pulumi-resource-pulumi-nodejs`,
	# a small shell script that Pulumi's release archive ships next to the CLI. The sdk module
	# holds the same file.
	local sdk_dir
	sdk_dir=$(go list -m -f '{{.Dir}}' "$SDK_MODULE")
	install -m 0755 "$sdk_dir/nodejs/dist/pulumi-resource-pulumi-nodejs" "$staging/" ||
		die "$SDK_MODULE@v$PULUMI_VERSION has no nodejs/dist/pulumi-resource-pulumi-nodejs"

	log "phase 5/5: checking the build and moving it into place"
	local built_version
	built_version=$(cli_version "$staging/pulumi")
	[[ $built_version == "v$PULUMI_VERSION" ]] ||
		die "the built pulumi reports '$built_version' instead of v$PULUMI_VERSION"
	cat >"$staging/.build-info" <<EOF
pulumi: $PKG_MODULE@v$PULUMI_VERSION (commit ${pkg_commit:-unknown})
sdk: $SDK_MODULE@v$PULUMI_VERSION
language host: $langhost_kind${langhost_version:+ ($LANGHOST_MODULE@$langhost_version)}
go: $local_go
built: $(date -u +%Y-%m-%dT%H:%M:%SZ) in $((SECONDS - start)) s
EOF

	# Renames only, so that no reader ever sees a partial bin folder.
	if [[ -e $cache_bin ]]; then
		local old
		old=$(mktemp -d "$cache_parent/.bin.old.XXXXXX")
		mv -T "$cache_bin" "$old/bin"
		mv -T "$staging" "$cache_bin"
		rm -rf "$old"
	else
		mv -T "$staging" "$cache_bin"
	fi
	staging=

	log "done in $((SECONDS - start)) s: $(du -sh "$cache_bin" | cut -f1) in $cache_bin"
	printf '%s\n' "$cache_bin"
}

main "$@"
