// Words of the furniture that closes an article, per language: data only. Each entry is a regular
// expression source matched case-insensitively inside a block (not a whole line, unlike vocab.ts).

export interface TailVocabulary {
  /** What a bio says right after the person's name: "is a reporter", "writes", "covers". */
  bioVerbs: readonly string[];
  /** A reporting credit closing a story: "X contributed reporting", "Editing by Y". */
  credits: readonly string[];
  /** Calls to act a page prints to sell itself: subscribe, join, support, donate, sign up. */
  pitches: readonly string[];
  /** The site's own fine print: affiliate links, opinions not the paper's, moderated comments. */
  disclaimers: readonly string[];
  /** "About" before a name: the heading of a bio or of the company's boilerplate. */
  about: readonly string[];
}

export const TAIL: Record<string, TailVocabulary> = {
  en: {
    bioVerbs: [
      "is an?",
      "is the",
      "is our",
      "was an?",
      "covers",
      "writes",
      "reports on",
      "has covered",
      "has written",
      "has reported",
      "joined",
      "is based in",
      "'s (?:latest |new |first )?book",
    ],
    credits: [
      "contributed (?:reporting|to this (?:report|story|article))",
      "(?:additional )?reporting by",
      "editing by",
      "writing by",
      "compiled by",
      "write to [^.]{1,60}@",
      "(?:is )?produced by [^.]{1,60}\\. music by",
    ],
    pitches: [
      "subscribe",
      "sign up",
      "join (?:our|us|the)",
      "become a (?:member|subscriber|supporter|patron)",
      "support (?:us|our|the show|independent)",
      "donate",
      "click here",
      "free trial",
      "delivered (?:to|through|straight to) your",
      "your (?:inbox|letterbox)",
      "forward (?:it|this) to",
      "share it with",
      "email us at",
      "get in touch",
      "follow us",
      "thanks for reading",
      "tag @[\\w.]+",
      "leave a (?:rating|review|comment)",
      "rate this (?:recipe|article|story)",
      "newsletter",
      "print edition",
    ],
    disclaimers: [
      "affiliate (?:links?|commission|partner)",
      "(?:earn|receive|get) a (?:small )?(?:commission|share of)",
      "(?:do|does) not necessarily (?:reflect|represent)",
      "(?:views|opinions) expressed",
      "not (?:financial|investment|legal|medical) advice",
      "(?:are )?(?:moderating|moderated) (?:all )?comments",
      "registered trademarks?",
      "(?:is )?not responsible for the content of external",
      "for (?:general )?informational purposes only",
      "not a substitute for (?:professional )?(?:medical )?advice",
    ],
    about: ["about"],
  },
  fr: {
    bioVerbs: [
      "est (?:une?|la|le|l'|journaliste\\p{L}*|rédact\\p{L}*|correspond\\p{L}*|chercheu\\p{L}*|professeu\\p{L}*)",
      "écrit",
      "couvre",
      "a rejoint",
    ],
    credits: ["avec (?:afp|reuters|ap)\\b", "a contribué à cet article"],
    pitches: [
      "abonnez-vous",
      "inscrivez-vous",
      "soutenez",
      "rejoignez",
      "faites un don",
      "cliquez ici",
      "newsletter",
      "votre boîte",
      "merci de (?:votre lecture|nous lire)",
    ],
    disclaimers: [
      "ne (?:reflètent|représentent|engagent) pas (?:nécessairement )?",
      "n'engagent que",
      "liens? affiliés?",
      "marques déposées",
      "à titre (?:informatif|indicatif) uniquement",
      "ne remplace pas (?:un avis|une consultation)",
    ],
    about: ["à propos de", "a propos de"],
  },
  de: {
    bioVerbs: [
      "ist (?:eine?|die|der|redakteur\\p{L}*|journalist\\p{L}*|korrespondent\\p{L}*|autor\\p{L}*|professor\\p{L}*|wissenschaft\\p{L}*)",
      "schreibt",
      "berichtet",
      "arbeitet als",
    ],
    credits: ["mit material von", "mitarbeit:"],
    pitches: [
      "abonnieren",
      "jetzt (?:\\d+ wochen )?(?:für [^ ]{1,8} ?€? )?(?:testen|lesen|abonnieren)",
      "mit [^.:]{1,40} weiterlesen",
      "weiterlesen mit",
      "unterstützen sie",
      "spenden sie",
      "newsletter",
      "klicken sie hier",
    ],
    disclaimers: [
      "geben nicht (?:unbedingt |zwingend )?die meinung",
      "affiliate-links?",
      "provision",
      "eingetragene marken",
      "nicht verantwortlich für (?:den )?inhalte? externer",
      "ersetzt keine? (?:ärztliche|medizinische) (?:beratung|behandlung)",
    ],
    about: ["über"],
  },
  es: {
    bioVerbs: [
      "es (?:una?|la|el|periodista\\p{L}*|redactor\\p{L}*|corresponsal\\p{L}*|investigador\\p{L}*|profesor\\p{L}*|politólog\\p{L}*)",
      "escribe",
      "cubre",
      "se unió",
    ],
    credits: ["con información de", "colaboró en esta"],
    pitches: [
      "suscríbete",
      "suscribete",
      "hazte (?:socio|socia|miembro|suscriptor)",
      "únete",
      "apoya",
      "tu apoyo",
      "dona",
      "haz clic aquí",
      "boletín",
      "newsletter",
    ],
    disclaimers: [
      "no (?:reflejan|representan) necesariamente",
      "no se hace responsable",
      "no sustituye (?:el consejo|la consulta)",
      "enlaces? de afiliados?",
      "marcas registradas",
    ],
    about: ["acerca de", "sobre"],
  },
  it: {
    bioVerbs: [
      "è (?:una?|la|il|lo|giornalista\\p{L}*|redattore\\p{L}*|corrispondente\\p{L}*|ricercat\\p{L}*|professor\\p{L}*)",
      "scrive",
      "si occupa di",
      "collabora con",
    ],
    credits: ["ha collaborato"],
    pitches: ["abbonati", "iscriviti", "sostieni", "sostienici", "dona ora", "clicca qui", "newsletter"],
    disclaimers: [
      "non (?:riflettono|rappresentano) necessariamente",
      "link di affiliazione",
      "non sostituisce il parere",
      "marchi registrati",
    ],
    about: ["informazioni su", "chi è"],
  },
  pt: {
    bioVerbs: [
      "é (?:uma?|a|o|jornalista\\p{L}*|repórter\\p{L}*|correspondente\\p{L}*|pesquisador\\p{L}*|professor\\p{L}*|cientista\\p{L}*)",
      "escreve",
      "cobre",
    ],
    credits: ["com informações d[aoe]", "colaborou com"],
    pitches: ["assine", "inscreva-se", "apoie", "faça uma doação", "clique aqui", "newsletter"],
    disclaimers: [
      "não (?:refletem|representam) necessariamente",
      "links? de afiliados?",
      "marcas registradas",
      "não substitui (?:a consulta|o aconselhamento)",
    ],
    about: ["sobre"],
  },
  nl: {
    bioVerbs: [
      "is (?:een|de|het|journalist\\p{L}*|redacteur\\p{L}*|correspondent\\p{L}*|onderzoeker\\p{L}*|hoogleraar\\p{L}*|software\\p{L}*)",
      "schrijft",
      "werkt als",
    ],
    credits: ["met medewerking van"],
    pitches: ["abonneer", "word (?:lid|abonnee)", "steun (?:ons|onze)", "doneer", "klik hier", "nieuwsbrief"],
    disclaimers: ["niet (?:noodzakelijk|per se) de mening", "affiliate-links?", "geregistreerde merken"],
    about: ["over"],
  },
  pl: {
    bioVerbs: [
      "jest (?:dziennikar\\p{L}*|redaktor\\p{L}*|reporter\\p{L}*|autor\\p{L}*|korespondent\\p{L}*)",
      "pisze",
    ],
    credits: ["współpraca:"],
    pitches: ["zapisz się", "subskrybuj", "wesprzyj", "newsletter"],
    disclaimers: [
      "nie (?:odzwierciedlają|muszą odzwierciedlać) (?:poglądów|stanowiska)",
      "linki afiliacyjne",
    ],
    about: ["o autorze"],
  },
  ja: {
    bioVerbs: [],
    credits: [],
    pitches: ["メールマガジン", "会員登録"],
    disclaimers: ["商標または登録商標", "発表日現在のもの"],
    about: [],
  },
  ko: {
    bioVerbs: [],
    credits: [],
    pitches: ["구독하기", "뉴스레터"],
    disclaimers: ["무단전재", "재배포 ?금지"],
    about: [],
  },
  ru: {
    bioVerbs: ["— (?:журналист|корреспондент|автор|редактор)"],
    credits: [],
    pitches: ["подпишитесь", "подписывайтесь", "поддержите"],
    disclaimers: [
      "запрещена (?:в|на территории) (?:россии|рф)",
      "признан[аоы]? (?:экстремистской|иностранным агентом|нежелательной)",
    ],
    about: ["об авторе"],
  },
};

