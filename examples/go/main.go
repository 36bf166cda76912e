// Deploys ../compose-app/compose.yaml into the stack's AWS account and region.
//
//	pulumi config set aws:region us-east-1
//	pulumi config set mode balanced                       # affordable (default) | balanced | high_availability
//	pulumi config set --secret postgresPassword '<a long random password>'
//	pulumi config set --secret appSecret '<another one>'
//	pulumi up
package main

import (
	"fmt"

	"github.com/pulumi-defang/pulumi-defang/sdk/go/defang"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(program)
}

func program(ctx *pulumi.Context) error {
	cfg := config.New(ctx, "")
	mode := defang.Mode(cfg.Get("mode"))
	if mode == "" {
		mode = defang.ModeAffordable
	}
	switch mode {
	case defang.ModeAffordable, defang.ModeBalanced, defang.ModeHighAvailability:
	default:
		return fmt.Errorf("config mode must be affordable, balanced or high_availability (got %q)", mode)
	}

	app, err := defang.NewProject(ctx, "analytics", &defang.ProjectArgs{
		ComposeFiles: []string{"../compose-app/compose.yaml"},
		Mode:         &mode,
		// Values of the compose file's config references; stored as SSM SecureStrings, never in plaintext.
		Config: pulumi.StringMap{
			"POSTGRES_PASSWORD": cfg.RequireSecret("postgresPassword"),
			"APP_SECRET":        cfg.RequireSecret("appSecret"),
		},
		Tags: map[string]string{"app": "analytics", "stack": ctx.Stack()},
	})
	if err != nil {
		return err
	}

	ctx.Export("endpoints", app.Endpoints)
	ctx.Export("url", app.Endpoints.MapIndex(pulumi.String("web")))
	ctx.Export("privateEndpoints", app.PrivateEndpoints)
	ctx.Export("databases", app.Databases)
	return nil
}
