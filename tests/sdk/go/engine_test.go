//go:build engine

// The Go SDK's error paths through the real Pulumi engine (opt-in: `make test_engine` runs
// `go test -tags engine`; it needs the CLI of bin/pulumi-cli and the plugin archive of `make dist`):
// an Automation API inline program whose Project has compose errors, or lacks a config value, fails
// `preview` with the findings once under `defang:index:Project (shop)`, file:line:col and hint, and no
// stack trace or panic from the program.
package sdktest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	str "strings"
	"testing"

	"github.com/pulumi-defang/pulumi-defang/sdk/go/defang"
	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

const engineVersion = "0.1.0"

func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("../../..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// failingPreview runs `preview` of a program with one Project over compose (written to a file) and
// returns its output; the preview must fail.
func failingPreview(t *testing.T, project, compose string) string {
	t.Helper()
	root := repoRoot(t)
	cliRoot := filepath.Join(root, "bin/pulumi-cli")
	if dir := os.Getenv("PULUMI_CLI_ROOT"); dir != "" {
		cliRoot = dir
	}
	home := t.TempDir()
	composeFile := filepath.Join(t.TempDir(), "compose.yaml")
	if err := os.WriteFile(composeFile, []byte(compose), 0o644); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{
		"PATH":                     filepath.Join(root, "tests/provider/engine") + ":" + filepath.Join(cliRoot, "bin") + ":" + os.Getenv("PATH"),
		"PULUMI_HOME":              filepath.Join(home, "pulumi-home"),
		"PULUMI_BACKEND_URL":       "file://" + home,
		"PULUMI_CONFIG_PASSPHRASE": "engine-test",
		"PULUMI_SKIP_UPDATE_CHECK": "true",
		"PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
	}
	archive := filepath.Join(root, "dist", fmt.Sprintf("pulumi-resource-defang-v%s-linux-amd64.tar.gz", engineVersion))
	install := exec.Command(filepath.Join(cliRoot, "bin/pulumi"), "plugin", "install", "resource", "defang", engineVersion, "--file", archive)
	install.Env = os.Environ()
	for k, v := range env {
		install.Env = append(install.Env, k+"="+v)
	}
	if out, err := install.CombinedOutput(); err != nil {
		t.Fatalf("plugin install: %v\n%s", err, out)
	}

	program := func(ctx *pulumi.Context) error {
		_, err := defang.NewProject(ctx, "shop", &defang.ProjectArgs{ComposeFiles: []string{composeFile}, ProjectName: pulumi.StringRef("shop")})
		return err
	}
	cmd, err := auto.NewPulumiCommand(&auto.PulumiCommandOptions{Root: cliRoot, SkipVersionCheck: true})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	stack, err := auto.UpsertStackInlineSource(ctx, "dev", project, program,
		auto.Pulumi(cmd), auto.PulumiHome(env["PULUMI_HOME"]), auto.EnvVars(env),
		auto.Project(workspace.Project{Name: "shop-go", Runtime: workspace.NewProjectRuntimeInfo("go", nil), Backend: &workspace.ProjectBackend{URL: env["PULUMI_BACKEND_URL"]}}))
	if err != nil {
		t.Fatal(err)
	}
	if err := stack.SetConfig(ctx, "aws:region", auto.ConfigValue{Value: "us-east-1"}); err != nil {
		t.Fatal(err)
	}
	var out str.Builder
	if _, err := stack.Preview(ctx, optpreview.ProgressStreams(&out)); err == nil {
		t.Fatalf("preview succeeded:\n%s", out.String())
	}
	return out.String()
}

// diagnostics splits the Diagnostics section of an update's output by resource header.
func diagnostics(t *testing.T, output string) map[string]string {
	t.Helper()
	start := str.Index(output, "\nDiagnostics:\n")
	if start < 0 {
		t.Fatalf("no Diagnostics section in:\n%s", output)
	}
	body := output[start+len("\nDiagnostics:\n"):]
	if end := str.Index(body, "\nResources:\n"); end >= 0 {
		body = body[:end]
	}
	sections := map[string]string{}
	header := ""
	headerLine := regexp.MustCompile(`^  (\S.*):$`)
	for _, line := range str.Split(body, "\n") {
		if m := headerLine.FindStringSubmatch(line); m != nil {
			header = m[1]
		} else if header != "" {
			sections[header] += line + "\n"
		}
	}
	return sections
}

func assertClean(t *testing.T, output string) map[string]string {
	t.Helper()
	for _, noise := range []string{`goroutine \d+`, `panic:`, `\.go:\d+`, `resource monitor`, `warning: warning:`, `error: error:`} {
		if regexp.MustCompile(noise).MatchString(output) {
			t.Errorf("%s in:\n%s", noise, output)
		}
	}
	sections := diagnostics(t, output)
	if _, ok := sections["defang:index:Project (shop)"]; !ok {
		t.Fatalf("no diagnostics under the Project:\n%s", output)
	}
	for header, text := range sections {
		if str.HasPrefix(header, "pulumi:pulumi:Stack") && str.Contains(text, "error") {
			t.Errorf("an error under the stack:\n%s", output)
		}
	}
	return sections
}

func TestEngineComposeErrorsReadCleanly(t *testing.T) {
	output := failingPreview(t, "errors-go", "services:\n  web:\n    image: nginx:1.27\n    bogus_key: 1\n")
	project := assertClean(t, output)["defang:index:Project (shop)"]
	if !regexp.MustCompile(`(?m)^    error: the compose project has an error:\n    \S*compose\.yaml:4:5: unknown key 'bogus_key' in service 'web' \[unknown-key\]\n        hint: `).MatchString(project) {
		t.Errorf("the finding under the Project:\n%s", project)
	}
	if n := str.Count(output, "[unknown-key]"); n != 1 {
		t.Errorf("the error appears %d times:\n%s", n, output)
	}
}

func TestEngineMissingConfigFailsPreviewWithTheGoForm(t *testing.T) {
	output := failingPreview(t, "config-go", "services:\n  web:\n    image: nginx:1.27\n    environment:\n      API_TOKEN:\n")
	project := assertClean(t, output)["defang:index:Project (shop)"]
	for _, want := range []string{
		"config value missing for shop (stack dev): API_TOKEN [config-missing]",
		"config set API_TOKEN --stack dev --region us-east-1 -f ",
		`Config: pulumi.StringMap{"API_TOKEN": config.New(ctx, "").RequireSecret("apiToken")}`,
	} {
		if !str.Contains(project, want) {
			t.Errorf("%q missing from:\n%s", want, project)
		}
	}
}