const union = (pick: (v: TailVocabulary) => readonly string[]): string =>
  Object.values(TAIL)
    .flatMap(pick)
    .map((e) => `(?:${e})`)
    .join("|");

/** Inside a block, bounded by non-letters so "dona" does not match "donation" and "über" not "überall". */
const inside = (pick: (v: TailVocabulary) => readonly string[]): RegExp =>
  new RegExp(`(?<![\\p{L}])(?:${union(pick)})(?![\\p{L}])`, "iu");

export const BIO_VERB = new RegExp(`^\\s*(?:${union((v) => v.bioVerbs)})(?![\\p{L}])`, "iu");
export const CREDIT = inside((v) => v.credits);
export const PITCH = new RegExp(`(?<![\\p{L}])(?:${union((v) => v.pitches)})(?![\\p{L}])`, "giu");
/** A price as a pitch states it: "£11.99", "5 € al mes", "12 issues". */
export const PRICE =
  /[€£$]\s?\d|\d\s?(?:[€£$]|euros?\b|dollars?\b)|(?<![\p{L}])(?:per month|a month|\d+ issues|al mes|por mes|par mois|pro monat|im monat|al mese|por mês|per maand)(?![\p{L}])/iu;
export const DISCLAIMER = inside((v) => v.disclaimers);
const ABOUT_WORD = new RegExp(`^(?:${union((v) => v.about)})\\s+`, "iu");

/** "About Helix Robotics", "Sobre Carlos Nadalim": the word, then a name. */
export function aboutName(t: string): boolean {
  const m = ABOUT_WORD.exec(t);
  return m !== null && /^\p{Lu}/u.test(t.slice(m[0].length));
}
