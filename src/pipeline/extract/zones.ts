// Which zone a printed wall time is in when the text does not say. See corpus/README.md "Dates": a zone
// named elsewhere on the page, else the zone of the source URL's country, else the zone of the capture's
// language when that language is spoken in essentially one zone; otherwise the zone is unknown and only
// the day is kept. Offsets come from the IANA database Node ships (Intl), so summer time is right.

const BY_COUNTRY: Record<string, string> = {
  de: "Europe/Berlin",
  at: "Europe/Vienna",
  ch: "Europe/Zurich",
  fr: "Europe/Paris",
  be: "Europe/Brussels",
  lu: "Europe/Luxembourg",
  nl: "Europe/Amsterdam",
  es: "Europe/Madrid",
  it: "Europe/Rome",
  pt: "Europe/Lisbon",
  uk: "Europe/London",
  ie: "Europe/Dublin",
  pl: "Europe/Warsaw",
  cz: "Europe/Prague",
  se: "Europe/Stockholm",
  no: "Europe/Oslo",
  dk: "Europe/Copenhagen",
  fi: "Europe/Helsinki",
  gr: "Europe/Athens",
  jp: "Asia/Tokyo",
  kr: "Asia/Seoul",
  in: "Asia/Kolkata",
  sg: "Asia/Singapore",
  hk: "Asia/Hong_Kong",
  tw: "Asia/Taipei",
  il: "Asia/Jerusalem",
  za: "Africa/Johannesburg",
  nz: "Pacific/Auckland",
  // Most of the country's press is in the capital's zone.
  br: "America/Sao_Paulo",
  mx: "America/Mexico_City",
  ru: "Europe/Moscow",
  ar: "America/Argentina/Buenos_Aires",
  cl: "America/Santiago",
  co: "America/Bogota",
  pe: "America/Lima",
};

// Only languages spoken (by most of their press) in one zone: not English, Spanish, Portuguese.
const BY_LANGUAGE: Record<string, string> = {
  de: "Europe/Berlin",
  fr: "Europe/Paris",
  it: "Europe/Rome",
  nl: "Europe/Amsterdam",
  ja: "Asia/Tokyo",
  ko: "Asia/Seoul",
  pl: "Europe/Warsaw",
  cs: "Europe/Prague",
  sv: "Europe/Stockholm",
  da: "Europe/Copenhagen",
  fi: "Europe/Helsinki",
  el: "Europe/Athens",
};

/** English is read day first in these countries (03/04/2026 = 3 April). */
const DAY_FIRST_ENGLISH = new Set(["uk", "ie", "au", "nz", "in", "za", "sg", "hk"]);

export interface ZoneHint {
  zone: string;
  from: "url" | "language" | "imprint";
}

// City -> IANA zone, from the zone database itself ("Europe/London" -> London), so no list is typed here.
let cities: Map<string, string> | null = null;
function cityZones(): Map<string, string> {
  if (cities) return cities;
  cities = new Map();
  for (const z of Intl.supportedValuesOf("timeZone")) {
    const city = z.split("/").at(-1)?.replace(/_/gu, " ") ?? "";
    if (z.includes("/") && city.length >= 4 && !z.startsWith("Etc/")) cities.set(city.toLowerCase(), z);
  }
  return cities;
}

// A company's legal form or a copyright sign: the line is the publisher's imprint, not the story's text.
const IMPRINT =
  /(?:^|\s)(?:ltd\.?|limited|inc\.?|llc|plc|gmbh|ag|s\.a\.|s\.l\.|sas|sarl|b\.v\.|n\.v\.|pty|srl|s\.p\.a\.|©)(?=\s|$|[,·|])/iu;

/**
 * "Parcelbright Ltd · London · We're hiring": a short imprint line whose segment is a city of the zone
 * database gives the publisher's zone, for times printed without one.
 */
export function imprintZone(lines: readonly string[]): ZoneHint | null {
  for (const raw of lines) {
    const t = raw.replace(/\s+/gu, " ").trim();
    if (t.length > 160 || !IMPRINT.test(t)) continue;
    for (const seg of t.split(/\s*[·|•,–—]\s*/u)) {
      const zone = cityZones().get(seg.trim().toLowerCase());
      if (zone) return { zone, from: "imprint" };
    }
  }
  return null;
}

function country(url: string | undefined): string | null {
  if (!url) return null;
  const m = /^https?:\/\/([^/:?#]+)/iu.exec(url);
  const tld = m?.[1]?.toLowerCase().split(".").at(-1) ?? "";
  return /^[a-z]{2}$/u.test(tld) ? tld : null;
}

export function zoneHint(url: string | undefined, language: string): ZoneHint | null {
  const c = country(url);
  const byUrl = c === null ? undefined : BY_COUNTRY[c];
  if (byUrl) return { zone: byUrl, from: "url" };
  const byLang = BY_LANGUAGE[language];
  return byLang ? { zone: byLang, from: "language" } : null;
}

export function dayFirstFor(url: string | undefined, language: string): boolean {
  if (language !== "en") return true;
  const c = country(url);
  return c !== null && DAY_FIRST_ENGLISH.has(c);
}

const formats = new Map<string, Intl.DateTimeFormat>();

function offsetAtInstant(zone: string, ms: number): number {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formats.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  const local = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  return Math.round((local - ms) / 60_000);
}

/** Minutes east of UTC that the zone observes at this wall-clock time (summer time included). */
export function offsetAt(zone: string, y: number, mo: number, d: number, h: number, mi: number): number {
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const first = offsetAtInstant(zone, wall);
  return offsetAtInstant(zone, wall - first * 60_000);
}
