import { notFound } from "~/lib/guards.server.ts";

export async function loader() {
  notFound();
}

export default function NotFound() {
  return null;
}
