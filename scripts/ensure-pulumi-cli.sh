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
# every version), so the fallback is the minimal host whose Go source is at the end of this file,
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

# The one place the version lives. It must match the npm @pulumi/pulumi the project uses
# (3.248.0 is the last release whose npm package still accepts Node 20).
PULUMI_VERSION=3.248.0

readonly PKG_MODULE=github.com/pulumi/pulumi/pkg/v3
readonly SDK_MODULE=github.com/pulumi/pulumi/sdk/v3
readonly CLI_PACKAGE=$PKG_MODULE/cmd/pulumi
# Pulumi's language host is a module of its own with no release tags: the proxy knows it only
# by the pseudo-version of a commit, here the commit that the pkg/vX.Y.Z tag points to.
readonly LANGHOST_MODULE=github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3
# Without this version stamp the Automation API refuses the CLI ("Failed to parse Pulumi CLI version").
readonly VERSION_VAR=github.com/pulumi/pulumi/sdk/v3/go/common/version.Version

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
		die "no pulumi >= v$PULUMI_VERSION on PATH and no Go to build it with: install Go >= 1.25, or Pulumi itself"
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
		log "  language host: the minimal one embedded in this script, built against $SDK_MODULE@v$PULUMI_VERSION"

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
		mkdir -p langhost
		minimal_langhost_source >langhost/main.go
		compile ./langhost "$staging/pulumi-language-nodejs" pulumi-language-nodejs ||
			die "compiling the embedded language host failed (see above)"
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

# The minimal Node.js language host, used only when the module proxy does not serve Pulumi's own
# (see phase 1). It covers what this project needs from `pulumi preview/up/refresh/destroy`,
# `pulumi install` and `pulumi about`: it starts `@pulumi/pulumi/cmd/run` from the program's
# node_modules with the engine's settings, reports the program's exit status, and lists the
# provider plugins that installed npm packages declare. Generating code, packing or linking SDKs
# and running Node.js plugins are not implemented (the engine reports them as unsupported).
# Unlike Pulumi's old host in sdk/v3 <= v3.68.0 (see the header), it reads the runtime options and
# the root directory from the RunRequest, and it lets the program talk to the engine's resource
# monitor directly instead of through a proxy, so every monitor call the SDK makes reaches the engine.
minimal_langhost_source() {
	cat <<'GO_SOURCE'
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
)

// runScript is the entry point @pulumi/pulumi ships for language hosts; it reads the settings
// below from its flags and from PULUMI_* environment variables.
const runScript = "@pulumi/pulumi/cmd/run"

// exitCodeAlreadyReported is what cmd/run exits with after it has printed the program's error
// itself; the engine should then stop without adding its own message.
const exitCodeAlreadyReported = 32

func main() {
	// The engine passes its address as the last positional argument; options such as -tracing
	// may come before it and are not needed here.
	var engineAddress string
	for _, arg := range os.Args[1:] {
		if arg == "-version" || arg == "--version" {
			fmt.Println(version.Version)
			return
		}
		if !strings.HasPrefix(arg, "-") {
			engineAddress = arg
		}
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if engineAddress != "" {
		// Exit when the engine goes away instead of lingering as an orphan.
		if err := rpcutil.Healthcheck(ctx, engineAddress, 5*time.Minute, cancel); err != nil {
			fmt.Fprintf(os.Stderr, "could not start the engine health check: %v\n", err)
			os.Exit(1)
		}
	}
	stop := make(chan bool)
	go func() {
		<-ctx.Done()
		close(stop)
	}()

	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: stop,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, &nodeHost{engineAddress: engineAddress})
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "could not start the language host RPC server: %v\n", err)
		os.Exit(1)
	}
	// The engine reads the port from the first line of stdout.
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "language host RPC server stopped: %v\n", err)
		os.Exit(1)
	}
}

type nodeHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	engineAddress string
}

func (h *nodeHost) Handshake(context.Context, *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *nodeHost) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version.Version}, nil
}

func (h *nodeHost) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, nil
}

// options returns Pulumi.yaml's `runtime.options` (typescript, tsconfig, nodeargs, ...).
func options(info *pulumirpc.ProgramInfo) map[string]any {
	if info.GetOptions() == nil {
		return map[string]any{}
	}
	return info.GetOptions().AsMap()
}

