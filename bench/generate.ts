// Deterministic synthetic corpus: captures shaped like the seed pastes (mastheads, breadcrumbs, "Related
// Reading", FAQ/SEO blocks, promo footers) around generated prose, with ~30% of articles sharing a story
// with another capture (near-duplicate text from a different outlet).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { makeRng, type Rng } from "./prng";
import {
  CLAIMS,
  CONNECTORS,
  FILLER,
  FIRST_NAMES,
  LAST_NAMES,
  MONTHS,
  OTHERS,
  PROMOS,
  PUBLISHERS,
  SECTIONS,
  TITLE_PATTERNS,
  TITLE_TAILS,
  TITLE_VERBS,
  TITLE_VERBS2,
  TOPICS,
  VERBS,
} from "./words";

export interface GeneratedFile {
  /** File name inside the corpus directory. */
  name: string;
  content: string;
}

export interface CorpusStats {
  articles: number;
  /** Articles whose story has at least one other capture. */
  inSharedStory: number;
  bytes: number;
  /** Tag slug -> number of articles whose body is about it (chrome may mention more). */
  topicCounts: Record<string, number>;
}

/**
 * What makes one story's wording its own: invented people, organisations, places and jargon. Without
 * them every synthetic article would share one small vocabulary, and a TF-IDF story detector would
 * (rightly) lump the whole corpus into a single story.
 */
interface Cast {
  people: string[];
  org: string;
  place: string;
  product: string;
  terms: string[];
}

interface Story {
  title: string;
  topics: string[];
  cast: Cast;
  /** Paragraphs as sentence lists, so copies can swap single sentences. */
  paragraphs: string[][];
  day: number;
}

type Publisher = (typeof PUBLISHERS)[number];

const EPOCH = Date.UTC(2024, 0, 1);
const DAY = 86_400_000;

function isoDay(day: number): string {
  return new Date(EPOCH + day * DAY).toISOString().slice(0, 10);
}

function humanDay(day: number): string {
  const d = new Date(EPOCH + day * DAY);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
}

function mention(rng: Rng, slug: string): string {
  const t = TOPICS.find((x) => x.slug === slug);
  return t ? rng.pick(t.mentions) : rng.pick(OTHERS);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const SYLLABLES =
  "ka ve lo ri ta mon del sar qui no bel tor an es ul vin dra pe cor li ma zen ost ber gal fi ru so ne dai hex pra tul wen gor mi".split(
    " ",
  );
const ROLES = [
  "chief scientist",
  "a senior researcher",
  "the chief executive",
  "an analyst",
  "a spokesperson",
  "a former engineer",
];
const NOUNS = [
  "model",
  "benchmark",
  "dataset",
  "cluster",
  "chip",
  "robot",
  "agent",
  "platform",
  "lab",
  "fund",
  "simulator",
];
const ACTIONS = [
  "expand",
  "open-source",
  "pause",
  "license",
  "retrain",
  "audit",
  "ship",
  "rebuild",
  "spin off",
];
const UNITS = ["GPUs", "researchers", "million dollars", "billion parameters", "data centres", "partners"];
const ORG_KINDS = ["Robotics", "Capital", "Systems", "Labs", "Institute", "Dynamics", "Analytics"];

function pseudoWord(rng: Rng, syllables: number): string {
  let w = "";
  for (let i = 0; i < syllables; i++) w += rng.pick(SYLLABLES);
  return w;
}

/**
 * A Zipf-distributed vocabulary of invented words. Real prose draws on tens of thousands of words with a
 * long tail, so two unrelated articles share mostly frequent (low-IDF) words; a small fixed word list
 * would make every article look alike to a TF-IDF story detector.
 */
const LEXICON_SIZE = 20000;
const lexicon = (() => {
  const rng = makeRng(7);
  const words: string[] = [];
  const seen = new Set<string>();
  while (words.length < LEXICON_SIZE) {
    const w = pseudoWord(rng, rng.int(2, 4));
    if (!seen.has(w)) {
      seen.add(w);
      words.push(w);
    }
  }
  const cumulative: number[] = [];
  let total = 0;
  for (let k = 1; k <= LEXICON_SIZE; k++) {
    total += 1 / k;
    cumulative.push(total);
  }
  return { words, cumulative, total };
})();

function zipfWord(rng: Rng): string {
  const target = rng.next() * lexicon.total;
  let lo = 0;
  let hi = LEXICON_SIZE - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((lexicon.cumulative[mid] ?? 0) < target) lo = mid + 1;
    else hi = mid;
  }
  return lexicon.words[lo] ?? "";
}

