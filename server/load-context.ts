import type { AppContext } from "./context.ts";
import type { SessionUser } from "./auth/sessions.ts";

/** What every loader and action receives as `context`. */
export interface RequestContext {
  app: AppContext;
  user: SessionUser | null;
  sessionToken: string | null;
  nonce: string;
  ip: string;
  /** Origin used in links sent by e-mail. */
  baseUrl: string;
  /** Whether cookies need the Secure flag. */
  secure: boolean;
}

declare module "react-router" {
  interface AppLoadContext extends RequestContext {}
}
