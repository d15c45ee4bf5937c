// Single-line chrome rules: each recognises a line that is page furniture wherever it appears, by its
// shape and its wording in several languages, never by a particular site's name.
import { isCaption } from "./captions";
import { collapse, fewWords, memo, wordCount } from "./text";

type LineRule = { rule: string; test: (t: string, lower: string) => boolean };

const full = (alternatives: string): RegExp => new RegExp(`^(?:${alternatives})$`, "iu");

const SKIP = full(
  "skip to (?:the )?(?:main )?(?:content|navigation|main|article|footer)|jump to (?:main )?content|skip navigation|aller au contenu(?: principal)?|passer au contenu(?: principal)?|aller à la navigation|zum (?:haupt)?inhalt springen|direkt zum inhalt|springe zum inhalt|saltar al contenido(?: principal)?|ir al contenido(?: principal)?|vai al contenuto(?: principale)?|salta al contenuto(?: principale)?",
);

const PLACEHOLDER_PART =
  /(?:image|photo|picture|video|media|graphic)\s+(?:not\s+found|unavailable|not\s+available|could\s+not\s+be\s+loaded|failed\s+to\s+load|missing)|no\s+image(?:\s+available)?|image\s+non\s+disponible|bild\s+nicht\s+verfügbar|imagen\s+no\s+disponible|\[(?:image|img|photo|picture|video|graphic|embed|media|figure|chart|gallery|illustration|image:[^\]]*|photo:[^\]]*)\]|\((?:image|photo|video)\)|loading(?:\s+image)?(?:\.\.\.|…)?|(?:play|watch)\s+video|▶|(?:image|photo|picture|video|foto|bild|imagen|illustration|gallery|galerie)\s*:?/giu;

function isPlaceholder(t: string): boolean {
  if (!fewWords(t, 12)) return false;
  const rest = t.replace(PLACEHOLDER_PART, "").replace(/[\s\p{P}\p{S}\d]/gu, "");
  return rest === "" && /[\p{L}▶]/u.test(t);
}

const SHARE_WORDS = new Set(
  "compartilhe compartilhar compartilhar partilhar partilhe correo comentarios comentários commentaires kommentare merken offrir cet deel delen dit google google+ gplus vk tumblr xing copiar enlace lien link kopieren share shares shared sharing whats app tweet tweets facebook twitter x linkedin whatsapp email e-mail mail copy copied link url print reddit pinterest telegram flipboard threads bluesky mastodon messenger pocket instagram youtube tiktok rss feed partager partagez partage imprimer teilen drucken compartir imprimir condividi stampa this article story post page via on the to del en sur auf per con artikel artículo articolo le la".split(
    " ",
  ),
);
const SHARE_CORE =
  /share|tweet|facebook|twitter|linkedin|whatsapp|reddit|pinterest|telegram|flipboard|bluesky|mastodon|partag|partilh|compartilh|teilen|compartir|condividi|copy link|\bdeel\b|\bdelen\b/iu;

// A share row is at most 12 of SHARE_WORDS (see `known` below), and every ASCII letter of the line
// ends up in one of them: a line with more ASCII letters than 12 of the longest is no share row, and
// is told without running SHARE_CORE over a whole paragraph.
const SHARE_LETTERS = 12 * Math.max(...[...SHARE_WORDS].map((w) => w.length));

function asciiLettersOver(t: string, n: number): boolean {
  let k = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) && ++k > n) return true;
  }
  return false;
}

