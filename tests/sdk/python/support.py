"""One mock monitor for every Python SDK test module (Pulumi allows one per process): it records each
registration and answers the Project with a state shaped like the provider's (../fixtures.json)."""
import json
import pathlib

import pulumi

FIXTURES = json.loads((pathlib.Path(__file__).parent.parent / "fixtures.json").read_text())
# The project name of examples/python, so its pulumi.Config() reads the values set below.
PROJECT = "analytics-python"


class Mocks(pulumi.runtime.Mocks):
    def __init__(self):
        self.registered = []

    def new_resource(self, args: pulumi.runtime.MockResourceArgs):
        self.registered.append(args)
        state = FIXTURES["state"] if args.typ == "defang:index:Project" else args.inputs
        return f"{args.name}-id", state

    def call(self, args: pulumi.runtime.MockCallArgs):
        return args.args, None

    def sent(self, name):
        return next(r for r in self.registered if r.name == name)


MOCKS = Mocks()
pulumi.runtime.set_mocks(MOCKS, project=PROJECT, stack="dev", preview=False)
pulumi.runtime.set_all_config(
    {f"{PROJECT}:mode": "balanced", f"{PROJECT}:postgresPassword": "pg-secret", f"{PROJECT}:appSecret": "app-secret"},
    secret_keys=[f"{PROJECT}:postgresPassword", f"{PROJECT}:appSecret"],
)

# Secrets reach the mock as {"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", "value": ...}.
SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270"


def is_secret(v):
    return isinstance(v, dict) and SECRET_SIG in v.values() and "value" in v


def unwrap_secrets(v):
    if is_secret(v):
        return unwrap_secrets(v["value"])
    if isinstance(v, dict):
        return {k: unwrap_secrets(x) for k, x in v.items()}
    if isinstance(v, list):
        return [unwrap_secrets(x) for x in v]
    return v
