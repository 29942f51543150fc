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
} as const;

export type MailTemplate = keyof typeof MAIL_TEXTS;
