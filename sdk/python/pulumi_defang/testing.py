# Written by pulumi-gen-defang from provider/cmd/pulumi-gen-defang/overlays: do not edit.
"""Unit tests of programs that use ``pulumi_defang.Project``, under Pulumi's mocks.

Under mocks the component never runs: its outputs are whatever the mocks return for the
``defang:index:Project`` registration. ``ProjectMocks`` returns the outputs the offline plan of your
compose file computed, so the program sees realistic endpoints, ARNs and ids in their real shape::

    npx pulumi-defang plan -f compose.yaml --mode balanced --stack dev --json > defang_plan.json

    import pulumi
    from pulumi_defang.testing import ProjectMocks, output_value
    pulumi.runtime.set_mocks(ProjectMocks("defang_plan.json"), project="project", stack="dev", preview=False)

    import pulumi_defang as defang

    @pulumi.runtime.test
    def test_web_is_public():
        app = defang.Project("shop", compose_files=["compose.yaml"])
        return output_value(app.services).apply(lambda s: assert_https(s["web"].url))

``output_value`` fails instead of silently skipping the check when an output is unknown (mocks in
preview mode, or an output the mocks did not return): ``apply`` never runs its function then.
"""
import json
from typing import Any, Mapping, Optional, Tuple, Union

import pulumi

PROJECT_TOKEN = "defang:index:Project"

PlanSource = Union[str, Mapping[str, Any]]


def _load(plan: PlanSource) -> Mapping[str, Any]:
    parsed = plan
    if isinstance(plan, str):
        with open(plan, encoding="utf-8") as f:
            parsed = json.load(f)
    if not isinstance(parsed, Mapping) or not isinstance(parsed.get("outputs"), Mapping):
        raise ValueError(f"{plan if isinstance(plan, str) else 'the plan'} has no outputs: write it with 'pulumi-defang plan --json'")
    return parsed


class _Echo(pulumi.runtime.Mocks):
    """Everything else: ids ``<name>-id``, state = inputs; invokes return their arguments."""

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> Tuple[Optional[str], dict]:
        return f"{args.name}-id", args.inputs

    def call(self, args: pulumi.runtime.MockCallArgs) -> Tuple[dict, Optional[list]]:
        return args.args, None


class ProjectMocks(pulumi.runtime.Mocks):
    """Mocks whose ``defang:index:Project`` registrations return the outputs of a plan.

    ``plans``: the path of a ``pulumi-defang plan --json`` file or its parsed content (used for every
    Project), or a mapping of Project names to either. Every other resource and invoke goes to ``base``.
    """

    def __init__(self, plans: Union[PlanSource, Mapping[str, PlanSource]], base: Optional[pulumi.runtime.Mocks] = None):
        self._plans = plans
        self._base = base or _Echo()

    def _plan_for(self, name: str) -> Mapping[str, Any]:
        plans = self._plans
        if isinstance(plans, str) or (isinstance(plans, Mapping) and "outputs" in plans):
            return _load(plans)
        if name not in plans:
            raise KeyError(f'no plan for defang.Project "{name}"; plans are given for {", ".join(plans)}')
        return _load(plans[name])

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> Tuple[Optional[str], dict]:
        if args.typ == PROJECT_TOKEN:
            return "", dict(self._plan_for(args.name)["outputs"])
        return self._base.new_resource(args)

    def call(self, args: pulumi.runtime.MockCallArgs) -> Tuple[dict, Optional[list]]:
        return self._base.call(args)


def output_value(output: pulumi.Output) -> pulumi.Output:
    """The output itself, failing the test when it is unknown instead of letting ``apply`` skip the check."""

    async def known() -> bool:
        if not await output.is_known():
            raise AssertionError(
                "the output is unknown: run the mocks with preview=False (pulumi.runtime.set_mocks) and return the output from the mocks"
            )
        return True

    # Returning the output from apply keeps its value as the SDK decoded it (e.g. outputs.Service).
    return pulumi.Output.from_input(known()).apply(lambda _: output)
