// What the SDKs get besides the Pulumi generators' output, and the fixes to that output.
package main

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// overlays/<language>/… are copied into sdk/<language>/ as they are (with a generated-file header);
// overlays/readme/<language>.md is the package README.
//
//go:embed overlays
var overlays embed.FS

// The npm package carries the pulumi-defang CLI (bundled by `make build_sdk_nodejs`), so
// `npx pulumi-defang config set …` works wherever Node.js runs, which the plugin needs anyway.
const cliBin = "cli/pulumi-defang.js"

func header(file string) string {
	const text = "Written by pulumi-gen-defang from provider/cmd/pulumi-gen-defang/overlays: do not edit."
	if strings.HasSuffix(file, ".py") {
		return "# " + text + "\n"
	}
	return "// " + text + "\n"
}

// overlayFiles returns overlays/<language>/**, keyed by their path inside the SDK.
func overlayFiles(language string) map[string][]byte {
	files := map[string][]byte{}
	root := path.Join("overlays", language)
	err := fs.WalkDir(overlays, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := overlays.ReadFile(p)
		if err != nil {
			return err
		}
		rel := strings.TrimPrefix(p, root+"/")
		files[rel] = append([]byte(header(rel)), body...)
		return nil
	})
	if err != nil {
		fail(err)
	}
	return files
}

// addReadmes sets language.<nodejs|python>.readme from overlays/readme, so the generators write it.
func addReadmes(spec *schema.PackageSpec) error {
	for _, language := range []string{"nodejs", "python"} {
		readme, err := overlays.ReadFile(path.Join("overlays", "readme", language+".md"))
		if err != nil {
			return err
		}
		info := map[string]interface{}{}
		if raw, ok := spec.Language[language]; ok {
			if err := json.Unmarshal(raw, &info); err != nil {
				return fmt.Errorf("language.%s: %w", language, err)
			}
		}
		info["readme"] = string(readme)
		raw, err := json.Marshal(info)
		if err != nil {
			return err
		}
		spec.Language[language] = raw
	}
	return nil
}

// fixNodejs: no source maps (they would point at .ts files the package does not ship), and the CLI as
// the package's bin.
func fixNodejs(files map[string][]byte) error {
	tsconfig := string(files["tsconfig.json"])
	for _, option := range []string{`"sourceMap": true`, `"declarationMap": true`} {
		if !strings.Contains(tsconfig, option) {
			return fmt.Errorf("tsconfig.json has no %s to turn off", option)
		}
		tsconfig = strings.Replace(tsconfig, option, strings.Replace(option, "true", "false", 1), 1)
	}
	files["tsconfig.json"] = []byte(tsconfig)

	// Inserted as text so the generator's key order and layout stay.
	pkg := string(files["package.json"])
	const anchor = "\n    \"scripts\": {"
	if !strings.Contains(pkg, anchor) {
		return fmt.Errorf("package.json has no scripts entry to put bin before")
	}
	bin := fmt.Sprintf("\n    \"bin\": {\n        \"pulumi-defang\": %q\n    },", cliBin)
	files["package.json"] = []byte(strings.Replace(pkg, anchor, bin+anchor, 1))
	return nil
}

var backticked = regexp.MustCompile("`([A-Za-z][A-Za-z0-9_.]*)`")

// fixPython writes the schema's camelCase property names as Python spells them (snake_case) wherever
// descriptions quote them in backticks (Python source has no backticks, so only docstrings change),
// and puts the README beside pyproject.toml, where the wheel's metadata looks for it.
func fixPython(pkg *schema.Package, files map[string][]byte) error {
	names := map[string]string{}
	add := func(props []*schema.Property) {
		for _, p := range props {
			if py := python.PyName(p.Name); py != p.Name {
				names[p.Name] = py
			}
		}
	}
	for _, r := range pkg.Resources {
		add(r.InputProperties)
		add(r.Properties)
	}
	for _, t := range pkg.Types {
		if object, ok := t.(*schema.ObjectType); ok {
			add(object.Properties)
		}
	}
	snake := func(match string) string {
		parts := strings.Split(strings.Trim(match, "`"), ".")
		for i, part := range parts {
			if py, ok := names[part]; ok {
				parts[i] = py
			}
		}
		return "`" + strings.Join(parts, ".") + "`"
	}
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		if strings.HasSuffix(p, ".py") {
			files[p] = []byte(backticked.ReplaceAllStringFunc(string(files[p]), snake))
		}
	}
	readme, ok := files["pulumi_defang/README.md"]
	if !ok {
		return fmt.Errorf("the Python generator wrote no pulumi_defang/README.md")
	}
	files["README.md"] = readme
	return nil
}
