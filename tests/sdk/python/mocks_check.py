"""pulumi_defang.testing, as a user's unit test uses it: a program under Pulumi's mocks sees the outputs
the offline plan computed (bin/sdk/defang-plan.json, written by the npm package's CLI from
examples/compose-app), other resources go to the base mocks, and an unknown output fails the test
instead of skipping its check. Its own process (`make test_sdk_python`): one mock monitor per process."""
import asyncio
import json
import pathlib
import unittest

import pulumi

from pulumi_defang.testing import ProjectMocks, output_value

PLAN_FILE = pathlib.Path(__file__).resolve().parents[3] / "bin" / "sdk" / "defang-plan.json"
PLAN = json.loads(PLAN_FILE.read_text())


class Base(pulumi.runtime.Mocks):
    def __init__(self):
        self.registered = []

    def new_resource(self, args):
        self.registered.append(args)
        return f"{args.name}-base", dict(args.inputs, arn=f"arn:test:{args.name}")

    def call(self, args):
        return args.args, None


BASE = Base()
pulumi.runtime.set_mocks(ProjectMocks(str(PLAN_FILE), base=BASE), project="analytics", stack="dev", preview=False)

import pulumi_defang as defang  # noqa: E402  (after set_mocks, as in a user's test)


class ProjectMocksTest(unittest.TestCase):
    @pulumi.runtime.test
    def test_outputs_are_the_plans_decoded_into_the_sdk_types(self):
        app = defang.Project("analytics", compose_files=["compose.yaml"], mode=defang.Mode.BALANCED)

        def check_endpoints(endpoints):
            self.assertEqual(endpoints, PLAN["outputs"]["endpoints"])
            self.assertRegex(endpoints["web"], r"^http://.+\.elb\.amazonaws\.com$")

        def check_services(services):
            self.assertIsInstance(services["web"], defang.outputs.Service)
            self.assertEqual(services["web"].task_role_arn, PLAN["outputs"]["services"]["web"]["taskRoleArn"])

        def check_databases(databases):
            self.assertIsInstance(databases["db"], defang.outputs.Database)
            self.assertEqual((databases["db"].engine, databases["db"].port), ("postgres", 5432))

        # Each check on its own output: Output.all would hand them over as plain dicts.
        return pulumi.Output.all(
            output_value(app.endpoints).apply(check_endpoints),
            output_value(app.services).apply(check_services),
            output_value(app.databases).apply(check_databases),
        )

    @pulumi.runtime.test
    def test_other_resources_go_to_the_base_mocks_with_the_outputs_wired_in(self):
        app = defang.Project("wired", compose_files=["compose.yaml"])
        attachment = pulumi.CustomResource(
            "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
            "web-s3",
            {"role": app.services.apply(lambda s: s["web"].task_role_arn), "policyArn": "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"},
        )

        def check(resource_id):
            self.assertEqual(resource_id, "web-s3-base")
            sent = next(r for r in BASE.registered if r.name == "web-s3")
            self.assertEqual(sent.inputs["role"], PLAN["outputs"]["services"]["web"]["taskRoleArn"])
            self.assertFalse(any(r.typ == "defang:index:Project" for r in BASE.registered))

        return attachment.id.apply(check)

    def test_a_plan_per_project_name_and_the_missing_one_named(self):
        mocks = ProjectMocks({"front": PLAN})
        args = pulumi.runtime.MockResourceArgs(typ="defang:index:Project", name="front", inputs={}, provider=None, resource_id=None, custom=False)
        self.assertEqual(mocks.new_resource(args)[1], PLAN["outputs"])
        args.name = "back"
        with self.assertRaisesRegex(KeyError, 'no plan for defang.Project "back"; plans are given for front'):
            mocks.new_resource(args)

    def test_an_unknown_output_fails_instead_of_skipping_the_check(self):
        @pulumi.runtime.test
        def check_unknown():
            loop = asyncio.get_event_loop()
            value, known, secret = loop.create_future(), loop.create_future(), loop.create_future()
            value.set_result(None)
            known.set_result(False)
            secret.set_result(False)
            return output_value(pulumi.Output(set(), value, known, secret))

        with self.assertRaisesRegex(AssertionError, "the output is unknown: run the mocks with preview=False"):
            check_unknown()

if __name__ == "__main__":
    unittest.main()
