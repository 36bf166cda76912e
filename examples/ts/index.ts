// Deploys ../compose-app/compose.yaml into the stack's AWS account and region.
//
//   pulumi config set aws:region us-east-1
//   pulumi config set mode balanced                       # affordable (default) | balanced | high_availability
//   pulumi config set --secret postgresPassword '<a long random password>'
//   pulumi config set --secret appSecret '<another one>'
//   pulumi up
import * as pulumi from "@pulumi/pulumi";
import * as defang from "pulumi-defang";

const config = new pulumi.Config();
const modes: string[] = Object.values(defang.Mode);
const mode = config.get("mode") ?? defang.Mode.Affordable;
if (!modes.includes(mode)) {
    throw new Error(`config mode must be one of ${modes.join(", ")} (got "${mode}")`);
}

const app = new defang.Project("analytics", {
    composeFiles: ["../compose-app/compose.yaml"],
    mode: mode as defang.Mode,
    // Values of the compose file's config references; stored as SSM SecureStrings, never in plaintext.
    config: {
        POSTGRES_PASSWORD: config.requireSecret("postgresPassword"),
        APP_SECRET: config.requireSecret("appSecret"),
    },
    tags: { app: "analytics", stack: pulumi.getStack() },
});

export const endpoints = app.endpoints;
export const url = app.endpoints.apply((e) => e["web"]);
export const privateEndpoints = app.privateEndpoints;
export const databases = app.databases;
