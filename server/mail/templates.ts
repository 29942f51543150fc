import { MAIL_TEXTS, type MailTemplate } from "../../templates/mail-texts.ts";

export function renderMail(template: MailTemplate, vars: Record<string, string>): { subject: string; text: string } {
  const fill = (s: string) =>
    s.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
      if (!(key in vars)) throw new Error(`Mail template ${template} misses variable ${key}`);
      return vars[key];
    });
  const t = MAIL_TEXTS[template];
  return { subject: fill(t.subject), text: fill(t.text) };
}
