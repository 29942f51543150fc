// Roles and vocabularies shared by server and browser (domain.md §2, §3, §8).

export const ROLES = ["procesbegeleider", "onderzoeker", "ketenpartner", "toezichthouder"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  procesbegeleider: "Procesbegeleider",
  onderzoeker: "Onderzoeker / commissielid",
  ketenpartner: "Ketenpartner",
  toezichthouder: "Toezichthouder",
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  procesbegeleider: "Leidt het onderzoek: deelnemers, methode, rondes, export en indienen.",
  onderzoeker: "Lid van de onderzoekscommissie: bewerkt tijdlijn, analyse en rapporttekst.",
  ketenpartner: "Eén persoon namens één organisatie: voegt feiten toe, geeft commentaar, reageert in rondes.",
  toezichthouder: "Leest ingediende rapportversies en legt een beoordeling vast; schrijft nooit in de werkruimte.",
};
