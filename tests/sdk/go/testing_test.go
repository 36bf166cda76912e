// defangtest, as a user's unit test uses it: a program under pulumi.WithMocks sees the outputs the
// offline plan computed (bin/sdk/defang-plan.json, written by the npm package's CLI from
// examples/compose-app), other resources go to the base mocks, and Await fails on an unknown output
// instead of waiting forever.
package sdktest

import (
	"encoding/json"
	"os"
	str "strings"
	"sync"
	"testing"

	"github.com/pulumi-defang/pulumi-defang/sdk/go/defang"
	"github.com/pulumi-defang/pulumi-defang/sdk/go/defang/defangtest"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

const planFile = "../../../bin/sdk/defang-plan.json"

type recorder struct {
	mu    sync.Mutex
	names []string
	types []string
	roles []string
}

func (r *recorder) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.names = append(r.names, args.Name)
	r.types = append(r.types, args.TypeToken)
	if role, ok := args.Inputs["role"]; ok && role.IsString() {
		r.roles = append(r.roles, role.StringValue())
	}
	return args.Name + "-base", args.Inputs, nil
}

func (r *recorder) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	return args.Args, nil
}

func loadPlan(t *testing.T) map[string]interface{} {
	t.Helper()
	data, err := os.ReadFile(planFile)
	if err != nil {
		t.Fatalf("write the plan first (make test_sdks): %v", err)
	}
	var plan struct {
		Outputs map[string]interface{} `json:"outputs"`
	}
	if err := json.Unmarshal(data, &plan); err != nil {
		t.Fatal(err)
	}
	return plan.Outputs
}

func TestDefangtestMocksAnswerWithThePlansOutputs(t *testing.T) {
	outputs := loadPlan(t)
	base := &recorder{}
	mocks, err := defangtest.Mocks(planFile, base)
	if err != nil {
		t.Fatal(err)
	}
	var endpoints, services, databases, role interface{}
	err = pulumi.RunErr(func(ctx *pulumi.Context) error {
		app, err := defang.NewProject(ctx, "analytics", &defang.ProjectArgs{ComposeFiles: []string{"compose.yaml"}})
		if err != nil {
			return err
		}
		if endpoints, err = defangtest.Await(app.Endpoints); err != nil {
			return err
		}
		if services, err = defangtest.Await(app.Services); err != nil {
			return err
		}
		if databases, err = defangtest.Await(app.Databases); err != nil {
			return err
		}
		taskRole := app.Services.ApplyT(func(s map[string]defang.Service) string { return s["web"].TaskRoleArn })
		var attachment pulumi.CustomResourceState
		if err := ctx.RegisterResource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "web-s3",
			pulumi.Map{"role": taskRole, "policyArn": pulumi.String("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")}, &attachment); err != nil {
			return err
		}
		role, err = defangtest.Await(attachment.ID())
		return err
	}, pulumi.WithMocks("analytics", "dev", mocks))
	if err != nil {
		t.Fatal(err)
	}

	wantEndpoints := outputs["endpoints"].(map[string]interface{})
	if got := endpoints.(map[string]string)["web"]; got != wantEndpoints["web"] || !str.Contains(got, ".elb.amazonaws.com") {
		t.Errorf("endpoints.web = %q, want %q", got, wantEndpoints["web"])
	}
	web := services.(map[string]defang.Service)["web"]
	wantWeb := outputs["services"].(map[string]interface{})["web"].(map[string]interface{})
	if web.TaskRoleArn != wantWeb["taskRoleArn"] || !str.HasPrefix(web.TaskRoleArn, "arn:aws:iam::") {
		t.Errorf("services.web.taskRoleArn = %q, want %q", web.TaskRoleArn, wantWeb["taskRoleArn"])
	}
	db := databases.(map[string]defang.Database)["db"]
	if db.Engine != "postgres" || db.Port != 5432 {
		t.Errorf("databases.db = %+v", db)
	}
	if role != pulumi.ID("web-s3-base") {
		t.Errorf("the attachment's id %v: it did not go to the base mocks", role)
	}
	if len(base.roles) != 1 || base.roles[0] != wantWeb["taskRoleArn"] {
		t.Errorf("the base mocks received role %v, want the plan's task role", base.roles)
	}
	for _, typ := range base.types {
		if typ == defangtest.ProjectToken {
			t.Error("a Project reached the base mocks")
		}
	}
}

func TestDefangtestNamesTheProjectWithoutAPlan(t *testing.T) {
	mocks := defangtest.PlanMocks(map[string]defangtest.Plan{"front": {Outputs: loadPlan(t)}}, nil, nil)
	if _, state, err := mocks.NewResource(pulumi.MockResourceArgs{TypeToken: defangtest.ProjectToken, Name: "front"}); err != nil || !state.HasValue("vpcId") {
		t.Fatalf("front: %v %v", state, err)
	}
	if _, _, err := mocks.NewResource(pulumi.MockResourceArgs{TypeToken: defangtest.ProjectToken, Name: "back"}); err == nil || !str.Contains(err.Error(), `no plan for defang.Project "back"`) {
		t.Fatalf("back: %v", err)
	}
	if _, err := defangtest.Mocks("testdata-missing.json", nil); err == nil {
		t.Fatal("a missing plan file must fail")
	}
}

func TestDefangtestAwaitFailsOnAnUnknownOutput(t *testing.T) {
	_, err := defangtest.Await(pulumi.UnsafeUnknownOutput(nil))
	if err == nil || !str.Contains(err.Error(), "the output is unknown") {
		t.Fatalf("Await(unknown) = %v", err)
	}
}
