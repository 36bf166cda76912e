// Package defangtest helps unit-test Pulumi programs that use defang.NewProject, under pulumi.WithMocks.
//
// Under mocks the component never runs: its outputs are whatever the mocks return for the
// defang:index:Project registration. Mocks returns the outputs the offline plan of your compose file
// computed, so the program sees realistic endpoints, ARNs and ids in their real shape:
//
//	npx pulumi-defang plan -f compose.yaml --mode balanced --stack dev --json > defang-plan.json
//
//	mocks, err := defangtest.Mocks("defang-plan.json", nil)
//	err = pulumi.RunErr(program, pulumi.WithMocks("project", "dev", mocks))
//
// Await fails instead of waiting forever when an output is unknown (an output the mocks did not return).
package defangtest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/internals"
)

// ProjectToken is the type token of defang.Project.
const ProjectToken = "defang:index:Project"

// Plan is what `pulumi-defang plan --json` prints; only Outputs is used.
type Plan struct {
	Outputs map[string]interface{} `json:"outputs"`
}

// LoadPlan reads a `pulumi-defang plan --json` file.
func LoadPlan(path string) (Plan, error) {
	var plan Plan
	data, err := os.ReadFile(path)
	if err != nil {
		return plan, err
	}
	if err := json.Unmarshal(data, &plan); err != nil {
		return plan, fmt.Errorf("%s: %w", path, err)
	}
	if plan.Outputs == nil {
		return plan, fmt.Errorf("%s has no outputs: write it with 'pulumi-defang plan --json'", path)
	}
	return plan, nil
}

type echo struct{}

// NewResource: ids "<name>-id", state = inputs.
func (echo) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	return args.Name + "-id", args.Inputs, nil
}

// Call: invokes return their arguments.
func (echo) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	return args.Args, nil
}

type projectMocks struct {
	plans map[string]Plan
	all   *Plan
	base  pulumi.MockResourceMonitor
}

func (m projectMocks) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	if args.TypeToken != ProjectToken {
		return m.base.NewResource(args)
	}
	plan := m.all
	if plan == nil {
		found, ok := m.plans[args.Name]
		if !ok {
			return "", nil, fmt.Errorf("no plan for defang.Project %q", args.Name)
		}
		plan = &found
	}
	return "", resource.NewPropertyMapFromMap(plan.Outputs), nil
}

func (m projectMocks) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	return m.base.Call(args)
}

// Mocks returns mocks whose defang:index:Project registrations return the outputs of the plan file at
// path (for every Project); every other resource and invoke goes to base (nil: ids "<name>-id", state =
// inputs, invokes return their arguments).
func Mocks(path string, base pulumi.MockResourceMonitor) (pulumi.MockResourceMonitor, error) {
	plan, err := LoadPlan(path)
	if err != nil {
		return nil, err
	}
	return PlanMocks(map[string]Plan{}, &plan, base), nil
}

// PlanMocks is Mocks with plans already loaded: one per Project name, or all for every Project.
func PlanMocks(plans map[string]Plan, all *Plan, base pulumi.MockResourceMonitor) pulumi.MockResourceMonitor {
	if base == nil {
		base = echo{}
	}
	return projectMocks{plans: plans, all: all, base: base}
}

// Await returns the value of an output, or an error when it is unknown (which an ApplyT callback would
// wait on forever).
func Await(output pulumi.Output) (interface{}, error) {
	result, err := internals.UnsafeAwaitOutput(context.Background(), output)
	if err != nil {
		return nil, err
	}
	if !result.Known {
		return nil, errors.New("the output is unknown: return it from the mocks (and do not run them as a preview)")
	}
	return result.Value, nil
}
