import { desc } from "drizzle-orm";
import { useLoaderData } from "react-router";
import type { Route } from "./+types/dev-outbox";
import { notFound } from "~/lib/guards.server.ts";
import { schema } from "../../db/client.ts";

export const meta: Route.MetaFunction = () => [{ title: "Uitgaande e-mail (ontwikkeling) – Ketenlijn" }];

// Development and demo only: shows what would have been mailed. Hidden (404) unless
// KETENLIJN_DEV_OUTBOX=1 (`npm start` with the demo sets it), and even then to anyone not on
// this machine (behind a trusted proxy: by the forwarded address), because it shows everyone's
// personal links.
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

export async function loader({ context }: Route.LoaderArgs) {
  if (!context.app.config.devOutbox || !LOOPBACK.test(context.ip)) notFound();
  const rows = await context.app.db.select().from(schema.outbox).orderBy(desc(schema.outbox.id)).limit(100);
  const fmt = new Intl.DateTimeFormat("nl-NL", { dateStyle: "short", timeStyle: "medium", timeZone: "Europe/Amsterdam" });
  return { mails: rows.map((m) => ({ id: m.id, to: m.to, subject: m.subject, text: m.text, at: fmt.format(m.createdAt) })) };
}

export default function Outbox() {
  const { mails } = useLoaderData<typeof loader>();
  return (
    <div className="page outbox">
      <h1>Uitgaande e-mail</h1>
      <div className="alert alert--warn">Alleen voor ontwikkeling: er is geen SMTP-server ingesteld, dus e-mail komt hier terecht.</div>
      {mails.length === 0 ? (
        <div className="empty">Nog geen e-mail verstuurd.</div>
      ) : (
        mails.map((m) => (
          <article key={m.id} className="panel" aria-labelledby={`mail-${m.id}`}>
            <h2 id={`mail-${m.id}`}>{m.subject}</h2>
            <p className="muted">
              Aan: <span className="mail-to">{m.to}</span> · {m.at}
            </p>
            <pre>{linkify(m.text)}</pre>
          </article>
        ))
      )}
    </div>
  );
}

function linkify(text: string) {
  return text.split(/(https?:\/\/\S+)/g).map((part, i) => (i % 2 ? <a key={i} href={part}>{part}</a> : part));
}
