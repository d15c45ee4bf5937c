// Chrome vocabularies, per language: data only. Each entry is a whole line as a reader sees it, matched
// case-insensitively once spacing and trailing punctuation are set aside; `*` stands for one to a few
// words (a site or section name, a count). The classifier takes a match as strong evidence, not proof.

export interface ChromeVocabulary {
  /** A line that is furniture wherever it stands: labels, buttons, prompts. */
  lines: readonly string[];
  /** A heading after which the page's chrome starts (link lists, comments, archives, tags). */
  sectionEnds: readonly string[];
  /** The signature a comment thread puts on each comment. */
  commentMarks: readonly string[];
}

export const CHROME: Record<string, ChromeVocabulary> = {
  en: {
    lines: [
      "advertisement",
      "continue reading the main story",
      "continue reading",
      "listen to this article",
      "listen to this story",
      "listen to article",
      "* min listen",
      "opens new tab",
      "opens in new window",
      "(opens in new window)",
      "click to share on *",
      "click to email this to a friend *",
      "click to print *",
      "credit...*",
      "credit: *",
      "credit",
      "image credit *",
      "print this article",
      "print this page",
      "share this article",
      "share this story",
      "share your thoughts with friends",
      "share it with friends",
      "share this:",
      "like this:",
      "like this article?",
      "loading...",
      "back to articles",
      "← back to articles",
      "back to top",
      "read original",
      "read original ↗",
      "also mentioned in:",
      "view comments",
      "view results",
      "take our poll",
      "sign up",
      "breaking news emails",
      "* newsletter",
      "* newsletters",
      "get breaking news alerts *",
      "sign up for *",
      "subscribe to *",
      "get the latest *",
      "follow us",
      "follow us on *",
      "* points by *",
      "rating: * votes",
      "* votes",
      "* likes",
      "* claps",
      "* comments",
      "* replies",
      "report",
      "report abuse",
      "reply",
      "like",
      "permalink",
      "this article is more than * old",
      "this article is over * old",
      "this content is archived",
      "archived content",
      "we've noticed you're using an ad blocker",
      "more info",
      "show comments",
      "load comments",
    ],
    sectionEnds: [
      "comments",
      "leave a comment",
      "leave a reply",
      "join the discussion",
      "join the conversation",
      "more great * stories",
      "more * stories",
      "more *",
      "more from *",
      "popular on *",
      "popular in *",
      "most popular",
      "most read",
      "most read in *",
      "most viewed",
      "next up in *",
      "up next",
      "you might also like",
      "you may also like",
      "recommended for you",
      "we recommend",
      "related coverage *",
      "related stories",
      "related articles",
      "related posts",
      "related",
      "about the author",
      "trending",
      "trending now",
      "latest news",
      "latest stories",
      "top stories",
      "sponsored stories",
      "around the web",
      "topics",
      "tags",
      "filed under",
      "more in *",
      "more on *",
      "what to read next",
      "read next",
      "editor's picks",
      "don't miss",
    ],
    commentMarks: ["* says:", "* said:", "* writes:", "* wrote:", "* commented:"],
  },
  fr: {
    lines: [
      "publicité",
      "partager",
      "partager l'article",
      "imprimer",
      "écouter cet article",
      "s'ouvre dans un nouvel onglet",
      "lire la suite",
      "répondre",
      "signaler",
      "* commentaires",
      "copier le lien",
      "lien copié",
    ],
    sectionEnds: [
      "commentaires",
      "laisser un commentaire",
      "à lire aussi",
      "lire aussi",
      "sur le même sujet",
      "les plus lus",
      "les plus partagés",
      "à voir aussi",
      "dans la même rubrique",
      "voir aussi",
      "mots-clés",
      "nos derniers articles",
    ],
    commentMarks: ["* dit :", "* a écrit :"],
  },
  de: {
    lines: [
      "anzeige",
      "werbung",
      "drucken",
      "teilen",
      "artikel teilen",
      "artikel anhören",
      "link kopieren",
      "link kopiert",
      "antworten",
      "melden",
      "* kommentare",
      "zur startseite",
      "mehr zum thema",
      "öffnet in neuem tab",
    ],
    sectionEnds: [
      "kommentare",
      "mehr zum thema",
      "lesen sie auch",
      "auch interessant",
      "meistgelesen",
      "meistgelesene artikel",
      "weitere artikel",
      "das könnte sie auch interessieren",
      "themen",
      "schlagwörter",
      "mehr aus *",
    ],
    commentMarks: ["* schreibt:", "* sagt:"],
  },
  es: {
    lines: [
      "publicidad",
      "más información",
      "copiar enlace",
      "enlace copiado",
      "ir a los comentarios",
      "compartir",
      "compartir en *",
      "imprimir",
      "escuchar artículo",
      "escuchar este artículo",
      "responder",
      "denunciar",
      "* comentarios",
      "seguir leyendo",
      "se abre en una nueva pestaña",
    ],
    sectionEnds: [
      "archivado en",
      "lo más visto",
      "lo más leído",
      "más leídas",
      "comentarios",
      "te puede interesar",
      "noticias relacionadas",
      "lee también",
      "también te puede interesar",
      "últimas noticias",
      "etiquetas",
      "más de *",
      "más sobre *",
    ],
    commentMarks: ["* dice:", "* escribió:"],
  },
  it: {
    lines: [
      "pubblicità",
      "condividi",
      "stampa",
      "rispondi",
      "segnala",
      "* commenti",
      "leggi anche",
      "copia link",
    ],
    sectionEnds: [
      "commenti",
      "leggi anche",
      "i più letti",
      "articoli correlati",
      "potrebbe interessarti",
      "argomenti",
    ],
    commentMarks: ["* dice:", "* ha scritto:"],
  },
  pt: {
    lines: [
      "publicidade",
      "compartilhar",
      "partilhar",
      "imprimir",
      "responder",
      "denunciar",
      "* comentários",
      "copiar link",
    ],
    sectionEnds: [
      "comentários",
      "leia também",
      "leia mais",
      "mais lidas",
      "mais lidos",
      "notícias relacionadas",
      "veja também",
      "tópicos",
    ],
    commentMarks: ["* disse:", "* diz:"],
  },
  nl: {
    lines: [
      "advertentie",
      "delen",
      "printen",
      "afdrukken",
      "reageer",
      "reageren",
      "* reacties",
      "link kopiëren",
    ],
    sectionEnds: [
      "reacties",
      "lees ook",
      "meest gelezen",
      "gerelateerde artikelen",
      "meer over *",
      "onderwerpen",
    ],
    commentMarks: ["* schreef:", "* zegt:"],
  },
  ru: {
    lines: ["реклама", "поделиться", "печать", "ответить", "пожаловаться", "* комментариев", "читать также"],
    sectionEnds: [
      "материалы по теме",
      "читайте также",
      "смотрите также",
      "комментарии",
      "популярное",
      "самое читаемое",
      "новости по теме",
      "последние новости",
    ],
    commentMarks: ["* пишет:"],
  },
  id: {
    lines: ["iklan", "bagikan", "cetak", "balas", "suka memuat...", "sukai ini:", "bagikan ini:"],
    sectionEnds: ["terkait", "tinggalkan balasan", "berita terkait", "baca juga", "komentar", "populer"],
    commentMarks: [],
  },
};

