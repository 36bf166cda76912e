"""The Python SDK through the real Pulumi engine (opt-in: run by `make test_engine`, not by unittest
discovery): an Automation API inline program creates a Project, the installed plugin constructs it, and
the outputs come back decoded into the SDK's output types. Stand-ins answer for the aws/random plugins."""
import glob
import os
import pathlib
import re
import shutil
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


def engine_stack(test, project_name, program):
    """Stack dev of project_name in a file backend, our plugin installed from the archive, stand-ins for aws/random."""
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
        project_name=project_name,
        program=program,
        opts=auto.LocalWorkspaceOptions(
            env_vars=env,
            pulumi_home=env["PULUMI_HOME"],
            pulumi_command=auto.PulumiCommand(root=CLI_ROOT, skip_version_check=True),
            project_settings=auto.ProjectSettings(name=project_name, runtime="python", backend=auto.ProjectBackend(url=env["PULUMI_BACKEND_URL"])),
        ),
    )
    test.addCleanup(shutil.rmtree, home, ignore_errors=True)
    return stack, home


def diagnostics(output):
    """The Diagnostics section of an update's output, by resource header."""
    start = output.index("\nDiagnostics:\n")
    end = output.find("\nResources:\n", start)
    sections, header = {}, None
    for line in output[start + len("\nDiagnostics:\n"): end if end >= 0 else None].split("\n"):
        match = re.match(r"^  (\S.*):$", line)
        if match:
            header = match.group(1)
        elif header:
            sections[header] = sections.get(header, "") + line + "\n"
    return sections


class EngineTest(unittest.TestCase):
    def test_python_program_through_pulumi_up(self):
        stack, home = engine_stack(self, "engine-py", program)
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

    def failing_preview(self, project_name, compose):
        """Output of a preview of a Project over `compose` (on disk), which must fail."""
        compose_dir = tempfile.mkdtemp(prefix="defang-engine-py-compose-")
        self.addCleanup(shutil.rmtree, compose_dir, ignore_errors=True)
        compose_file = pathlib.Path(compose_dir) / "compose.yaml"
        compose_file.write_text(compose)

        def failing_program():
            defang.Project("shop", compose_files=[str(compose_file)], project_name="shop")

        stack, _ = engine_stack(self, project_name, failing_program)
        stack.set_config("aws:region", auto.ConfigValue("us-east-1"))
        lines = []
        with self.assertRaises(auto.errors.CommandError):
            stack.preview(on_output=lines.append)
        output = "\n".join(lines)
        for noise in (r"Traceback", r"resource monitor", r"^\s+at .+:\d+:\d+\)?$", r"warning: warning:", r"error: error:", r'File ".*", line \d+'):
            self.assertIsNone(re.search(noise, output, re.M), f"{noise} in:\n{output}")
        sections = diagnostics(output)
        self.assertIn("defang:index:Project (shop)", sections, output)
        # Under the stack, at most the one line the Python SDK always prints when the engine stops a
        # deployment (no traceback); the error itself is the Project's.
        for header, text in sections.items():
            if header.startswith("pulumi:pulumi:Stack"):
                errors = [line.strip() for line in text.splitlines() if "error" in line]
                self.assertLessEqual(set(errors), {"error: Resource monitor has terminated, shutting down"}, output)
        return sections["defang:index:Project (shop)"], output

    def test_compose_errors_read_cleanly_under_the_project(self):
        project, output = self.failing_preview("errors-py", "services:\n  web:\n    image: nginx:1.27\n    bogus_key: 1\n")
        self.assertRegex(project, r"(?m)^    error: the compose project has an error:$")
        self.assertRegex(project, r"compose\.yaml:4:5: unknown key 'bogus_key' in service 'web' \[unknown-key\]\n        hint: ")
        self.assertEqual(output.count("[unknown-key]"), 1, output)

    def test_missing_config_fails_preview_with_the_python_form(self):
        project, _ = self.failing_preview("config-py", "services:\n  web:\n    image: nginx:1.27\n    environment:\n      API_TOKEN:\n")
        self.assertIn("config value missing for shop (stack dev): API_TOKEN [config-missing]", project)
        self.assertRegex(project, r"npx pulumi-defang@\d+\.\d+\.\d+ config set API_TOKEN --stack dev --region us-east-1 -f \S*compose\.yaml -p shop")
        # An inline program's plugins start in the caller's directory, which has no Pulumi.yaml here, so
        # every language's form is shown (under `pulumi preview` the project's runtime picks one).
        self.assertIn('config={"API_TOKEN": pulumi.Config().require_secret("apiToken")}', project)

if __name__ == "__main__":
    unittest.main(argv=[sys.argv[0], "-v"])
