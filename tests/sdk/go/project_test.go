// The generated Go SDK (sdk/go/defang) under pulumi.WithMocks: the token, the input names as they go
// on the wire (camelCase), secrets, the outputs decoded from a state shaped like the provider's, and
// what happens to an adopted network without its VPC id.
package sdktest

import (
	"encoding/json"
	"os"
	"sync"
	"testing"

	"github.com/pulumi-defang/pulumi-defang/sdk/go/defang"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

type fixtures struct {
	Inputs map[string]interface{} `json:"inputs"`
	State  map[string]interface{} `json:"state"`
}

func loadFixtures(t *testing.T) fixtures {
	t.Helper()
	data, err := os.ReadFile("../fixtures.json")
	if err != nil {
		t.Fatal(err)
	}
	var f fixtures
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	return f
}

type mocks struct {
	mu         sync.Mutex
	state      resource.PropertyMap
	registered []pulumi.MockResourceArgs
}

func (m *mocks) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.registered = append(m.registered, args)
	if args.TypeToken == "defang:index:Project" {
		return args.Name + "-id", m.state, nil
	}
	return args.Name + "-id", args.Inputs, nil
}

func (m *mocks) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	return args.Args, nil
}

func (m *mocks) sent(t *testing.T, name string) pulumi.MockResourceArgs {
	t.Helper()
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, r := range m.registered {
		if r.Name == name {
			return r
		}
	}
	t.Fatalf("no registration named %s", name)
	return pulumi.MockResourceArgs{}
}

// run builds one program under fresh mocks and fails the test on any error.
func run(t *testing.T, program func(ctx *pulumi.Context) error) *mocks {
	t.Helper()
	f := loadFixtures(t)
	m := &mocks{state: resource.NewPropertyMapFromMap(f.State)}
	if err := pulumi.RunErr(program, pulumi.WithMocks("sdk-test", "dev", m)); err != nil {
		t.Fatal(err)
	}
	return m
}

func strings(values []interface{}) pulumi.StringArray {
	out := pulumi.StringArray{}
	for _, v := range values {
		out = append(out, pulumi.String(v.(string)))
	}
	return out
}

func plainStrings(values []interface{}) []string {
	out := []string{}
	for _, v := range values {
		out = append(out, v.(string))
	}
	return out
}

func stringMap(values map[string]interface{}) map[string]string {
	out := map[string]string{}
	for k, v := range values {
		out[k] = v.(string)
	}
	return out
}

func TestTokenAndRemoteComponent(t *testing.T) {
	m := run(t, func(ctx *pulumi.Context) error {
		_, err := defang.NewProject(ctx, "token", nil)
		return err
	})
	sent := m.sent(t, "token")
	if sent.TypeToken != "defang:index:Project" {
		t.Errorf("token %q", sent.TypeToken)
	}
	if sent.Custom {
		t.Error("a component must not be registered as a custom resource")
	}
	if sent.RegisterRPC == nil || !sent.RegisterRPC.GetRemote() {
		t.Error("the component must be registered as remote (constructed by the provider)")
	}
}

func TestInputsGoOnTheWireInCamelCase(t *testing.T) {
	f := loadFixtures(t)
	in := f.Inputs
	network := in["network"].(map[string]interface{})
	vpc := in["vpc"].(map[string]interface{})
	domain := in["domain"].(map[string]interface{})
	m := run(t, func(ctx *pulumi.Context) error {
		mode := defang.ModeHighAvailability
		_, err := defang.NewProject(ctx, "inputs", &defang.ProjectArgs{
			ComposeFiles: plainStrings(in["composeFiles"].([]interface{})),
			ComposeYaml:  pulumi.StringRef(in["composeYaml"].(string)),
			WorkingDir:   pulumi.StringRef(in["workingDir"].(string)),
			ProjectName:  pulumi.StringRef(in["projectName"].(string)),
			Mode:         &mode,
			Environment:  stringMap(in["environment"].(map[string]interface{})),
			Profiles:     plainStrings(in["profiles"].([]interface{})),
			Config:       pulumi.StringMap{"DB_PASSWORD": pulumi.String("hunter2")},
			Images:       pulumi.ToStringMap(stringMap(in["images"].(map[string]interface{}))),
			Network: defang.NetworkArgs{
				VpcId:            pulumi.String(network["vpcId"].(string)),
				PublicSubnetIds:  strings(network["publicSubnetIds"].([]interface{})),
				PrivateSubnetIds: strings(network["privateSubnetIds"].([]interface{})),
			},
			Vpc: &defang.VpcArgs{
				CidrBlock:             pulumi.StringRef(vpc["cidrBlock"].(string)),
				AvailabilityZoneCount: pulumi.IntRef(int(vpc["availabilityZoneCount"].(float64))),
			},
			Domain: defang.DomainArgs{
				Name:           pulumi.StringRef(domain["name"].(string)),
				ZoneId:         pulumi.String(domain["zoneId"].(string)),
				CertificateArn: pulumi.String(domain["certificateArn"].(string)),
			},
			Tags: stringMap(in["tags"].(map[string]interface{})),
		})
		return err
	})
	expected := map[string]interface{}{}
	for k, v := range in {
		expected[k] = v
	}
	expected["mode"] = "high_availability"
	got := m.sent(t, "inputs").Inputs
	want := resource.NewPropertyMapFromMap(expected)
	want["config"] = resource.MakeSecret(resource.NewPropertyValue(map[string]interface{}{"DB_PASSWORD": "hunter2"}))
	if diff := got.Diff(want); diff != nil {
		t.Errorf("inputs on the wire differ from the schema names:\n got  %v\n want %v", got.Mappable(), want.Mappable())
	}
	if !got["config"].IsSecret() {
		t.Errorf("config must be sent as a secret, got %v", got["config"])
	}
}

