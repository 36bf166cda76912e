"""The Python SDK through the real Pulumi engine (opt-in: run by `make test_engine`, not by unittest
discovery): an Automation API inline program creates a Project, the installed plugin constructs it, and
the outputs come back decoded into the SDK's output types. Stand-ins answer for the aws/random plugins."""
import glob
import os
import pathlib
import subprocess
import sys
import tempfile
import unittest

import pulumi
from pulumi import automation as auto

import pulumi_defang as defang

ROOT = pathlib.Path(__file__).resolve().parents[3]
CLI_ROOT = os.environ.get("PULUMI_CLI_ROOT", str(ROOT / "bin" / "pulumi-cli"))
STUBS = ROOT / "tests" / "provider" / "engine"
VERSION = "0.1.0"

COMPOSE = """
services:
  api:
    image: python:3.12-slim
    command: ["python", "-m", "http.server", "8000"]
    ports:
      - target: 8000
        mode: ingress
    environment:
      SESSION_KEY:
  cache:
    image: redis:7.2
    x-defang-redis: true
"""


def program():
    config = pulumi.Config()
    app = defang.Project(
        "py",
        compose_yaml=COMPOSE,
        project_name="pyshop",
        mode=defang.Mode.HIGH_AVAILABILITY,
        config={"SESSION_KEY": config.require_secret("sessionKey")},
        tags={"team": "python"},
    )
    pulumi.export("endpoints", app.endpoints)
    pulumi.export("services", app.services)
    pulumi.export("databases", app.databases)
    pulumi.export("private_subnet_ids", app.private_subnet_ids)
    # Decoded as the SDK's output types inside the program, not only in the stack outputs.
    pulumi.export("api_role", app.services.apply(lambda s: s["api"].task_role_arn))
    pulumi.export("cache_engine", app.databases.apply(lambda d: d["cache"].engine))


class EngineTest(unittest.TestCase):
    def test_python_program_through_pulumi_up(self):
        home = tempfile.mkdtemp(prefix="defang-engine-py-")
        env = {
            "PATH": f"{STUBS}:{CLI_ROOT}/bin:{os.environ['PATH']}",
            "PULUMI_HOME": f"{home}/pulumi-home",
            "PULUMI_BACKEND_URL": f"file://{home}",
            "PULUMI_CONFIG_PASSPHRASE": "engine-test",
            "PULUMI_SKIP_UPDATE_CHECK": "true",
            "PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
        }
        archive = ROOT / "dist" / f"pulumi-resource-defang-v{VERSION}-linux-amd64.tar.gz"
        subprocess.run(
            [f"{CLI_ROOT}/bin/pulumi", "plugin", "install", "resource", "defang", VERSION, "--file", str(archive)],
            env={**os.environ, **env}, check=True, capture_output=True,
        )
        stack = auto.create_or_select_stack(
            stack_name="dev",
            project_name="engine-py",
            program=program,
            opts=auto.LocalWorkspaceOptions(
                env_vars=env,
                pulumi_home=env["PULUMI_HOME"],
                pulumi_command=auto.PulumiCommand(root=CLI_ROOT, skip_version_check=True),
                project_settings=auto.ProjectSettings(name="engine-py", runtime="python", backend=auto.ProjectBackend(url=env["PULUMI_BACKEND_URL"])),
            ),
        )
        stack.set_config("aws:region", auto.ConfigValue("eu-west-1"))
        stack.set_config("sessionKey", auto.ConfigValue("py-secret-42", secret=True))
        up = stack.up(on_output=lambda line: None)
        self.assertEqual(up.summary.result, "succeeded")
        out = up.outputs
        self.assertRegex(out["endpoints"].value["api"], r"^https?://")
        self.assertTrue(out["api_role"].value.startswith("arn:aws:iam::123456789012:role/"))
        self.assertEqual(out["cache_engine"].value, "redis")
        self.assertEqual(len(out["private_subnet_ids"].value), 3, "high_availability spreads over three zones")
        state_files = glob.glob(f"{home}/.pulumi/stacks/engine-py/dev.json")
        self.assertEqual(len(state_files), 1)
        self.assertNotIn("py-secret-42", pathlib.Path(state_files[0]).read_text())


if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
