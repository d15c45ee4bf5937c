// Segments a header meta line may carry besides bylines and dates: engagement counts ("3 comments",
// "7 reacties", "💬 128"), issue and release numbers ("Issue #212", "Pressemitteilung Nr. 014"), bylines
// written the East Asian way ("김지훈 기자", "文：山田太郎") and forum posters' handles ("Thread starter
// kestrel_ops", "214 points by quarkfold 2 days ago"). Per-language words are data, the shapes are shared.

const COUNT_WORDS = [
  // en
  "comments?",
  "replies",
  "reply",
  "responses?",
  "reactions?",
  "likes?",
  "views?",
  "shares?",
  "claps?",
  // fr, de, es, it, pt, nl
  "commentaires?",
  "réactions?",
  "vues",
  "kommentare?",
  "reaktionen",
  "aufrufe",
  "comentarios?",
  "respuestas",
  "commenti",
  "commento",
  "comentários?",
  "reacties",
  "reactie",
  // ru, ko, ja
  "комментари(?:ев|я|й)",
  "댓글",
  "좋아요",
  "コメント",
].join("|");

const COUNT = new RegExp(
  `^(?:💬\\s*)?\\d[\\d.,]*\\s*(?:${COUNT_WORDS})$|^(?:${COUNT_WORDS})\\s*[(:]?\\s*\\d[\\d.,]*\\)?$|^💬\\s*\\d[\\d.,]*$`,
  "iu",
);

/** "3 comments", "Comentarios (45)", "💬 128", "댓글 0": a counter, not part of a byline. */
export const isCountSegment = (seg: string): boolean => COUNT.test(seg.trim());

// "Issue #212", "No. 48", "Pressemitteilung Nr. 014", "n° 1182", "Episode 87", "Ausgabe 7/2026".
const SERIAL =
  /^(?:[\p{L}-]+\s+){0,2}(?:#\s?\d{1,6}|(?:no|nr|n°|nº|núm|num|vol|issue|edition|episode|ausgabe|numéro|número|numero|édition)\.?\s*#?\s?\d{1,6}(?:\/\d{2,4})?)$/iu;

/** An issue or release number: where a newsletter or a press office prints its date, not a name. */
export const isSerialSegment = (seg: string): boolean => SERIAL.test(seg.trim());

const HANGUL_NAME = "\\p{Script=Hangul}{2,4}";
const HAN_NAME = "[\\p{Script=Han}\\p{Script=Katakana}\\p{Script=Hiragana}ー・]{2,10}";
const EMAIL = "(?:\\s+[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+)?";
const CJK_BYLINE: RegExp[] = [
  // "기자명 김지훈 기자", "김지훈 기자 jhkim@...", "김지훈 특파원"
  new RegExp(
    `^(?:기자명\\s*|글\\s*[:：]?\\s*)?(${HANGUL_NAME})\\s*(?:기자|특파원|선임기자|객원기자|논설위원|편집위원)${EMAIL}$`,
    "u",
  ),
  new RegExp(`^(?:기자명|글)\\s*[:：]?\\s*(${HANGUL_NAME})${EMAIL}$`, "u"),
  // "山田太郎記者", "文：山田太郎", "記者 張三", "作者：李四"
  new RegExp(`^(${HAN_NAME}?)\\s*(?:記者|特派員|編集委員|记者)${EMAIL}$`, "u"),
  new RegExp(`^(?:文|筆者|著者|取材・文|记者|作者|撰文)\\s*[:：/／]\\s*(${HAN_NAME})${EMAIL}$`, "u"),
];

/** A byline in Korean, Japanese or Chinese, where a suffix or label says "reporter": the name, or null. */
export function cjkByline(seg: string): string | null {
  const s = seg.trim();
  for (const re of CJK_BYLINE) {
    const name = re.exec(s)?.[1];
    if (name) return name;
  }
  return null;
}

// Forum and link-aggregator handles are lowercase, with digits and underscores: a name only after a label
// that says "this person posted it".
const HANDLE = "@?[\\p{L}\\p{N}][\\p{L}\\p{N}_.-]{1,30}";
const AGO = "\\d{1,3}\\s+\\p{L}+\\s+ago";
const POSTER = new RegExp(
  `(?:^|\\s)(?:thread\\s+starter|started\\s+by|original\\s+poster|asked\\s+by|\\d[\\d,]*\\s+(?:points?|votes?)\\s+by)\\s+(?:u\\/)?(${HANDLE})(?:\\s+(${AGO}))?(?=\\s|$)`,
  "iu",
);
// "submitted 4 hours ago by u/grey_heron": the age before the handle.
const SUBMITTED = new RegExp(
  `(?:^|\\s)submitted(?:\\s+(${AGO}))?\\s+by\\s+(?:u\\/)?(${HANDLE})(?=\\s|$)`,
  "iu",
);

/** "Thread starter kestrel_ops", "214 points by quarkfold 2 days ago": the poster, and the age printed with it. */
export function forumPoster(line: string): { name: string; ago: string | null } | null {
  const m = POSTER.exec(line);
  if (m?.[1]) return { name: m[1].replace(/^@/u, ""), ago: m[2] ?? null };
  const s = SUBMITTED.exec(line);
  return s?.[2] ? { name: s[2].replace(/^@/u, ""), ago: s[1] ?? null } : null;
}
