import { redirect } from "react-router";
import type { Route } from "./+types/logout";
import { audit } from "../../server/audit.ts";
import { clearSessionCookie, endSession } from "../../server/auth/sessions.ts";

export async function action({ context }: Route.ActionArgs) {
  if (context.sessionToken) {
    await endSession(context.app, context.sessionToken);
    if (context.user) await audit(context.app, { action: "logout", actorId: context.user.id, ip: context.ip });
  }
  throw redirect("/login", { headers: { "Set-Cookie": clearSessionCookie(context.secure) } });
}

export async function loader() {
  throw redirect("/");
}
