import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { waitFor } from "./collab-client.ts";

/**
 * The nginx configuration of the two-instance deployment (README "Several instances"): plain round
 * robin, no sticky sessions, websockets passed through. `upstreams` are "127.0.0.1:<port>".
 */
export function nginxConfig(opts: { listen: number; upstreams: string[]; dir: string }): string {
  return `worker_processes 1;
daemon off;
pid ${opts.dir}/nginx.pid;
error_log ${opts.dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${opts.dir}/body;
  proxy_temp_path ${opts.dir}/proxy;
  fastcgi_temp_path ${opts.dir}/fastcgi;
  uwsgi_temp_path ${opts.dir}/uwsgi;
  scgi_temp_path ${opts.dir}/scgi;
  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
  upstream ketenlijn {
${opts.upstreams.map((u) => `    server ${u} max_fails=1 fail_timeout=10s;`).join("\n")}
  }
  server {
    listen 127.0.0.1:${opts.listen};
    location / {
      proxy_pass http://ketenlijn;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_read_timeout 1h;
      proxy_next_upstream error timeout;
    }
  }
}
`;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningNginx {
  port: number;
  stop(): Promise<void>;
}

/** Debian's nginx in the foreground, in a folder of its own (apt-get install nginx: .ci/run). */
export async function startNginx(upstreams: string[]): Promise<RunningNginx> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "ketenlijn-nginx-"));
  chmodSync(dir, 0o777); // its workers run as nobody when started by root
  const port = await freePort();
  writeFileSync(path.join(dir, "nginx.conf"), nginxConfig({ listen: port, upstreams, dir }));
  const bin = existsSync("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";
  const child: ChildProcess = spawn(bin, ["-p", dir, "-c", path.join(dir, "nginx.conf"), "-e", path.join(dir, "error.log")], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let err = "";
  child.stderr!.on("data", (d) => (err += d));
  await waitFor(
    () =>
      child.exitCode !== null
        ? Promise.reject(new Error(`nginx stopped: ${err}`))
        : new Promise<boolean>((resolve) => {
            const s = net.connect(port, "127.0.0.1", () => {
              s.destroy();
              resolve(true);
            });
            s.on("error", () => resolve(false));
          }),
    "nginx listening",
    10_000,
  );
  return {
    port,
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await waitFor(() => child.exitCode !== null || child.signalCode !== null, "nginx stopped", 5000).catch(() => child.kill("SIGKILL"));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
