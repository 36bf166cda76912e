"""The generated Python SDK (sdk/python, installed into .venv by `make test_sdks`) under Pulumi mocks:
the token, the input names as they go on the wire (camelCase), secrets, required fields, and the
outputs decoded from a state shaped like the provider's."""
import unittest

import pulumi

from support import FIXTURES, MOCKS, is_secret, unwrap_secrets

import pulumi_defang as defang  # noqa: E402  (after the mocks are set, as Pulumi's docs do)


def sent(name):
    return MOCKS.sent(name)


def snake_args():
    """The fixture's inputs as Python keyword arguments, nested objects as the SDK's Args classes."""
    i = FIXTURES["inputs"]
    return dict(
        compose_files=i["composeFiles"],
        compose_yaml=i["composeYaml"],
        working_dir=i["workingDir"],
        project_name=i["projectName"],
        environment=i["environment"],
        profiles=i["profiles"],
        images=i["images"],
        network=defang.NetworkArgs(
            vpc_id=i["network"]["vpcId"],
            public_subnet_ids=i["network"]["publicSubnetIds"],
            private_subnet_ids=i["network"]["privateSubnetIds"],
        ),
        vpc=defang.VpcArgs(cidr_block=i["vpc"]["cidrBlock"], availability_zone_count=i["vpc"]["availabilityZoneCount"]),
        domain={"name": i["domain"]["name"], "zone_id": i["domain"]["zoneId"], "certificate_arn": i["domain"]["certificateArn"]},
        tags=i["tags"],
    )


class ProjectTest(unittest.TestCase):
    @pulumi.runtime.test
    def test_token_and_remote_component(self):
        project = defang.Project("token")

        def check(_):
            r = sent("token")
            self.assertEqual(r.typ, "defang:index:Project")
            self.assertFalse(r.custom)

        return project.urn.apply(check)

    @pulumi.runtime.test
    def test_inputs_go_on_the_wire_in_camel_case(self):
        project = defang.Project("inputs", mode=defang.Mode.HIGH_AVAILABILITY, config={"DB_PASSWORD": "hunter2"}, **snake_args())

        def check(_):
            expected = dict(FIXTURES["inputs"], mode="high_availability", config={"DB_PASSWORD": "hunter2"})
            self.assertEqual(unwrap_secrets(sent("inputs").inputs), expected)

        return project.urn.apply(check)

    @pulumi.runtime.test
    def test_config_is_secret(self):
        project = defang.Project("secret", config={"API_KEY": "plain"})

        def check(_):
            config = sent("secret").inputs["config"]
            self.assertTrue(is_secret(config), f"config sent as {config}")

        return project.urn.apply(check)

    def test_network_without_vpc_id_is_a_type_error(self):
        with self.assertRaisesRegex(TypeError, "vpc_id"):
            defang.NetworkArgs(public_subnet_ids=["a"], private_subnet_ids=["b"])

    def test_mode_outside_the_enum_is_rejected(self):
        with self.assertRaises(ValueError):
            defang.Mode("cheapest")
        self.assertEqual(defang.Mode("balanced"), defang.Mode.BALANCED)

    @pulumi.runtime.test
    def test_outputs_decode(self):
        project = defang.Project("outputs")
        state = FIXTURES["state"]

        def check_services(services):
            web = services["web"]
            self.assertIsInstance(web, defang.outputs.Service)
            self.assertEqual(web.task_role_arn, state["services"]["web"]["taskRoleArn"])
            self.assertEqual(web.private_fqdn, "web.shop.internal")
            self.assertEqual(web.url, "https://web.app.example.com")

        def check_databases(databases):
            db = databases["db"]
            self.assertIsInstance(db, defang.outputs.Database)
            self.assertEqual((db.engine, db.port, db.password_parameter), ("postgres", 5432, "/Defang/shop/dev/POSTGRES_PASSWORD"))

        def check_plain(values):
            endpoints, vpc_id, private_subnet_ids, lb = values
            self.assertEqual(endpoints, state["endpoints"])
            self.assertEqual(vpc_id, state["vpcId"])
            self.assertEqual(private_subnet_ids, state["privateSubnetIds"])
            self.assertEqual(lb, state["loadBalancerDnsName"])

        # One apply per typed output: Output.all re-wraps values as plain dicts.
        return pulumi.Output.all(
            project.services.apply(check_services),
            project.databases.apply(check_databases),
            pulumi.Output.all(project.endpoints, project.vpc_id, project.private_subnet_ids, project.load_balancer_dns_name).apply(check_plain),
        )


if __name__ == "__main__":
    unittest.main()