function isShare(line: string): boolean {
  let t = line;
  if (
    /^(?:follow(?: us)?(?: on)?|suivez[- ]nous(?: sur)?|folgen sie uns(?: auf)?|síguenos(?: en)?|seguici(?: su)?)\b/iu.test(
      t,
    )
  )
    return wordCount(t) <= 12;
  if (
    /^(?:print|save|bookmark|listen|listen to (?:this )?article|font size|text size|copy link|link copied|gift (?:this )?article)$/iu.test(
      t,
    )
  )
    return true;
  // Checked first because it is cheap and required below: most lines mention no share target at all.
  if (asciiLettersOver(t, SHARE_LETTERS) || !SHARE_CORE.test(t)) return false;
  // A share row may print its counts and icons: "Share 💬 128".
  t = t.replace(/[\p{N}\p{Extended_Pictographic}]+/gu, " ").trim();
  if (t === "") return false;
  // "FacebookTwitterLinkedIn" is glued share buttons, but "LinkedIn" itself must stay one word.
  const split = (s: string): string[] => s.split(/[\s|·•,/:()]+/u).filter(Boolean);
  const known = (ws: string[]): boolean =>
    ws.length > 0 && ws.length <= 12 && ws.every((w) => SHARE_WORDS.has(w.toLowerCase()));
  const words = split(t).flatMap((w) =>
    SHARE_WORDS.has(w.toLowerCase()) ? [w] : split(w.replace(/(\p{Ll})(\p{Lu})/gu, "$1 $2")),
  );
  return known(words);
}

const COOKIE_BUTTON = full(
  "accept|accept all|accept all cookies|accept cookies|allow all|allow cookies|reject|reject all|decline|decline all|manage (?:preferences|options|settings|cookies)|cookie settings|customi[sz]e|got it|i agree|agree|agree and close|ok|okay|tout accepter|tout refuser|accepter|refuser|accepter et fermer|continuer sans accepter|paramétrer|personnaliser|alle akzeptieren|akzeptieren|ablehnen|alle ablehnen|einstellungen|zustimmen|aceptar|aceptar todo|aceptar todas|rechazar|rechazar todo|configurar|accetta|accetta tutto|rifiuta|rifiuta tutto|personalizza",
);

function isCookie(t: string): boolean {
  if (COOKIE_BUTTON.test(t)) return true;
  if (!/cookie/iu.test(t)) return false;
  // A cookie policy explained at length: the word comes back and the site talks about itself.
  if ((t.match(/cookies?\b/giu) ?? []).length >= 2 && /\b(?:website|site|browser|navigat)/iu.test(t))
    return true;
  if (wordCount(t) > 70) return false;
  return /(?:we use|this (?:site|website) uses|uses cookies|accept|consent|preferences|settings|policy|manage|reject|nous utilisons|ce site utilise|accepter|consentement|wir verwenden|diese website verwendet|akzeptieren|einwilligung|utilizamos|usamos|este sitio|aceptar|utilizziamo|questo sito|accetta)/iu.test(
    t,
  );
}

const APP =
  /^(?:open (?:in )?(?:the )?app|open app|get the (?:\S+ )?app|download (?:the |our )?(?:\S+ )?app|install (?:the |our )?(?:\S+ )?app|use the app|read (?:it )?in the app|continue in (?:the )?app|available on the app store|download on the app store|get it on google play|ouvrir (?:dans )?l['’]app(?:lication)?|télécharge[rz] (?:notre |l['’])app(?:lication)?|in der app öffnen|(?:jetzt )?(?:die )?app (?:herunterladen|laden|öffnen)|abrir en la app|descarga (?:la|nuestra) app|descargar la app|apri nell['’]app|scarica l['’]app)/iu;

const SEARCH = full(
  "search|search(?: for| the site| this site| articles| news)?\\s*(?:\\.\\.\\.|…|:)?|type (?:here )?to search|enter search terms?|rechercher|recherche|suche|suchen|buscar|búsqueda|cerca|ricerca|🔍|🔎|search 🔍|🔍 search",
);

const AD = full(
  "advertisement|advertisements|advertising|ad|ads|sponsored|sponsored content|paid content|paid post|paid partnership|promoted|promoted content|partner content|- advertisement -|— advertisement —|publicité|pub|annonce|contenu sponsorisé|contenu partenaire|anzeige|werbung|gesponsert|publicidad|anuncio|patrocinado|contenido patrocinado|pubblicità|sponsorizzato|continue reading below|scroll to continue(?: with content)?|story continues below(?: advertisement)?|article continues below(?: advertisement)?|la suite après (?:cette )?publicité|lire la suite après la publicité|weiterlesen nach der anzeige|sigue leyendo",
);