// findUp returns the first DIR/rel that exists in dir or one of its parents, the way Node
// resolves packages from node_modules folders.
func findUp(dir, rel string) (string, bool) {
	dir, _ = filepath.Abs(dir)
	for {
		candidate := filepath.Join(dir, rel)
		if _, err := os.Stat(candidate); err == nil {
			return candidate, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

func (h *nodeHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return &pulumirpc.RunResponse{Error: "could not find node on the $PATH: " + err.Error()}, nil
	}
	pwd := req.GetPwd()
	if pwd == "" {
		pwd = req.GetInfo().GetProgramDirectory()
	}
	runPath := os.Getenv("PULUMI_LANGUAGE_NODEJS_RUN_PATH")
	if runPath == "" {
		var ok bool
		if runPath, ok = findUp(pwd, filepath.Join("node_modules", filepath.FromSlash(runScript))); !ok {
			return &pulumirpc.RunResponse{Error: "It looks like the Pulumi SDK has not been installed. " +
				"Have you run npm install or yarn install?"}, nil
		}
	}

	opts := options(req.GetInfo())
	var args []string
	if nodeargs, ok := opts["nodeargs"].(string); ok {
		args = append(args, strings.Fields(nodeargs)...)
	}
	args = append(args, runPath)
	flag := func(name, value string) {
		if value != "" {
			args = append(args, "--"+name+"="+value)
		}
	}
	flag("monitor", req.GetMonitorAddress())
	flag("engine", h.engineAddress)
	flag("organization", req.GetOrganization())
	flag("project", req.GetProject())
	flag("stack", req.GetStack())
	flag("pwd", pwd)
	flag("root-directory", req.GetInfo().GetRootDirectory())
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	if req.GetParallel() != 0 {
		flag("parallel", fmt.Sprint(req.GetParallel()))
	}
	program := req.GetProgram()
	if program == "" {
		program = "." // Node then loads package.json's "main" (or index.js).
	}
	args = append(args, program)
	args = append(args, req.GetArgs()...)

	config, err := json.Marshal(req.GetConfig())
	if err != nil {
		return nil, fmt.Errorf("serializing config: %w", err)
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	secretKeysJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, fmt.Errorf("serializing secret config keys: %w", err)
	}
	typescript := true // Pulumi's default for Node.js projects.
	if v, ok := opts["typescript"].(bool); ok {
		typescript = v
	}
	env := append(os.Environ(),
		"PULUMI_CONFIG="+string(config),
		"PULUMI_CONFIG_SECRET_KEYS="+string(secretKeysJSON),
		fmt.Sprintf("PULUMI_NODEJS_TYPESCRIPT=%t", typescript),
	)
	if tsconfig, ok := opts["tsconfig"].(string); ok && tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+tsconfig)
	}

	cmd := exec.Command(nodeBin, args...)
	cmd.Dir = pwd
	cmd.Env = env
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			if exitErr.ExitCode() == exitCodeAlreadyReported {
				return &pulumirpc.RunResponse{Bail: true}, nil
			}
			if exitErr.ExitCode() >= 0 {
				return &pulumirpc.RunResponse{
					Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exitErr.ExitCode()),
				}, nil
			}
			return &pulumirpc.RunResponse{Error: "Program exited unexpectedly: " + err.Error()}, nil
		}
		return &pulumirpc.RunResponse{
			Error: "Problem executing program (could not run language executor): " + err.Error(),
		}, nil
	}
	return &pulumirpc.RunResponse{}, nil
}

// packageJSON holds the parts of a package.json that declare a Pulumi provider plugin.
type packageJSON struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	Pulumi  struct {
		Resource bool   `json:"resource"`
		Name     string `json:"name"`
		Version  string `json:"version"`
		Server   string `json:"server"`
	} `json:"pulumi"`
}

