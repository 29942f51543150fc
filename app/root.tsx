import { useEffect } from "react";
import { isRouteErrorResponse, Link, Links, Meta, Outlet, Scripts, ScrollRestoration, useRevalidator, useRouteError, useRouteLoaderData } from "react-router";
import type { Route } from "./+types/root";
import { isOfflineError, syncOfflineCopy } from "./lib/offline.ts";
import { useNonce } from "./lib/nonce.ts";
import "./lib/zod-dutch.ts"; // Dutch default messages for every zod schema
import stylesHref from "./styles.css?url";
import { canLoket } from "./domain/policy.ts";
import { loketActor } from "../server/loket/meldingen.ts";

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ context }: Route.LoaderArgs) {
  if (!context.user) return { user: null, loket: null };
  // The incidentenloket in the top bar: the register for its staff, "Meldingen" for whoever may submit one.
  const actor = await loketActor(context.app, context.user);
  const loket = canLoket(actor, "melding.list_all") ? "Incidentenloket" : canLoket(actor, "melding.submit") ? "Mijn meldingen" : null;
  return { user: { name: context.user.name, email: context.user.email }, loket };
}

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>("root");
  const signedIn = data ? Boolean(data.user) : undefined;
  useEffect(() => syncOfflineCopy(signedIn), [signedIn]);
  return (
    <html lang="nl">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#inhoud">
          Naar de inhoud
        </a>
        <header className="topbar">
          <Link to="/" className="brand">
            Ketenlijn
          </Link>
          {data?.user ? (
            <nav aria-label="Account" className="topbar__account">
              {data.loket ? <Link to="/loket/meldingen">{data.loket}</Link> : null}
              <span>{data.user.name}</span>
              <Link to="/account/beveiliging">Wachtwoord en inloggen</Link>
              <form method="post" action="/logout">
                <button type="submit" className="button button--link">
                  Uitloggen
                </button>
              </form>
            </nav>
          ) : null}
        </header>
        <main id="inhoud" tabIndex={-1}>
          {children}
        </main>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isOfflineError(error)) return <OfflineError />;
  let title = "Er ging iets mis";
  let message = "Er ging iets mis aan onze kant. Probeer het later opnieuw.";
  if (isRouteErrorResponse(error)) {
    const fromServer = typeof error.data === "object" && error.data && "message" in error.data ? String(error.data.message) : null;
    if (error.status === 404) {
      title = "Niet gevonden";
      message = fromServer ?? "Deze pagina bestaat niet, of u heeft er geen toegang toe.";
    } else if (error.status === 403) {
      title = "Geen toegang";
      message = fromServer ?? "U heeft geen toestemming voor deze pagina.";
    } else if (error.status < 500 && fromServer) {
      message = fromServer;
    }
  }
  return (
    <div className="page page--narrow">
      <title>{`${title} – Ketenlijn`}</title>
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <Link to="/">Naar het overzicht</Link>
      </p>
    </div>
  );
}

/** A page (or its data) that could not be fetched because the connection is gone: say so, retry. */
function OfflineError() {
  const revalidator = useRevalidator();
  useEffect(() => {
    const retry = () => void revalidator.revalidate();
    window.addEventListener("online", retry);
    return () => window.removeEventListener("online", retry);
  }, [revalidator]);
  return (
    <div className="page page--narrow" data-offline-error>
      <title>Geen verbinding – Ketenlijn</title>
      <h1>Geen verbinding</h1>
      <p>
        Deze pagina kon niet worden geladen omdat er geen internetverbinding is. Zodra de verbinding terug is, wordt de pagina
        opnieuw geladen. Wat u al had ingevoerd op de tijdlijn blijft op dit apparaat bewaard.
      </p>
      <p>
        <button type="button" className="button" onClick={() => void revalidator.revalidate()} disabled={revalidator.state === "loading"}>
          Opnieuw proberen
        </button>
      </p>
    </div>
  );
}