export type VocabularyKind = "line" | "section-end" | "comment-mark";

const TRAIL = /[\s.:!?…»›→↗]+$/u;

function compile(entries: readonly string[], keepColon: boolean): RegExp {
  const alts = entries.map((e) => {
    const base = keepColon ? e : e.replace(TRAIL, "");
    return base
      .replace(/[.+?^${}()|[\]\\]/gu, "\\$&")
      .replace(/\*/gu, "(?:[^.!?;,]|(?<=\\d)[.,](?=\\d)){1,40}?")
      .replace(/\s+/gu, "\\s+");
  });
  return new RegExp(`^(?:${alts.join("|")})$`, "iu");
}

const all = (pick: (v: ChromeVocabulary) => readonly string[]): string[] =>
  Object.values(CHROME).flatMap(pick);
const LINES = compile(
  all((v) => v.lines),
  false,
);
const ENDS = compile(
  all((v) => v.sectionEnds),
  false,
);
const MARKS = compile(
  all((v) => v.commentMarks),
  true,
);

/** Which vocabulary a whole line belongs to, in any language: a page mixes languages in its chrome. */
export function vocabularyKind(text: string): VocabularyKind | null {
  const t = text.replace(/\s+/gu, " ").replace(/[’‘]/gu, "'").trim();
  if (t === "" || t.length > 90) return null;
  // A sentence is prose, whatever words it opens with.
  if (/[.!?]["'”’»)]*$/u.test(t) && t.split(" ").length > 6) return null;
  if (MARKS.test(t)) return "comment-mark";
  const bare = t.replace(TRAIL, "");
  if (ENDS.test(bare)) return "section-end";
  if (LINES.test(bare)) return "line";
  return null;
}
