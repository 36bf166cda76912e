"""Deploys ../compose-app/compose.yaml into the stack's AWS account and region.

    pulumi config set aws:region us-east-1
    pulumi config set mode balanced                       # affordable (default) | balanced | high_availability
    pulumi config set --secret postgresPassword '<a long random password>'
    pulumi config set --secret appSecret '<another one>'
    pulumi up
"""
import pulumi
import pulumi_defang as defang

config = pulumi.Config()
mode = defang.Mode(config.get("mode") or "affordable")  # ValueError for anything but the three modes

app = defang.Project(
    "analytics",
    compose_files=["../compose-app/compose.yaml"],
    mode=mode,
    # Values of the compose file's config references; stored as SSM SecureStrings, never in plaintext.
    config={
        "POSTGRES_PASSWORD": config.require_secret("postgresPassword"),
        "APP_SECRET": config.require_secret("appSecret"),
    },
    tags={"app": "analytics", "stack": pulumi.get_stack()},
)

pulumi.export("endpoints", app.endpoints)
pulumi.export("url", app.endpoints.apply(lambda e: e.get("web")))
pulumi.export("privateEndpoints", app.private_endpoints)
pulumi.export("databases", app.databases)