// requiredPackages lists provider plugins declared by the npm packages installed in the
// program's node_modules (`"pulumi": {"resource": true}` in their package.json).
func requiredPackages(programDir string) ([]*pulumirpc.PackageDependency, error) {
	nodeModules, ok := findUp(programDir, "node_modules")
	if !ok {
		return nil, nil
	}
	manifests, err := filepath.Glob(filepath.Join(nodeModules, "*", "package.json"))
	if err != nil {
		return nil, err
	}
	scoped, err := filepath.Glob(filepath.Join(nodeModules, "@*", "*", "package.json"))
	if err != nil {
		return nil, err
	}
	var deps []*pulumirpc.PackageDependency
	for _, manifest := range append(manifests, scoped...) {
		data, err := os.ReadFile(manifest)
		if err != nil {
			return nil, err
		}
		var pkg packageJSON
		if json.Unmarshal(data, &pkg) != nil || !pkg.Pulumi.Resource {
			continue
		}
		name := pkg.Pulumi.Name
		if name == "" {
			name = strings.TrimPrefix(strings.TrimPrefix(pkg.Name, "@pulumi/"), "@")
		}
		ver := pkg.Pulumi.Version
		if ver == "" {
			ver = pkg.Version
		}
		if ver != "" && !strings.HasPrefix(ver, "v") {
			ver = "v" + ver
		}
		deps = append(deps, &pulumirpc.PackageDependency{
			Name: name, Kind: "resource", Version: ver, Server: pkg.Pulumi.Server,
		})
	}
	return deps, nil
}

func (h *nodeHost) GetRequiredPackages(ctx context.Context, req *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	deps, err := requiredPackages(req.GetInfo().GetProgramDirectory())
	if err != nil {
		return nil, err
	}
	return &pulumirpc.GetRequiredPackagesResponse{Packages: deps}, nil
}

func (h *nodeHost) GetRequiredPlugins(ctx context.Context, req *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	dir := req.GetInfo().GetProgramDirectory()
	if dir == "" {
		dir = req.GetProgram()
	}
	deps, err := requiredPackages(dir)
	if err != nil {
		return nil, err
	}
	plugins := make([]*pulumirpc.PluginDependency, 0, len(deps))
	for _, d := range deps {
		plugins = append(plugins, &pulumirpc.PluginDependency{
			Name: d.Name, Kind: d.Kind, Version: d.Version, Server: d.Server,
		})
	}
	return &pulumirpc.GetRequiredPluginsResponse{Plugins: plugins}, nil
}

func (h *nodeHost) About(ctx context.Context, req *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return nil, fmt.Errorf("could not find node on the $PATH: %w", err)
	}
	out, err := exec.CommandContext(ctx, nodeBin, "--version").Output()
	if err != nil {
		return nil, fmt.Errorf("running node --version: %w", err)
	}
	return &pulumirpc.AboutResponse{
		Executable: nodeBin,
		Version:    strings.TrimPrefix(strings.TrimSpace(string(out)), "v"),
		Metadata:   map[string]string{"languageHost": "minimal (pulumi-amplify-box scripts/ensure-pulumi-cli.sh)"},
	}, nil
}

// InstallDependencies runs the project's package manager, streaming its output to the engine.
func (h *nodeHost) InstallDependencies(req *pulumirpc.InstallDependenciesRequest,
	stream grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse],
) error {
	dir := req.GetInfo().GetProgramDirectory()
	if dir == "" {
		dir = req.GetDirectory()
	}
	manager, _ := options(req.GetInfo())["packagemanager"].(string)
	if manager == "" || manager == "auto" {
		manager = "npm"
		for _, candidate := range [][2]string{{"yarn.lock", "yarn"}, {"pnpm-lock.yaml", "pnpm"}, {"bun.lock", "bun"}} {
			if _, err := os.Stat(filepath.Join(dir, candidate[0])); err == nil {
				manager = candidate[1]
				break
			}
		}
	}
	cmd := exec.CommandContext(stream.Context(), manager, "install")
	cmd.Dir = dir
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	cmd.Stderr = cmd.Stdout // one ordered stream is enough for the engine's display
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("starting %s install: %w", manager, err)
	}
	reader := bufio.NewReader(stdout)
	buf := make([]byte, 4096)
	for {
		n, readErr := reader.Read(buf)
		if n > 0 {
			if err := stream.Send(&pulumirpc.InstallDependenciesResponse{Stdout: append([]byte(nil), buf[:n]...)}); err != nil {
				return err
			}
		}
		if readErr == io.EOF {
			break
		}
		if readErr != nil {
			return readErr
		}
	}
	if err := cmd.Wait(); err != nil {
		return fmt.Errorf("%s install failed: %w", manager, err)
	}
	return nil
}
GO_SOURCE
}

main "$@"
