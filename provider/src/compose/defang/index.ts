// The Defang stage: the rule matrix (error / warning / accepted) and the fixups Defang applies before
// deploying, as compose → compose transforms. The input project is not modified; the returned one is
// what plan/ reads. Every finding is a Diagnostic whose code is in rules.ts.
//
// Service-name rewriting (Defang replaces `db:5432` in environment values with the private DNS name)
// is not needed here: the plan makes the project's private zone the VPC's DNS search domain, so bare
// service names resolve inside every task as they do under docker compose.
import type { ComposeProject, ServiceConfig } from "../types";
import type { DefangRuleOptions, LoadResult } from "../index";
import { Reporter } from "./report";
import { checkProjectExtensions, checkServiceExtensions } from "./extensions";
import { checkDomainname, checkFields } from "./fields";
import { checkServiceNames } from "./names";
import { checkPorts, fixPorts } from "./ports";
import { checkHealthcheck } from "./healthcheck";
import { checkDeploy, checkMemoryReservation, checkMode, foldResources } from "./deploy";
import { checkBuild, fixBuild } from "./build";
import { checkSecrets, checkTopLevelSecrets, fixSecrets } from "./secrets";
import { checkBuildArgSecrets, checkCommandSecrets, checkEnvironmentSecrets, checkLabelSecrets } from "./env-secrets";
import { checkImageReference } from "./images";
import { checkParameterNames } from "./parameter-names";
import { checkVolumeDeclarations, checkVolumes } from "./volumes";
import { checkObjectStore, checkObjectStoreClients, wantsObjectStore } from "./objectstore";
import { checkStaticFiles } from "./static-files";
import { checkStore, fixLlmGatewayPort, fixStorePorts, managedEngines, wantsManagedStore } from "./stores";
import { fixModels } from "./models";
import { checkNetworks } from "./networks";

export { RULES } from "./rules";
export type { RuleSpec } from "./rules";

export function checkDefangRules(input: ComposeProject, opts: DefangRuleOptions): LoadResult {
    const project = cloneProject(input);
    const reporter = new Reporter(project.sources);
    const services = Object.values(project.services);
    const at = (svc: ServiceConfig) => reporter.forService(svc.name);

    checkProjectExtensions(project, reporter);
    for (const svc of services) checkServiceExtensions(svc, at(svc));
    checkServiceNames(services.map(at));

    // Ports first: a store's ingress port becomes a host port before the ingress rules look at it.
    for (const svc of services) {
        const r = at(svc);
        const portsOk = checkPorts(svc, r);
        // A database's ports turn private even when another of its ports is wrong, so the ingress
        // rules below do not also treat it as a public web server.
        fixStorePorts(svc, r);
        if (!portsOk) continue;
        fixLlmGatewayPort(svc, r);
        fixPorts(svc, r);
    }

    const usedSecrets = new Set<string>();
    const containers: ServiceConfig[] = [];
    for (const svc of services) {
        const r = at(svc);
        const isStore = managedEngines(svc).length > 0;
        const isModel = svc.provider?.type === "model";
        // A bucket or a static site replaces the service: no container of it runs.
        const noContainer = wantsObjectStore(svc) || svc.defang?.staticFiles !== undefined;
        checkFields(svc, r);
        checkDomainname(svc, r);
        if (!noContainer) checkHealthcheck(svc, r);
        foldResources(svc, r);
        checkDeploy(svc, r);
        if (!isModel && !noContainer) checkMemoryReservation(svc, wantsManagedStore(svc), r);
        const notAService = isStore || isModel || noContainer || svc.restart === "no";
        checkMode(svc, { mode: opts.mode, notAService }, r);
        checkBuild(svc, project.workingDir, r);
        checkSecrets(svc, r);
        for (const s of svc.secrets ?? []) usedSecrets.add(s.source);
        if (!noContainer) {
            checkEnvironmentSecrets(svc, r);
            checkCommandSecrets(svc, r);
            checkLabelSecrets(svc, r);
            checkParameterNames(svc, r);
        }
        checkBuildArgSecrets(svc, r);
        checkImageReference(svc, r);
        // A service that asks for a managed store (even with an invalid extension, reported on its own) runs no container either.
        const runsContainer = !wantsManagedStore(svc) && !noContainer;
        checkVolumes(svc, runsContainer, project.workingDir, r);
        if (runsContainer) containers.push(svc);
        checkStore(svc, r);
        checkObjectStore(svc, r);
        checkStaticFiles(svc, r);
    }
    checkVolumeDeclarations(project, containers, reporter);
    checkObjectStoreClients(project, reporter);
    checkTopLevelSecrets(project, usedSecrets, reporter);
    checkNetworks(project, reporter);

    // Fixups whose results the rules above must not see (they would flag what we add).
    for (const svc of services) {
        const r = at(svc);
        fixSecrets(svc, r);
        fixBuild(svc, r);
    }
    fixModels(project, reporter);
    // Nothing to run is a mistake (a typo, every service behind an inactive profile), not a cheap
    // deployment: the network and load balancer alone cost money.
    if (Object.keys(project.services).length === 0) {
        const inactive = Object.keys(input.disabledServices ?? {}).length;
        reporter.report("no-services", ["services"], { why: inactive > 0 ? `all ${inactive} services belong to profiles that are not active` : "the project defines none" });
    }

    return { project, diagnostics: reporter.diagnostics };
}

/** A deep copy of everything the stage may change; `sources` (a function holder) is shared. */
function cloneProject(p: ComposeProject): ComposeProject {
    const { sources, ...data } = p;
    let copy: typeof data;
    try {
        copy = structuredClone(data);
    } catch {
        copy = JSON.parse(JSON.stringify(data)) as typeof data; // a value structuredClone refuses (none known)
    }
    return { ...copy, sources };
}
