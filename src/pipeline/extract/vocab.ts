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
  /** A label printed above a link to another story inside the article ("More information"). */
  teaserMarks?: readonly string[];
}

export const CHROME: Record<string, ChromeVocabulary> = {
  en: {
    lines: [
      "listen to this article *",
      "* min read",
      "* minute read",
      "advert",
      "image * of *",
      "photo * of *",
      "slide * of *",
      "back to gallery",
      "get short url",
      "like this story? share it with a friend",
      "no comments yet *",
      "featured video",
      "this story appears in the * issue of *",
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
      "was this article helpful?",
      "was this helpful?",
      "was this page helpful?",
      "how we reviewed this article:",
      "sources",
      "references",
      "notes to editors",
      "note to editors",
      "media contacts",
      "media contact",
      "press contacts",
      "press contact",
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
    teaserMarks: [
      "read more",
      "related",
      "related story",
      "related article",
      "more info",
      "more information",
      "see also",
      "read also",
      "also read",
      "recommended",
      "read next",
    ],
  },
  fr: {
    lines: [
      "écouter l'article *",
      "écouter cet article *",
      "temps de lecture *",
      "lecture * min",
      "cet article a plus de *",
      "réservé aux abonnés",
      "article réservé aux abonnés",
      "réagir *",
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
      "cet article vous a-t-il été utile ?",
      "sources",
      "références",
      "contact presse",
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
    teaserMarks: [
      "lire aussi",
      "à lire aussi",
      "voir aussi",
      "à voir aussi",
      "lire la suite",
      "à lire également",
    ],
  },
  de: {
    lines: [
      "beitrag anhören",
      "audio: beitrag anhören",
      "artikel vorlesen",
      "lesezeit *",
      "* min lesezeit",
      "dieser artikel ist älter als *",
      "merken",
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
      "war dieser artikel hilfreich?",
      "quellen",
      "pressekontakt",
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
    teaserMarks: ["mehr zum thema", "lesen sie auch", "auch interessant", "mehr dazu", "zum thema"],
  },
  es: {
    lines: [
      "este artículo tiene más de *",
      "tiempo de lectura *",
      "* min de lectura",
      "escuchar la noticia",
      "exclusivo para suscriptores",
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
      "¿te ha resultado útil?",
      "¿te ha sido útil este artículo?",
      "fuentes",
      "referencias",
      "contacto de prensa",
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
    teaserMarks: [
      "más información",
      "lee también",
      "leer más",
      "te puede interesar",
      "relacionado",
      "relacionada",
    ],
  },
  it: {
    lines: [
      "ascolta l'articolo *",
      "* di lettura",
      "tempo di lettura *",
      "questo articolo ha più di *",
      "riservato agli abbonati",
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
      "questo articolo ti è stato utile?",
      "fonti",
      "contatti stampa",
      "commenti",
      "leggi anche",
      "i più letti",
      "articoli correlati",
      "potrebbe interessarti",
      "argomenti",
    ],
    commentMarks: ["* dice:", "* ha scritto:"],
    teaserMarks: ["leggi anche", "leggi pure", "vedi anche", "approfondisci"],
  },
  pt: {
    lines: [
      "tempo de leitura *",
      "tempo de leitura: *",
      "* min de leitura",
      "este artigo tem mais de *",
      "ouvir artigo",
      "ouça este artigo",
      "exclusivo para assinantes",
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
      "este artigo foi útil?",
      "fontes",
      "referências",
      "assessoria de imprensa",
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
    teaserMarks: ["leia também", "leia mais", "veja também", "saiba mais"],
  },
  nl: {
    lines: [
      "leestijd *",
      "* min leestijd",
      "lees voor",
      "beluister dit artikel",
      "dit artikel is meer dan * oud",
      "alleen voor abonnees",
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
      "was dit artikel nuttig?",
      "bronnen",
      "noot voor de redactie",
      "reacties",
      "lees ook",
      "meest gelezen",
      "gerelateerde artikelen",
      "meer over *",
      "onderwerpen",
    ],
    commentMarks: ["* schreef:", "* zegt:"],
    teaserMarks: ["lees ook", "lees meer", "zie ook", "meer weten"],
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
    teaserMarks: ["читайте также", "читать также", "по теме", "смотрите также"],
  },
  pl: {
    lines: [
      "reklama",
      "udostępnij",
      "drukuj",
      "odpowiedz",
      "zgłoś",
      "* komentarzy",
      "komentarze (*)",
      "dodaj komentarz",
      "skopiuj link",
      "posłuchaj artykułu",
      "czas czytania *",
    ],
    sectionEnds: [
      "komentarze",
      "zobacz również",
      "zobacz także",
      "zobacz też",
      "najczęściej czytane",
      "najpopularniejsze",
      "polecamy",
      "czytaj więcej",
      "tagi",
      "powiązane artykuły",
    ],
    commentMarks: ["* napisał:", "* pisze:"],
    teaserMarks: ["czytaj także", "czytaj też", "czytaj również"],
  },
  sv: {
    lines: [
      "annons",
      "dela",
      "skriv ut",
      "svara",
      "anmäl",
      "* kommentarer",
      "kopiera länk",
      "lyssna på artikeln",
    ],
    sectionEnds: ["kommentarer", "läs också", "läs mer", "mest läst", "relaterade artiklar", "ämnen"],
    commentMarks: ["* skriver:"],
    teaserMarks: ["läs också", "läs även"],
  },
  ko: {
    lines: ["공유", "댓글 *", "좋아요 *", "url 복사", "기사 스크랩", "프린트", "글씨 크기"],
    sectionEnds: ["관련기사", "많이 본 뉴스", "인기기사", "최신기사", "댓글"],
    commentMarks: [],
  },
  ja: {
    lines: ["シェア", "ツイート", "印刷", "コメント", "ブックマーク"],
    sectionEnds: ["関連記事", "人気記事", "おすすめ記事", "ランキング", "コメント一覧"],
    commentMarks: [],
  },
  id: {
    lines: ["iklan", "bagikan", "cetak", "balas", "suka memuat...", "sukai ini:", "bagikan ini:"],
    sectionEnds: ["terkait", "tinggalkan balasan", "berita terkait", "baca juga", "komentar", "populer"],
    commentMarks: [],
    teaserMarks: ["baca juga", "baca selengkapnya"],
  },
};

export type VocabularyKind = "line" | "section-end" | "comment-mark" | "teaser-mark";

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
const TEASERS = compile(
  all((v) => v.teaserMarks ?? []),
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
  if (TEASERS.test(bare)) return "teaser-mark";
  // "Listen (5 min.)", "Beitrag anhören (3 Min.)": a length or count in brackets adds nothing.
  const unbracketed = bare.replace(/\s*\([^()]{0,24}\)$/u, "").replace(TRAIL, "");
  if (LINES.test(bare) || (unbracketed !== "" && LINES.test(unbracketed))) return "line";
  return null;
}

const STAMP_LABEL =
  "updated|posted|published|last updated|last modified|first published|modified|mis à jour|publié|aktualisiert|veröffentlicht|actualizado|publicado|aggiornato|pubblicato|bijgewerkt|gepubliceerd|opublikowano|zaktualizowano|обновлено|опубликовано";
const LABEL_HEAD = new RegExp(`^(?:${STAMP_LABEL})(?:\\s+(?:on|at|le|am|el|il|em|op))?\\s*:?\\s*`, "iu");
const STAMP = new RegExp(
  `^(?:${STAMP_LABEL})(?![\\p{L}])(?:\\s+(?:on|at|le|am|el|il|em|op))?\\s*:?\\s*(?=[\\p{N}\\p{Lu}])(?=[^\\n]*\\d)[^!?]{3,90}$`,
  "iu",
);

/**
 * "Updated 5:27 am CST, Wednesday, November 20, 2019": a line of labelled stamps. Judged once the
 * article's date was read, so it only removes what is left of such lines; a byline ("Posted by ...")
 * is not one.
 */
export function isDateStamp(text: string): boolean {
  const t = text.replace(/\s+/gu, " ").trim();
  if (t.split(" ").length > 16 || !STAMP.test(t)) return false;
  if (/(?<![\p{L}])(?:by|par|von|por|di|door)(?![\p{L}])/iu.test(t)) return false;
  // What follows the label is a date or a time ("Updated 5:27 am", "Updated: Tue."), not a sentence.
  return /^[\p{N}\p{Lu}]/u.test(t.replace(LABEL_HEAD, ""));
}
