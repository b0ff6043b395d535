// The minimal Node.js language host that scripts/ensure-pulumi-cli.sh builds when the Go module proxy does not
// serve Pulumi's own (github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3 is refused here with 403,
// and the copy inside sdk/v3 <= v3.68.0 predates the root directory and runtime options the engine now sends).
//
// It covers what this project needs from `pulumi preview/up/refresh/destroy`, `pulumi install` and `pulumi about`:
// it starts `@pulumi/pulumi/cmd/run` from the program's node_modules with the engine's settings, reports the
// program's exit status, and lists the provider plugins that installed npm packages declare. Generating code,
// packing or linking SDKs and running Node.js plugins are not implemented (the engine reports them as unsupported).
// It reads the runtime options and the root directory from the RunRequest, and lets the program talk to the
// engine's resource monitor directly, so every monitor call the SDK makes reaches the engine.
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
