// Binding the top-level resources (networks, volumes, secrets, configs, models) to the typed model.
import type { ModelConfig, NetworkConfig, SecretOrConfigObject, VolumeConfig } from "./types";
import { Caster } from "./cast";
import { dropUndefined, extensions, others } from "./bind-util";
import { RawMap, isMap, isSeq } from "./tree";

export function bindNetwork(c: Caster, raw: RawMap, where: Array<string | number> = []): NetworkConfig {
    c.root = { value: raw, path: where };
    const out: NetworkConfig = dropUndefined({
        name: c.str(raw, "name"),
        driver: c.str(raw, "driver"),
        driver_opts: c.strMap(raw, "driver_opts"),
        external: c.bool(raw, "external"),
        internal: c.bool(raw, "internal"),
        attachable: c.bool(raw, "attachable"),
        enable_ipv6: c.bool(raw, "enable_ipv6"),
        labels: c.strMap(raw, "labels"),
    });
    if (isMap(raw.ipam)) {
        const ipam = raw.ipam;
        out.ipam = dropUndefined({
            driver: c.str(ipam, "driver"),
            config: isSeq(ipam.config) ? ipam.config.filter(isMap).map((x) => ({ ...x })) : undefined,
            options: c.strMap(ipam, "options"),
        });
    }
    const ext = extensions(raw);
    if (ext) out.extensions = ext;
    const other = others(raw, new Set(["name", "driver", "driver_opts", "external", "internal", "attachable", "enable_ipv6", "labels", "ipam"]));
    if (other) Object.assign(out, other);
    return out;
}

export function bindVolume(c: Caster, raw: RawMap, where: Array<string | number> = []): VolumeConfig {
    c.root = { value: raw, path: where };
    const out: VolumeConfig = dropUndefined({
        name: c.str(raw, "name"),
        driver: c.str(raw, "driver"),
        driver_opts: c.strMap(raw, "driver_opts"),
        external: c.bool(raw, "external"),
        labels: c.strMap(raw, "labels"),
    });
    const ext = extensions(raw);
    if (ext) out.extensions = ext;
    return out;
}

export function bindSecretOrConfig(c: Caster, raw: RawMap, where: Array<string | number> = []): SecretOrConfigObject {
    c.root = { value: raw, path: where };
    const out: SecretOrConfigObject = dropUndefined({
        name: c.str(raw, "name"),
        file: c.str(raw, "file"),
        environment: c.str(raw, "environment"),
        content: c.str(raw, "content"),
        external: c.bool(raw, "external"),
        labels: c.strMap(raw, "labels"),
        driver: c.str(raw, "driver"),
        template_driver: c.str(raw, "template_driver"),
    });
    const ext = extensions(raw);
    if (ext) out.extensions = ext;
    return out;
}

export function bindModel(c: Caster, raw: RawMap, where: Array<string | number> = []): ModelConfig {
    c.root = { value: raw, path: where };
    const out: ModelConfig = dropUndefined({
        name: c.str(raw, "name"),
        model: c.str(raw, "model") ?? "",
        context_size: c.int(raw, "context_size"),
        runtime_flags: c.strList(raw, "runtime_flags"),
    });
    const ext = extensions(raw);
    if (ext) out.extensions = ext;
    return out;
}
