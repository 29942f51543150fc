// E-mail texts. {{name}} placeholders are filled by server/mail/templates.ts.
// Keep them short, plain and in Dutch; every link is personal, so say so.

export const MAIL_TEXTS = {
  "password-reset": {
    subject: "Wachtwoord herstellen voor Ketenlijn",
    text: `Beste {{name}},

Er is gevraagd om het wachtwoord van uw Ketenlijn-account te herstellen.
Kies een nieuw wachtwoord via deze link (geldig gedurende {{minutes}} minuten, één keer te gebruiken):

{{link}}

Heeft u dit niet zelf gevraagd? Dan kunt u dit bericht negeren; uw wachtwoord blijft ongewijzigd.

Ketenlijn`,
  },
  invitation: {
    subject: "Uitnodiging voor het leeronderzoek '{{title}}'",
    text: `Beste collega,

{{inviter}} nodigt u uit om als {{role}} mee te werken aan het leeronderzoek '{{title}}' in Ketenlijn{{organisation}}.

Open de uitnodiging via deze persoonlijke link (geldig tot {{expires}}, één keer te gebruiken):

{{link}}

Deze link is alleen voor u bedoeld; stuur hem niet door.

Ketenlijn`,
  },
  // Comment rounds (issue 5). {{how}} is either the personal link (no account) or the in-app link.
  "round-invitation": {
    subject: "Uitnodiging om te reageren: {{document}}",
    text: `Beste {{name}},

{{inviter}} nodigt u uit om te reageren op het volgende document: {{document}}.
Het hoort bij het leeronderzoek {{case}}.
Uw reactie gaat over {{focus}}.

U kunt reageren tot en met {{deadline}} ({{term}}).

{{how}}

Bij het versturen ondertekent u uw reactie met uw naam en uw functie of relatie tot de casus.
U hoort van ons wat er met uw reactie is gedaan.

Vragen? Neem contact op met de procesbegeleider: {{contact}}.

Ketenlijn`,
  },
  "round-reminder": {
    subject: "Herinnering: reageren kan nog tot en met {{deadline}}",
    text: `Beste {{name}},

U bent uitgenodigd om te reageren op: {{document}}, in het leeronderzoek {{case}}.
Wij hebben nog geen ondertekende reactie van u ontvangen. Reageren kan nog tot en met {{deadline}}.

{{how}}

Wilt u niet reageren? Dan hoeft u niets te doen.
Vragen? Neem contact op met de procesbegeleider: {{contact}}.

Ketenlijn`,
  },
  "round-closed": {
    subject: "De reactietermijn is verstreken: {{document}}",
    text: `Beste {{name}},

De termijn om te reageren op "{{document}}" in het leeronderzoek {{case}} is verstreken op {{deadline}}.

{{outcome}}

Vragen? Neem contact op met de procesbegeleider: {{contact}}.

Ketenlijn`,
  },
  "round-disposition": {
    subject: "Wat er met uw reactie is gedaan: {{document}}",
    text: `Beste {{name}},

U heeft op {{submitted}} gereageerd op "{{document}}" ({{pointer}}) in het leeronderzoek {{case}}.

Uw reactie is: {{disposition}}.
{{noteLabel}}: {{note}}

Uw reactie:
{{excerpt}}

Heeft u hierover vragen? Neem dan contact op met de procesbegeleider van het onderzoek: {{contact}}.

Ketenlijn`,
  },
  // The one-time code a personal-link reactant enters before signing (issue 15, ADR 0021).
  "round-sign-code": {
    subject: "Uw code om uw reactie te ondertekenen: {{code}}",
    text: `Beste {{name}},

Uw code om uw reactie in het leeronderzoek {{case}} te ondertekenen is:

{{code}}

Vul de code in op de pagina waar u reageert. De code is {{minutes}} minuten geldig (tot {{until}} uur) en werkt één keer.

Heeft u geen code gevraagd? Dan kunt u dit bericht negeren; zonder de code kan niemand namens u ondertekenen.
Vragen? Neem contact op met de procesbegeleider: {{contact}}.

Ketenlijn`,
  },
  // The final report to the reactants who reacted (seed 002 stap 6, issue 15).
  "report-final-to-reactants": {
    subject: "Het definitieve rapport: {{title}}",
    text: `Beste {{name}},

U heeft gereageerd in het leeronderzoek {{case}}. Het rapport is nu definitief ingediend bij de toezichthouder.
Dank voor uw reactie. U vindt het definitieve rapport (de versie voor de ketenpartners) via deze link:

{{link}}

{{access}}

Vragen? Neem contact op met de procesbegeleider: {{contact}}.

Ketenlijn`,
  },
  // The zelfonderzoek report (issue 6): a version submitted to the toezichthouder, and a
  // toezichthouder's request for additions to the procesbegeleider.
  "report-submitted": {
    subject: "Rapport ingediend: {{title}}, versie {{number}} ({{status}})",
    text: `Beste {{name}},

{{submitter}} heeft versie {{number}} van het zelfonderzoek '{{title}}' bij u ingediend ({{status}}).
{{note}}
U kunt de versie downloaden en uw beoordeling vastleggen na inloggen:

{{link}}

Controlegetal (SHA-256) van het bestand: {{hash}}

Ketenlijn`,
  },
  "report-request": {
    subject: "Verzoek om aanvulling: {{title}}",
    text: `Beste {{name}},

{{requester}} (toezichthouder) vraagt om een aanvulling op het zelfonderzoek '{{title}}'{{version}}:

{{request}}

Bekijk het verzoek en meld wanneer het is afgehandeld:

{{link}}

Ketenlijn`,
  },
} as const;

export type MailTemplate = keyof typeof MAIL_TEXTS;
