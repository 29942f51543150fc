/** A tiny browser stand-in for HTTP-level tests: keeps the session cookie, sends same-site Origin. */
export class HttpClient {
  cookie: string | null = null;
  constructor(readonly base: string) {}

  async get(path: string, headers: Record<string, string> = {}) {
    return this.request("GET", path, undefined, headers);
  }

  async post(path: string, form: Record<string, string>, headers: Record<string, string> = {}) {
    return this.request("POST", path, new URLSearchParams(form), { origin: this.base, ...headers });
  }

  async request(method: string, path: string, body?: URLSearchParams, headers: Record<string, string> = {}) {
    const res = await fetch(this.base + path, {
      method,
      body,
      redirect: "manual",
      headers: { ...(this.cookie ? { cookie: this.cookie } : {}), ...headers },
    });
    const set = res.headers.get("set-cookie");
    if (set) {
      const [pair] = set.split(";");
      this.cookie = pair.endsWith("=") ? null : pair;
    }
    return res;
  }

  async login(email: string, password = "ketenlijn-demo") {
    const res = await this.post("/login", { email, password });
    if (res.status !== 302) throw new Error(`login ${email} failed: ${res.status}`);
    return res;
  }
}