/** A clause of long-tail vocabulary appended to most sentences. */
function tailClause(rng: Rng): string {
  const w = (): string => zipfWord(rng);
  switch (rng.int(0, 4)) {
    case 0:
      return `, citing ${w()} and ${w()} ${w()}`;
    case 1:
      return ` amid ${w()} ${w()} ${w()}`;
    case 2:
      return ` after the ${w()} ${w()} review`;
    case 3:
      return `, a ${w()} ${w()} shift`;
    default:
      return "";
  }
}

function withTail(rng: Rng, sentenceText: string): string {
  const end = sentenceText.at(-1);
  if (end !== "." || !rng.chance(0.8)) return sentenceText;
  return `${sentenceText.slice(0, -1)}${tailClause(rng)}.`;
}

function cast(rng: Rng): Cast {
  const proper = (n: number): string => capitalise(pseudoWord(rng, n));
  return {
    people: Array.from({ length: 3 }, () => `${rng.pick(FIRST_NAMES)} ${proper(3)}`),
    org: `${proper(2)} ${rng.pick(ORG_KINDS)}`,
    place: proper(3),
    product: `${proper(2)}-${rng.int(2, 9)}`,
    terms: Array.from({ length: 10 }, () => pseudoWord(rng, 3)),
  };
}

/** A sentence only this story would contain (its people, organisation, place and jargon). */
function castSentence(rng: Rng, c: Cast): string {
  const person = rng.pick(c.people);
  switch (rng.int(0, 4)) {
    case 0:
      return `${person}, ${rng.pick(ROLES)} at ${c.org}, ${rng.pick(VERBS)} the ${rng.pick(c.terms)} ${rng.pick(NOUNS)} changes the picture.`;
    case 1:
      return `The ${c.product} ${rng.pick(NOUNS)}, unveiled in ${c.place}, relies on ${rng.int(2, 900)} ${rng.pick(UNITS)} and a ${rng.pick(c.terms)} approach.`;
    case 2:
      return `${c.org} plans to ${rng.pick(ACTIONS)} its ${rng.pick(c.terms)} ${rng.pick(NOUNS)} before ${rng.pick(MONTHS)}, according to ${person}.`;
    case 3:
      return `In ${c.place}, ${person} described ${c.product} as "a ${rng.pick(c.terms)} for the ${rng.pick(c.terms)} era".`;
    default:
      return `Documents seen by reporters put the ${rng.pick(c.terms)} budget of ${c.org} at ${rng.int(2, 90)} ${rng.pick(UNITS)}.`;
  }
}

function sentence(rng: Rng, topics: string[], c?: Cast): string {
  return withTail(rng, plainSentence(rng, topics, c));
}

function plainSentence(rng: Rng, topics: string[], c?: Cast): string {
  if (c && rng.chance(0.6)) return castSentence(rng, c);
  const r = rng.next();
  if (r < 0.15) return rng.pick(FILLER);
  const subject = rng.chance(0.8) && topics.length > 0 ? mention(rng, rng.pick(topics)) : rng.pick(OTHERS);
  const core = `${subject} ${rng.pick(VERBS)} ${rng.pick(CLAIMS)}`;
  if (r < 0.45) return `${capitalise(core)}.`;
  if (r < 0.75) return `${rng.pick(CONNECTORS)} ${core}.`;
  const other = rng.chance(0.6) && topics.length > 0 ? mention(rng, rng.pick(topics)) : rng.pick(OTHERS);
  return `${capitalise(core)}, while ${other} ${rng.pick(VERBS)} ${rng.pick(CLAIMS)}.`;
}

function paragraph(rng: Rng, topics: string[], c?: Cast): string[] {
  return Array.from({ length: rng.int(3, 7) }, () => sentence(rng, topics, c));
}

function title(rng: Rng, topics: string[]): string {
  const name = (slug: string | undefined): string => {
    const t = TOPICS.find((x) => x.slug === slug);
    // Headlines are in title case: the build looks for a capitalised headline line.
    const raw = t ? (t.mentions[0] ?? slug ?? "") : rng.pick(OTHERS);
    return raw.replace(/(^|[\s-])(\p{Ll})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase());
  };
  const head = rng
    .pick(TITLE_PATTERNS)
    .replace("{A}", name(topics[0]))
    .replace("{B}", name(topics[1] ?? "llms"))
    .replace("{C}", name(topics[2] ?? "meta"))
    .replace("{tverb}", rng.pick(TITLE_VERBS))
    .replace("{tverb2}", rng.pick(TITLE_VERBS2));
  const tail = rng.chance(0.85) ? ` ${rng.pick(TITLE_TAILS).replace("{N}", String(rng.int(2, 99)))}` : "";
  // Real headlines stay under ~100 characters.
  return head.length + tail.length <= 95 ? head + tail : head;
}

