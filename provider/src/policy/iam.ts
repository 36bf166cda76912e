// IAM rules (security-rules.md §7): no Action "*", "*" resources only for actions AWS cannot scope,
// specific trusted services, no PassRole on "*".
import { adminLikePolicy } from "../compose/defang/policies";
import { ALL_MODES, Graph, PolicyResource, Rule, list, obj, parseJson, str } from "./types";

/** Actions with no resource-level permissions: "*" is the only possible resource. */
export const UNSCOPABLE_ACTIONS = [
    "ecr:GetAuthorizationToken",
    "ssmmessages:CreateControlChannel",
    "ssmmessages:CreateDataChannel",
    "ssmmessages:OpenControlChannel",
    "ssmmessages:OpenDataChannel",
    "bedrock:ListFoundationModels",
    "bedrock:ListInferenceProfiles",
    "logs:DescribeLogGroups",
    "ec2:Describe*",
    "elasticloadbalancing:Describe*",
    "ecs:DiscoverPollEndpoint",
    "ecs:CreateCluster",
    "ecs:Submit*",
    "ecs:Poll",
    "ecs:StartTelemetrySession",
    "cloudwatch:PutMetricData",
    "xray:PutTraceSegments",
    "xray:PutTelemetryRecords",
];

const TRUSTED_SERVICES = [
    "ecs-tasks.amazonaws.com",
    "ec2.amazonaws.com",
    "ecs.amazonaws.com",
    "codebuild.amazonaws.com",
    "application-autoscaling.amazonaws.com",
    "vpc-flow-logs.amazonaws.com",
    "monitoring.rds.amazonaws.com",
    "lambda.amazonaws.com",
];

interface Statement {
    Effect?: string;
    Action?: unknown;
    NotAction?: unknown;
    Resource?: unknown;
    Principal?: unknown;
}

/** Every policy document in the graph with the resource that carries it. */
export function policyDocuments(g: Graph): Array<{ resource: PolicyResource; statements: Statement[] }> {
    const docs: Array<{ resource: PolicyResource; statements: Statement[] }> = [];
    const add = (resource: PolicyResource, text: unknown) => {
        const doc = obj(parseJson(text));
        if (doc.Statement !== undefined) docs.push({ resource, statements: list(doc.Statement).map((s) => obj(s) as Statement) });
    };
    for (const r of g.ofType("aws:iam/policy:Policy", "aws:iam/rolePolicy:RolePolicy")) add(r, r.inputs.policy);
    for (const r of g.ofType("aws:iam/role:Role")) for (const p of list(r.inputs.inlinePolicies)) add(r, obj(p).policy);
    return docs;
}

function actionsMatch(pattern: string, action: string): boolean {
    const re = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`, "i");
    return re.test(action);
}

const allows = (s: Statement) => (s.Effect ?? "Allow") === "Allow";
const actions = (s: Statement) => list(s.Action).map(String);
const resources = (s: Statement) => list(s.Resource).map(String);

export const IAM_RULES: Rule[] = [
    {
        id: "IAM-01",
        severity: "Critical",
        modes: ALL_MODES,
        check: (g) =>
            policyDocuments(g).flatMap(({ resource, statements }) =>
                statements.filter((s) => allows(s) && (actions(s).some((a) => a === "*" || a === "*:*") || s.NotAction !== undefined)).map(() => ({ resource, message: 'Allow statement with Action "*" (or NotAction)' })),
            ),
    },
    {
        id: "IAM-02",
        severity: "High",
        modes: ALL_MODES,
        check: (g) =>
            policyDocuments(g).flatMap(({ resource, statements }) =>
                statements
                    .filter((s) => allows(s) && resources(s).includes("*"))
                    .flatMap((s) => actions(s).filter((a) => !UNSCOPABLE_ACTIONS.some((u) => actionsMatch(u, a))))
                    .map((a) => ({ resource, message: `${a} on "*" although it can be scoped` })),
            ),
    },
    {
        id: "IAM-03",
        severity: "Critical",
        modes: ALL_MODES,
        check: (g) =>
            g.ofType("aws:iam/role:Role").flatMap((resource) => {
                const doc = obj(parseJson(resource.inputs.assumeRolePolicy));
                return list(doc.Statement)
                    .map((s) => obj(s))
                    .filter((s) => (s.Effect ?? "Allow") === "Allow")
                    .flatMap((s) => {
                        const p = s.Principal;
                        if (p === "*") return [{ resource, message: "trusts any principal" }];
                        const principal = obj(p);
                        const bad = [...list(principal.AWS).filter((x) => x === "*").map(() => "AWS *"), ...list(principal.Service).map(String).filter((x) => !TRUSTED_SERVICES.includes(x))];
                        return bad.map((b) => ({ resource, message: `trusts ${b}` }));
                    });
            }),
    },
    {
        id: "IAM-04",
        severity: "High",
        modes: ALL_MODES,
        check: (g) =>
            policyDocuments(g).flatMap(({ resource, statements }) =>
                statements
                    .filter((s) => allows(s) && actions(s).some((a) => actionsMatch(a, "iam:PassRole")) && resources(s).includes("*"))
                    .map(() => ({ resource, message: 'iam:PassRole on "*"' })),
            ),
    },
    {
        // Admin-like managed policies on a role (x-defang-policies), and inline Allow statements granting
        // every action of a service (`s3:*`) or of all (`*`): mandatory where production data lives.
        id: "IAM-05",
        severity: "High",
        modes: ["high_availability"],
        check: (g) => [
            ...g.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").flatMap((resource) => adminAttachment(resource, str(resource.inputs.policyArn))),
            ...g.ofType("aws:iam/role:Role").flatMap((resource) => list(resource.inputs.managedPolicyArns).flatMap((arn) => adminAttachment(resource, str(arn)))),
            ...policyDocuments(g).flatMap(({ resource, statements }) =>
                statements
                    .filter(allows)
                    .flatMap((s) => actions(s).filter((a) => /^(\*|\*:\*|[\w-]+:\*)$/.test(a)))
                    .map((a) => ({ resource, message: `Allow statement with Action "${a}" (every action of ${a.startsWith("*") ? "every service" : a.split(":")[0]})` })),
            ),
        ],
    },
];

function adminAttachment(resource: PolicyResource, arn: string | undefined): Array<{ resource: PolicyResource; message: string }> {
    const why = arn !== undefined ? adminLikePolicy(arn) : undefined;
    return why ? [{ resource, message: `attaches ${arn} (${why})` }] : [];
}
