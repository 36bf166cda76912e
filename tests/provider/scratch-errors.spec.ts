import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { defangSdk, engineStack, requireEngine } from "./engine-harness";

const BAD = `
services:
  web:
    image: nginx:1.27
    ports:
      - target: 80
        mode: ingress
    deploy:
      resources:
        reservations:
          memory: 512000G
`;
describe("scratch errors", function () {
    this.timeout(600_000);
    it("prints", async () => {
        requireEngine();
        const home = fs.mkdtempSync(path.join(os.tmpdir(), "defang-scratch-"));
        const defang = defangSdk();
        const program = async () => {
            const app = new defang.Project("shop", { composeYaml: process.env.SCRATCH_YAML ?? BAD, projectName: "shop" });
            return { endpoints: app.endpoints };
        };
        const { stack } = await engineStack(home, "scratch", program);
        for (const op of ["preview", "up"]) {
            let out = "";
            try {
                await (stack as any)[op]({ onOutput: (s: string) => (out += s) });
            } catch (e: any) {
                out += "\n--- thrown: " + String(e.message).slice(0, 3000);
            }
            console.log(`===== ${op}\n${out}`);
        }
    });
});