function newStory(rng: Rng, maxDay: number): Story {
  const count = rng.int(2, 5);
  const topics: string[] = [];
  while (topics.length < count) {
    const slug = rng.weighted(TOPICS.map((t) => [t.slug, t.weight] as const));
    if (!topics.includes(slug)) topics.push(slug);
  }
  const c = cast(rng);
  return {
    title: title(rng, topics),
    topics,
    cast: c,
    paragraphs: Array.from({ length: rng.int(3, 11) }, () => paragraph(rng, topics, c)),
    day: rng.int(0, maxDay),
  };
}

/** Another outlet's take on the same story: most sentences kept, some rewritten, order nudged. */
function retell(rng: Rng, story: Story): Story {
  const paragraphs = story.paragraphs.map((p) =>
    p.map((s) => (rng.chance(0.35) ? sentence(rng, story.topics, story.cast) : s)),
  );
  if (paragraphs.length > 3 && rng.chance(0.5)) paragraphs.splice(rng.int(1, paragraphs.length - 1), 1);
  if (rng.chance(0.5)) paragraphs.push(paragraph(rng, story.topics, story.cast));
  const prefix = rng.pick(["", "", "Report: ", "Analysis: ", "Update: "]);
  return { ...story, title: `${prefix}${story.title}`, paragraphs, day: story.day + rng.int(0, 3) };
}

function relatedTitles(rng: Rng, n: number): string[] {
  return Array.from({ length: n }, () => {
    const topics = rng.sample(
      TOPICS.map((t) => t.slug),
      3,
    );
    return title(rng, topics);
  });
}

function questions(rng: Rng, story: Story, n: number): string[] {
  const who = mention(rng, story.topics[0] ?? "meta");
  const pool = [
    `What does this mean for ${who}?`,
    `Why does ${who} matter here?`,
    "How do world models differ from chatbots?",
    "What happens next for the research team?",
    "Is scaling really hitting a wall?",
    "Who benefits from open-weight models?",
    "What are the risks for investors?",
    "How will regulators respond?",
  ];
  return rng.sample(pool, n);
}

function byline(rng: Rng, day: number): string {
  const author = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
  return rng.chance(0.5) ? `By ${author} | ${humanDay(day)}` : `By ${author}`;
}

/** The five chrome shapes found in the seeds, with their quirks (repeated titles, glued table cells). */
function render(rng: Rng, story: Story, pub: Publisher): string {
  const paras = story.paragraphs.map((p) => p.join(" "));
  const promo = (): string => rng.pick(PROMOS);
  const shape = rng.int(0, 4);
  const out: string[] = [];
  switch (shape) {
    case 0: {
      out.push(pub.name.charAt(0), pub.name, "", story.title, "", story.title, "");
      if (rng.chance(0.5)) out.push(byline(rng, story.day), "");
      paras.forEach((p, i) => {
        out.push(p, "");
        if (i === 1) {
          out.push("Key points", "", ...(story.paragraphs[0]?.slice(0, 3).map((s) => `  • ${s}`) ?? []), "");
        }
        if (i === 2 && rng.chance(0.5)) {
          out.push("EventTime", `${mention(rng, "llama")} released${humanDay(story.day - 30)}`, "");
        }
      });
      break;
    }
    case 1: {
      out.push(
        "Image Not FoundImage Not Found",
        "",
        "  • Home",
        `  • ${rng.pick(SECTIONS)}`,
        `  • ${story.title}`,
      );
      out.push("A person speaking on a stage in front of a dark background, photographed from the side.", "");
      out.push(story.title, "");
      paras.forEach((p, i) => {
        if (i > 0 && i % 3 === 0) out.push(`${capitalise(rng.pick(CLAIMS))}`, "");
        out.push(p, "");
      });
      break;
    }
    case 2: {
      out.push(
        story.title,
        "",
        paras[0]?.split(". ")[0] ?? "",
        "",
        story.title,
        "",
        "---",
        "",
        "Related Reading",
        "",
      );
      out.push(
        relatedTitles(rng, rng.int(3, 5))
          .map((t) => `- ${t}`)
          .join(" "),
        "",
      );
      for (const p of paras) out.push(p, "");
      out.push("---", "", "Frequently Asked Questions", "");
      for (const q of questions(rng, story, rng.int(2, 4))) {
        out.push(`Q: ${q}`, "", paragraph(rng, story.topics).join(" "), "");
      }
      break;
    }
    case 3: {
      // The seed shape: illustration caption, headline, then a second sentence-case headline.
      const alt = title(rng, story.topics);
      out.push(
        `Editorial illustration for ${story.title}`,
        story.title,
        alt.charAt(0) + alt.slice(1).toLowerCase(),
      );
      for (const p of paras) out.push(p);
      out.push("Further Reading");
      for (const t of relatedTitles(rng, rng.int(3, 5))) out.push(`- ${t} - ${rng.pick(PUBLISHERS).name}`);
      out.push("Common Questions Answered");
      for (const q of questions(rng, story, rng.int(2, 3)))
        out.push(q, paragraph(rng, story.topics).join(" "));
      break;
    }
    default: {
      out.push(pub.name, "", story.title, "", `Summarized by ${pub.name} AI`);
      for (const p of story.paragraphs.slice(0, 4)) out.push(`  • ${p[0] ?? ""}`);
      out.push("", `${pub.name} News - ${paras[0] ?? ""}`, "");
      for (const p of paras.slice(1)) out.push(p, "");
      out.push(`Explore more exclusive insights at ${pub.domain}.`, "", "Insights", "");
      for (const q of questions(rng, story, rng.int(4, 8))) out.push(q, "");
      out.push("Search", `${pub.name}${pub.name}`, pub.name, "No Noise, only Signal.", "Open App");
      break;
    }
  }
  if (rng.chance(0.4)) out.push("", promo());
  return out.join("\n");
}