func TestOutputsDecode(t *testing.T) {
	f := loadFixtures(t)
	type decoded struct {
		web       defang.Service
		db        defang.Database
		endpoints map[string]string
		vpcID     string
		lbDNS     *string
		subnets   []string
	}
	var got decoded
	var wg sync.WaitGroup
	wg.Add(1)
	run(t, func(ctx *pulumi.Context) error {
		project, err := defang.NewProject(ctx, "outputs", nil)
		if err != nil {
			return err
		}
		pulumi.All(project.Services, project.Databases, project.Endpoints, project.VpcId, project.LoadBalancerDnsName, project.PrivateSubnetIds).
			ApplyT(func(all []interface{}) error {
				defer wg.Done()
				got.web = all[0].(map[string]defang.Service)["web"]
				got.db = all[1].(map[string]defang.Database)["db"]
				got.endpoints = all[2].(map[string]string)
				got.vpcID = all[3].(string)
				got.lbDNS = all[4].(*string)
				got.subnets = all[5].([]string)
				return nil
			})
		return nil
	})
	wg.Wait()
	state := f.State
	web := state["services"].(map[string]interface{})["web"].(map[string]interface{})
	if got.web.TaskRoleArn != web["taskRoleArn"] || got.web.PrivateFqdn != "web.shop.internal" || got.web.Url == nil || *got.web.Url != web["url"] {
		t.Errorf("services.web decoded as %+v", got.web)
	}
	if got.db.Engine != "postgres" || got.db.Port != 5432 || got.db.PasswordParameter != "/Defang/shop/dev/POSTGRES_PASSWORD" {
		t.Errorf("databases.db decoded as %+v", got.db)
	}
	if got.endpoints["web"] != "https://web.app.example.com" || got.vpcID != state["vpcId"] || got.lbDNS == nil || *got.lbDNS != state["loadBalancerDnsName"] {
		t.Errorf("decoded %+v", got)
	}
	if len(got.subnets) != 2 || got.subnets[0] != "subnet-priv-a" {
		t.Errorf("privateSubnetIds decoded as %v", got.subnets)
	}
}

// Go cannot make a struct field required at compile time, so a NetworkArgs without VpcId compiles and
// goes on the wire without vpcId; the provider then rejects it (tests/provider: network.vpcId is
// required). This pins that the SDK sends no empty placeholder the provider could mistake for an id.
func TestNetworkWithoutVpcIdIsSentWithoutIt(t *testing.T) {
	m := run(t, func(ctx *pulumi.Context) error {
		_, err := defang.NewProject(ctx, "nonet", &defang.ProjectArgs{
			Network: defang.NetworkArgs{
				PublicSubnetIds:  pulumi.ToStringArray([]string{"a"}),
				PrivateSubnetIds: pulumi.ToStringArray([]string{"b"}),
			},
		})
		return err
	})
	network := m.sent(t, "nonet").Inputs["network"].ObjectValue()
	if _, has := network["vpcId"]; has {
		t.Errorf("vpcId sent as %v", network["vpcId"])
	}
	if !network["publicSubnetIds"].IsArray() {
		t.Errorf("network sent as %v", network)
	}
}

func TestModeEnumValues(t *testing.T) {
	for mode, want := range map[defang.Mode]string{
		defang.ModeAffordable:       "affordable",
		defang.ModeBalanced:         "balanced",
		defang.ModeHighAvailability: "high_availability",
	} {
		if string(mode) != want {
			t.Errorf("%v != %s", mode, want)
		}
	}
}
