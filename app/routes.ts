import { type RouteConfig, index, route } from "@react-router/dev/routes";

export default [
  index("routes/dashboard.tsx"),
  route("login", "routes/login.tsx"),
  route("logout", "routes/logout.tsx"),
  route("wachtwoord-vergeten", "routes/forgot-password.tsx"),
  route("wachtwoord-herstellen/:token", "routes/reset-password.tsx"),
  route("uitnodiging/:token", "routes/invitation.tsx"),
  route("onderzoeken/nieuw", "routes/investigation-new.tsx"),
  route("onderzoeken/:id", "routes/investigation.tsx", [
    index("routes/investigation-overview.tsx"),
    route("gegevens", "routes/investigation-edit.tsx"),
    route("client", "routes/investigation-client.tsx"),
    route("deelnemers", "routes/investigation-members.tsx"),
    route("termijnen", "routes/investigation-deadlines.tsx"),
    route("logboek", "routes/investigation-audit.tsx"),
  ]),
  route("dev/outbox", "routes/dev-outbox.tsx"),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
