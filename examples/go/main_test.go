package main

import (
	"encoding/json"
	"sync"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

type mocks struct {
	mu      sync.Mutex
	project *pulumi.MockResourceArgs
}

func (m *mocks) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if args.TypeToken == "defang:index:Project" {
		m.project = &args
		return args.Name, resource.NewPropertyMapFromMap(map[string]interface{}{
			"endpoints": map[string]interface{}{"web": "http://alb.example.com"},
		}), nil
	}
	return args.Name, args.Inputs, nil
}

func (m *mocks) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) { return args.Args, nil }

// The program under mocks: the mode from stack config, secrets from secret stack config.
func TestProgramSendsModeAndSecretConfig(t *testing.T) {
	config, _ := json.Marshal(map[string]string{
		"project:mode":             "high_availability",
		"project:postgresPassword": "pg-secret",
		"project:appSecret":        "app-secret",
	})
	t.Setenv("PULUMI_CONFIG", string(config))
	t.Setenv("PULUMI_CONFIG_SECRET_KEYS", `["project:postgresPassword","project:appSecret"]`)
	m := &mocks{}
	if err := pulumi.RunErr(program, pulumi.WithMocks("project", "dev", m)); err != nil {
		t.Fatal(err)
	}
	if m.project == nil {
		t.Fatal("no defang:index:Project registered")
	}
	inputs := m.project.Inputs
	if got := inputs["mode"].StringValue(); got != "high_availability" {
		t.Errorf("mode %q", got)
	}
	if !inputs["config"].IsSecret() {
		t.Fatalf("config must be secret, got %v", inputs["config"])
	}
	secret := inputs["config"].SecretValue().Element.ObjectValue()
	if secret["POSTGRES_PASSWORD"].StringValue() != "pg-secret" || secret["APP_SECRET"].StringValue() != "app-secret" {
		t.Errorf("config %v", secret)
	}
}

func TestProgramRejectsUnknownMode(t *testing.T) {
	config, _ := json.Marshal(map[string]string{"project:mode": "cheapest", "project:postgresPassword": "x", "project:appSecret": "y"})
	t.Setenv("PULUMI_CONFIG", string(config))
	err := pulumi.RunErr(program, pulumi.WithMocks("project", "dev", &mocks{}))
	if err == nil {
		t.Fatal("expected an error for mode cheapest")
	}
}