function isNewsletter(t: string): boolean {
  if (wordCount(t) > 40) return false;
  if (
    /unsubscribe|se désabonner|désinscri|abmelden|darse de baja|cancella l['’]iscrizione/iu.test(t) &&
    wordCount(t) <= 20
  )
    return true;
  if (
    /^(?:view (?:this email |it )?(?:in (?:your |a )?browser|online|as a web ?page)|open in browser|afficher dans (?:le|votre) navigateur|version en ligne|im browser (?:ansehen|anzeigen|öffnen)|ver en el navegador)\.?$/iu.test(
      t,
    )
  )
    return true;
  if (
    /^(?:enjoy(?:ing|ed)?|like[ds]?|love[ds]?) (?:this|the|our) (?:newsletter|email|issue|edition)|forward (?:it|this(?: email| newsletter)?) to a (?:friend|colleague)|^(?:you are|you['’]re) receiving this|^you received this|^update your (?:email )?preferences|^manage (?:your )?(?:subscription|preferences|email preferences)|^was this (?:email )?forwarded to you/iu.test(
      t,
    )
  )
    return true;
  if (
    /^(?:subscribe|sign up|signup|newsletter|email address|your email(?: address)?|enter your email(?: address)?|e-mail address|your e-mail)\s*[.:!]?$/iu.test(
      t,
    )
  )
    return true;
  if (
    /\b(?:our|the|free|daily|weekly|my) newsletters?\b|\byour inbox\b|notre newsletter|nos newsletters|lettre d['’]information|unseren newsletter|unser newsletter|nuestro boletín|nuestra newsletter|la nostra newsletter/iu.test(
      t,
    )
  )
    return (
      /^(?:subscribe|sign up|get|join|enter|don['’]t miss|never miss|stay|want|like this|receive|sent|delivered|the best|inscrivez|abonnez|recevez|ne manquez|abonnieren|melden sie|erhalten|suscríbete|suscribete|recibe|iscriviti|ricevi|\S+(?:\s+\S+){0,6}\s+(?:straight|directly|right) to your inbox)/iu.test(
        t,
      ) || /newsletter\s*$/iu.test(t)
    );
  return /^(?:subscribe (?:to|for|now|today)|sign up (?:for|to|now|today)|get (?:the latest|our best|the best) .* (?:inbox|email)|abonnez-vous|inscrivez-vous à|abonnieren sie|jetzt abonnieren|suscríbete|iscriviti)/iu.test(
    t,
  );
}

function isPromo(t: string): boolean {
  if (wordCount(t) > 40) return false;
  if (
    /^(?:explore|discover|read|find|get|see|visit|check out|learn|dive|découvrez|retrouvez|lisez|entdecken|lesen sie|descubre|lee|scopri|leggi)\b.*\b(?:at|on|via|sur|auf|en|su)\s+(?:www\.)?[\p{L}\d-]+(?:\.[\p{L}]{2,})+\/?\S*[.!]?$/iu.test(
      t,
    )
  )
    return true;
  if (
    /^(?:this (?:article|story|post) (?:was )?(?:originally|first) (?:published|appeared)|originally published (?:on|at|in)|cet article a (?:initialement|d['’]abord) été publié|dieser artikel erschien (?:zuerst|ursprünglich))/iu.test(
      t,
    )
  )
    return true;
  return /^(?:support (?:our|independent|quality) journalism|become a (?:member|subscriber|supporter|patron)|unlock (?:full|unlimited|all) access|already (?:a subscriber|have an account)\??.*|sign in|log in|login|register|create (?:a free )?account|my account|subscribe now|start (?:your )?free trial|try (?:it )?(?:for )?free|donate|abonnez-vous|se connecter|connexion|s['’]abonner|anmelden|registrieren|jetzt abonnieren|iniciar sesión|suscríbete|accedi|abbonati)\s*[.!]?$/iu.test(
    t,
  );
}

const COPYRIGHT_START = /^(?:©|\(c\)\s|copyright\b|℗)/iu;
const COPYRIGHT_ANY =
  /all rights reserved|tous droits réservés|alle rechte vorbehalten|todos los derechos reservados|tutti i diritti riservati|todos os direitos reservados|wszelkie prawa zastrzeżone|alle rechten voorbehouden|все права защищены/iu;

const MENU_WORDS = full(
  "menu|main menu|navigation|toggle navigation|open menu|close menu|close|home|homepage|back to top|scroll to top|top|next|previous|next article|previous article|next story|previous story|load more|show more|see more|more|privacy|privacy policy|privacy notice|terms|terms of use|terms of service|terms and conditions|contact|contact us|about|about us|cookie policy|sitemap|site map|careers|jobs|advertise|advertise with us|imprint|impressum|datenschutz|datenschutzerklärung|kontakt|mentions légales|politique de confidentialité|nous contacter|plan du site|aviso legal|política de privacidad|contacto|accessibility|help|rss|editorial policy|ethics policy|newsletters|podcasts",
);

const TAGS =
  /^(?:tags|tagged|topics|related topics|filed under|categories|category|mots[- ]clés|thèmes|sujets|schlagwörter|themen|etiquetas|temas|argomenti)\s*:/iu;

const COMMENTS =
  /^(?:\d+\s+)?(?:comments?|responses?|replies|reply|leave a (?:comment|reply)|add a comment|post a comment|join the (?:conversation|discussion)|view comments|show comments|commentaires?|réagir|kommentare?|comentarios?|commenti)\s*(?:\(\d+\))?$|^your email address will not be published/iu;

const RELATED_INLINE =
  /^also on (?:www\.)?[\p{L}\d-]+\.[\p{L}]{2,}\s+\S|^(?:read more|read also|also read|related|related story|related article|see also|more|recommended|read next|à lire aussi|a lire aussi|lire aussi|à voir aussi|voir aussi|lesen sie auch|auch interessant|mehr zum thema|lee también|leer más|te puede interesar|leggi anche|leia também|veja também|lees ook|czytaj (?:też|także|również)|zobacz (?:też|także|również)|читайте также)\s*[:»>→]\s*\S/iu;

/** "Read the full report (opens in a new tab)": a link label, wherever it stands. */
const NEW_TAB =
  /\((?:opens in (?:a )?new (?:tab|window)|se abre en (?:una )?nueva (?:pestaña|ventana)|s['’]ouvre dans un nouvel onglet|öffnet in (?:einem )?neuen (?:tab|fenster)|si apre in una nuova (?:scheda|finestra)|abre (?:em )?(?:uma )?nova (?:aba|janela)|opent in een nieuw (?:tabblad|venster))\)[.\s]*$/iu;

/** "Download the full report (PDF, 3.2 MB)": a file to fetch, named with its size. */
const DOWNLOAD =
  /[(（](?:pdf|docx?|xlsx?|pptx?|zip|epub|csv)?[^()（）]{0,12}\d[\d.,]*\s?(?:kb|mb|ko|mo|gb)[)）]\s*$/iu;

/** A rule per line, tried in order; the first match wins. */
export const LINE_RULES: LineRule[] = [
  { rule: "separator", test: (t) => /^(?:[-*_=~•·]\s*){3,}$/u.test(t) },
  { rule: "skip-link", test: (t) => SKIP.test(t) },
  { rule: "image-placeholder", test: (t) => isPlaceholder(t) },
  { rule: "caption", test: (t) => isCaption(t) },
  { rule: "cookie-banner", test: (t) => isCookie(t) },
  { rule: "app-banner", test: (t) => APP.test(t) && wordCount(t) <= 15 },
  { rule: "search-box", test: (t) => SEARCH.test(t) },
  {
    rule: "ad-label",
    test: (t) =>
      AD.test(t) ||
      (/^sponsored by\s/iu.test(t) && wordCount(t) <= 8) ||
      (/^(?:sponsored|advertisement|ad|anzeige|werbung|publicité|publicidad|pubblicità|publicidade|advertentie|reklama|реклама)\s*:\s*\S/iu.test(
        t,
      ) &&
        wordCount(t) <= 40),
  },
  { rule: "share-buttons", test: (t) => isShare(t) },
  { rule: "newsletter", test: (t) => isNewsletter(t) },
  { rule: "promo", test: (t) => isPromo(t) },
  {
    rule: "copyright",
    test: (t) => (COPYRIGHT_START.test(t) || COPYRIGHT_ANY.test(t)) && wordCount(t) <= 40,
  },
  { rule: "tags-list", test: (t) => TAGS.test(t) && wordCount(t) <= 40 },
  { rule: "comments", test: (t) => COMMENTS.test(t) },
  { rule: "related-links", test: (t) => RELATED_INLINE.test(t) && wordCount(t) <= 30 },
  { rule: "link-label", test: (t) => (NEW_TAB.test(t) || DOWNLOAD.test(t)) && wordCount(t) <= 25 },
  { rule: "contact", test: (t) => CONTACT.test(t) && wordCount(t) <= 20 },
  { rule: "breadcrumb", test: (t) => isHomeCrumbLine(t) },
  { rule: "menu", test: (t) => MENU_WORDS.test(t) || isNavLine(t) },
];

const CONTACT =
  /^(?:media|press|news|investor|editorial)\s+(?:contacts?|inquiries|enquiries|relations)\s*:|^(?:contact(?: us)?|contact presse|pressekontakt|contacto de prensa|contatti stampa)\s*:\s*\S/iu;

/** "Home > News > Title": a breadcrumb trail starting at the home page. */
function isHomeCrumbLine(t: string): boolean {
  // "|" separates menu entries, not levels of a trail.
  const parts = t.split(/\s+[>›»/→]\s+|\s*[›»→]\s*/u);
  return parts.length >= 2 && isHomeCrumb(parts[0] ?? "");
}

/** "Home | News | Sport | Contact": three or more one-to-three-word segments on one line. */
export function isNavLine(t: string): boolean {
  const parts = t.split(/\s*[|·•»›>/]\s*/u).filter((p) => p !== "");
  if (parts.length < 3 || !/[|·•»›>/]/u.test(t)) return false;
  return parts.every((p) => wordCount(p) >= 1 && wordCount(p) <= 3 && !/[.!?,;:]$|\d/u.test(p));
}

/** The chrome rule a single line matches on its own, or null when it may be content. */
export function lineRule(text: string): string | null {
  return text.length <= SHORT_LINE ? lineRuleShort(text) : lineRuleOf(text);
}

// Page chrome repeats (every capture of a site prints its menus; a feed prints its footer under every
// item): short lines are mostly copies, and their rule is remembered. Long prose lines rarely repeat.
const SHORT_LINE = 200;
const lineRuleShort = memo(lineRuleOf);

function lineRuleOf(text: string): string | null {
  const t = collapse(text);
  if (t === "") return null;
  const lower = t.toLowerCase();
  for (const r of LINE_RULES) if (r.test(t, lower)) return r.rule;
  return null;
}

const RELATED_HEADING = full(
  "related|related (?:reading|articles?|stories|posts|content|coverage|news|links|topics)|further reading|more reading|read more|read next|read also|also read|see also|more (?:from|on|about|in) .{1,40}|more stories|more news|more like this|more to read|you may also like|you might also like|you may (?:also )?be interested in|recommended(?: for you| reading| articles| stories)?|most read|most popular|most viewed|popular(?: now| stories| articles)?|trending(?: now| stories)?|top stories|latest(?: news| stories| articles)?|don['’]t miss|editor['’]s picks|what to read next|keep reading|continue reading|other stories|à lire aussi|a lire aussi|lire aussi|à lire également|sur le même sujet|dans la même rubrique|les plus lus|les plus populaires|à voir aussi|voir aussi|nos autres articles|articles similaires|dernières actualités|mehr zum thema|lesen sie auch|das könnte sie auch interessieren|auch interessant|meistgelesen|weitere artikel|weitere nachrichten|verwandte artikel|te puede interesar|lee también|leer más|más leídas|lo más leído|noticias relacionadas|relacionados|artículos relacionados|potrebbe interessarti|leggi anche|articoli correlati|i più letti",
);

/** A heading that introduces a list of links to other articles. */
export const isRelatedHeading = (t: string): boolean =>
  RELATED_HEADING.test(collapse(t).replace(/[:»>→]\s*$/u, ""));

const SEO_HEADING = full(
  "insights|key insights|more insights|people also ask|people also search for|related questions|related searches|common questions|questions people ask|you might also ask|you may also ask|key questions|questions to consider|questions to explore|explore further|explore more|dig deeper|frequently asked|questions fréquentes|ils se posent aussi la question|les internautes demandent|häufig gestellte fragen|andere fragen auch|preguntas relacionadas|la gente también pregunta|domande correlate|le persone chiedono anche",
);

/** Headings that SEO widgets put above a bare run of questions. */
export const isSeoHeading = (t: string): boolean => SEO_HEADING.test(collapse(t).replace(/[:]\s*$/u, ""));

const FAQ_HEADING =
  /^(?:frequently asked questions|faqs?|common questions(?: answered)?|questions and answers|q\s*&\s*a|your questions answered|foire aux questions|questions fréquentes|questions-réponses|häufige fragen|häufig gestellte fragen|fragen und antworten|preguntas frecuentes|domande frequenti)\b/iu;

export const isFaqHeading = (t: string): boolean => FAQ_HEADING.test(collapse(t));

const AUTHOR_BOX = full(
  "about the authors?|about the writer|about the reporter|author bio|meet the author|written by|à propos de l['’]auteur(?:e)?|l['’]auteur|über den autor|über die autorin|zum autor|sobre el autor|sobre la autora|sull['’]autore|more from this author|more by this author|more articles by .{1,40}",
);
export const isAuthorBoxHeading = (t: string): boolean =>
  AUTHOR_BOX.test(collapse(t).replace(/[:]\s*$/u, ""));

const SECTION_WORDS = full(
  "news|world|politics|business|economy|economie|économie|finance|markets|tech|technology|technologie|science|health|culture|sport|sports|opinion|opinions|analysis|analyse|features?|breaking|breaking news|exclusive|live|latest|ai|artificial intelligence|startups|europe|us|uk|international|national|local|lifestyle|entertainment|media|innovation|digital|wirtschaft|politik|wissen|kultur|actualités|actualité|monde|société|tribune|noticias|economía|tecnología|cultura|mundo|attualità|tecnologia|blog|press release|communiqué de presse|pressemitteilung|comunicado de prensa|comunicato stampa",
);
/** Section kickers ("Technology", "Opinion") printed above a headline. */
export const isSectionLabel = (t: string): boolean => SECTION_WORDS.test(collapse(t));

const HOME =
  /^(?:home|homepage|accueil|startseite|start|inicio|portada|home page|forums?|forum index|board index)$/iu;
export const isHomeCrumb = (t: string): boolean => HOME.test(collapse(t));

/** "Home > AI > Some title" or "News / Tech / AI" written on one line. */
export function isBreadcrumbLine(t: string): boolean {
  const parts = collapse(t).split(/\s+[>›»/|→]\s+|\s*[›»→]\s*/u);
  if (parts.length < 2) return false;
  return (
    isHomeCrumb(parts[0] ?? "") || (parts.length >= 3 && parts.slice(0, -1).every((p) => wordCount(p) <= 4))
  );
}

/** Words that describe what a photo shows: alt text is a sentence about an image. */
export const ALT_TEXT_CUES =
  /\b(?:wearing|dressed|smiling|smiles|standing|stands|sitting|sits|seated|holding|holds|looking|looks at|posing|poses|pictured|portrait|headshot|close-up|background|foreground|shirt|suit|jacket|glasses|hair|beard|stage|podium|microphone|gestures|gesturing|illustration|photo|photograph|image|depicts|depicting|shows a|showing a|logo|screen|against a|in front of|exuding)\b/iu;
