"""examples/python/__main__.py runs against the generated SDK: the mode comes from stack config and
the config references from secret stack config, sent to the provider as a secret map."""
import pathlib
import runpy
import unittest

import pulumi

from support import MOCKS, is_secret, unwrap_secrets

EXAMPLE = pathlib.Path(__file__).resolve().parents[3] / "examples" / "python" / "__main__.py"


class ExampleTest(unittest.TestCase):
    @pulumi.runtime.test
    def test_example_program_builds_the_project(self):
        program = runpy.run_path(str(EXAMPLE), run_name="__main__")

        def check(_):
            sent = MOCKS.sent("analytics")
            self.assertEqual(sent.typ, "defang:index:Project")
            inputs = sent.inputs
            self.assertEqual(inputs["composeFiles"], ["../compose-app/compose.yaml"])
            self.assertEqual(inputs["mode"], "balanced")
            self.assertTrue(is_secret(inputs["config"]))
            self.assertEqual(unwrap_secrets(inputs["config"]), {"POSTGRES_PASSWORD": "pg-secret", "APP_SECRET": "app-secret"})

        # The program's Project has been registered once its URN is known.
        return program["app"].urn.apply(check)


if __name__ == "__main__":
    unittest.main()
