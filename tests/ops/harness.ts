// What the config and logs tests share: a compose project in a temporary directory that each test
// runs in (the commands find compose.yaml there), a clean moto, and captured stdout / stderr.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { useMoto, type Moto } from "../support/moto";

export interface OpsHarness {
    moto: Moto;
    out: string[];
    err: string[];
}

/** Registers the suite's hooks; read the fields inside tests (they are set by the hooks). */
export function opsHarness(compose: string): OpsHarness {
    const h = { out: [], err: [] } as unknown as OpsHarness;
    const cwd = process.cwd();
    let dir: string;
    before(async function () {
        h.moto = await useMoto(this);
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "defang-ops-"));
        fs.writeFileSync(path.join(dir, "compose.yaml"), compose);
    });
    beforeEach(async () => {
        await h.moto.reset();
        h.out.length = 0;
        h.err.length = 0;
        process.chdir(dir);
    });
    afterEach(() => process.chdir(cwd));
    after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));
    return h;
}
