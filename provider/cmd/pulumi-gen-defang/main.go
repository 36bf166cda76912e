// pulumi-gen-defang writes the Node.js, Python and Go SDKs of the defang package from schema.json.
//
// Usage: pulumi-gen-defang [-schema ../../../schema.json] [-out ../../../sdk] [nodejs|python|go ...]
//
// It binds the schema with a null loader (the schema references no other package, so nothing needs
// to be downloaded) and calls Pulumi's own code generators in-process: no Pulumi CLI and no language
// plugins are needed. Every file under sdk/<language> is generated; the directory is emptied first so
// a type removed from the schema leaves no stale file behind.
//
// Besides the generators' output, each SDK gets what overlays/ holds (see overlays.go): a README per
// language, unit-testing helpers (pulumi-defang/testing, pulumi_defang.testing, sdk/go/defang/defangtest),
// and fixes to what the generators write (Python docstrings in snake_case, a README the Python wheel
// finds, no Node.js source maps pointing at sources the package does not ship, the CLI as the npm
// package's bin).
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

const tool = "pulumi-gen-defang"

// The Go SDK is one module rooted at sdk/ (so its packages live under sdk/go/defang).
const goModulePath = "github.com/pulumi-defang/pulumi-defang/sdk"

// The Pulumi Go SDK the generated Go code is compiled against; `go mod tidy` completes the file.
const goPulumiSDK = "github.com/pulumi/pulumi/sdk/v3 v3.274.1"

// Directories inside an SDK that hold build or install artifacts, never generated sources.
var keepDirs = map[string]bool{"node_modules": true, "bin": true}

func main() {
	schemaPath := flag.String("schema", "../../../schema.json", "path of schema.json")
	outDir := flag.String("out", "../../../sdk", "SDK root; each language is written to <out>/<language>")
	flag.Parse()

	languages := flag.Args()
	if len(languages) == 0 {
		languages = []string{"nodejs", "python", "go"}
	}
	for _, language := range languages {
		// A fresh bind per language: the generators annotate the package they are given.
		pkg, err := loadPackage(*schemaPath)
		if err != nil {
			fail(err)
		}
		if err := generate(pkg, language, *outDir); err != nil {
			fail(fmt.Errorf("%s SDK: %w", language, err))
		}
	}
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "%s: %v\n", tool, err)
	os.Exit(1)
}

func loadPackage(path string) (*schema.Package, error) {
	bytes, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(bytes, &spec); err != nil {
		return nil, fmt.Errorf("parse %s: %w", path, err)
	}
	if err := addReadmes(&spec); err != nil {
		return nil, err
	}
	pkg, diags, err := schema.BindSpec(spec, schema.NewNullLoader(), schema.ValidationOptions{})
	if err != nil {
		return nil, fmt.Errorf("bind %s: %w", path, err)
	}
	if diags.HasErrors() {
		return nil, fmt.Errorf("invalid %s: %s", path, diags.Error())
	}
	return pkg, nil
}

// generate writes one language's SDK under <outDir>/<language> (and the Go module file at <outDir>/go.mod).
func generate(pkg *schema.Package, language, outDir string) error {
	var files map[string][]byte
	var err error
	dir := filepath.Join(outDir, language)
	switch language {
	case "nodejs":
		files, err = nodejs.GeneratePackage(tool, pkg, overlayFiles("nodejs"), nil, false, nil)
		if err == nil {
			err = fixNodejs(files)
		}
	case "python":
		files, err = python.GeneratePackage(tool, pkg, overlayFiles("python"), nil)
		if err == nil {
			err = fixPython(pkg, files)
		}
	case "go":
		files, err = gogen.GeneratePackage(tool, pkg, nil)
		if err == nil {
			for p, f := range overlayFiles("go") {
				files[p] = f
			}
			err = writeFile(filepath.Join(outDir, "go.mod"), []byte(goMod()))
		}
	default:
		return fmt.Errorf("unknown language %q (want nodejs, python or go)", language)
	}
	if err != nil {
		return err
	}
	if err := emptyDir(dir); err != nil {
		return err
	}
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		if err := writeFile(filepath.Join(dir, filepath.FromSlash(p)), files[p]); err != nil {
			return err
		}
	}
	fmt.Printf("%s: wrote %d files to %s\n", tool, len(paths), dir)
	return nil
}

func goMod() string {
	return strings.Join([]string{
		"module " + goModulePath,
		"",
		"go 1.25",
		"",
		"require " + goPulumiSDK,
		"",
	}, "\n")
}

// emptyDir removes everything under dir except build and install artifacts (keepDirs).
func emptyDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, entry := range entries {
		if entry.IsDir() && keepDirs[entry.Name()] {
			continue
		}
		if err := os.RemoveAll(filepath.Join(dir, entry.Name())); err != nil {
			return err
		}
	}
	return nil
}

func writeFile(path string, contents []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, contents, 0o644)
}
