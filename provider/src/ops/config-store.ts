// The project's config values in SSM Parameter Store, as the component reads them: one SecureString
// per name under `/Defang/<project>/<stack>/`. Values are written and deleted here, never read back
// or printed: `list` asks SSM for names only.
import { DeleteParametersCommand, GetParametersByPathCommand, PutParameterCommand, SSMClient } from "@aws-sdk/client-ssm";

/** SSM takes at most 10 names per DeleteParameters call. */
const DELETE_BATCH = 10;

export interface ConfigEntry {
    name: string;
    lastModified?: Date;
}

export class ConfigStore {
    constructor(
        private readonly ssm: SSMClient,
        /** `/Defang/<project>/<stack>/` (with the trailing slash). */
        readonly prefix: string,
    ) {}

    /** Creates or overwrites `name` as a SecureString (standard tier up to 4 KB, advanced above: Intelligent-Tiering). */
    async set(name: string, value: string): Promise<void> {
        await this.ssm.send(
            new PutParameterCommand({
                Name: this.prefix + name,
                Value: value,
                Type: "SecureString",
                Overwrite: true,
                Tier: "Intelligent-Tiering",
                Description: "set by pulumi-defang config set",
            }),
        );
    }

    /** Names under the prefix (not recursive: the component reads only direct children), sorted. */
    async list(): Promise<ConfigEntry[]> {
        const out: ConfigEntry[] = [];
        let next: string | undefined;
        do {
            const page = await this.ssm.send(
                new GetParametersByPathCommand({ Path: this.prefix.replace(/\/$/, ""), Recursive: false, WithDecryption: false, NextToken: next }),
            );
            for (const p of page.Parameters ?? []) {
                if (p.Name?.startsWith(this.prefix)) out.push({ name: p.Name.slice(this.prefix.length), lastModified: p.LastModifiedDate });
            }
            next = page.NextToken;
        } while (next);
        return out.sort((a, b) => (a.name < b.name ? -1 : 1));
    }

    /** Deletes the names; returns those SSM did not have. */
    async remove(names: string[]): Promise<string[]> {
        const invalid: string[] = [];
        for (let i = 0; i < names.length; i += DELETE_BATCH) {
            const batch = names.slice(i, i + DELETE_BATCH);
            const r = await this.ssm.send(new DeleteParametersCommand({ Names: batch.map((n) => this.prefix + n) }));
            invalid.push(...(r.InvalidParameters ?? []).map((n) => n.slice(this.prefix.length)));
        }
        return invalid;
    }
}