/**
 * The whole corpus for `count` articles as files (captures + sidecars + taxonomy). Pure: same count and
 * seed, same bytes.
 */
export function generateCorpus(
  count: number,
  taxonomyYaml: string,
  seed = 20260426,
): { files: GeneratedFile[]; stats: CorpusStats } {
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`article count must be a positive integer, got ${count}`);
  const rng = makeRng(seed ^ count);
  const files: GeneratedFile[] = [{ name: "taxonomy.yaml", content: taxonomyYaml }];
  const maxDay = 1000;
  const stats: CorpusStats = { articles: count, inSharedStory: 0, bytes: 0, topicCounts: {} };
  let index = 0;
  while (index < count) {
    // 85% single capture, 10% two, 5% three: about 30% of articles share their story.
    const r = rng.next();
    const copies = Math.min(count - index, r < 0.85 ? 1 : r < 0.95 ? 2 : 3);
    const base = newStory(rng, maxDay);
    const pubs = rng.sample(PUBLISHERS, copies);
    if (copies > 1) stats.inSharedStory += copies;
    for (const t of base.topics) stats.topicCounts[t] = (stats.topicCounts[t] ?? 0) + copies;
    for (let c = 0; c < copies; c++) {
      const story = c === 0 ? base : retell(rng, base);
      const pub = pubs[c] ?? PUBLISHERS[0];
      const stem = `${String(index).padStart(6, "0")}_${rng.hex(16)}`;
      const slugPath = story.title
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, "");
      const capture = render(rng, story, pub);
      stats.bytes += Buffer.byteLength(capture);
      files.push({ name: `${stem}.txt`, content: capture });
      files.push({
        name: `${stem}.meta.yaml`,
        content: [
          "# Synthetic benchmark capture (bench/generate.ts).",
          `url: "https://${pub.domain}/${isoDay(story.day).slice(0, 7)}/${slugPath}"`,
          `captured: ${isoDay(story.day + rng.int(0, 6))}`,
          "",
        ].join("\n"),
      });
      index++;
    }
  }
  return { files, stats };
}

export function writeCorpus(dir: string, files: GeneratedFile[]): void {
  mkdirSync(dir, { recursive: true });
  for (const f of files) writeFileSync(join(dir, f.name), f.content);
}

// CLI: tsx bench/generate.ts COUNT OUTDIR  (handy for feeding a corpus to the build by hand).
if (process.argv[1]?.endsWith("generate.ts")) {
  const [countArg, outDir] = process.argv.slice(2);
  const count = Number(countArg);
  if (!outDir || !Number.isInteger(count) || count < 1) {
    console.error("usage: tsx bench/generate.ts COUNT OUTDIR");
    process.exit(2);
  }
  const { files, stats } = generateCorpus(
    count,
    readFileSync(new URL("../corpus/taxonomy.yaml", import.meta.url), "utf8"),
  );
  writeCorpus(outDir, files);
  console.log(JSON.stringify(stats));
}
