// Language detection by stopword frequency: short, frequent function words identify a language far more
// reliably than character statistics on a few hundred words of news text.

const STOPWORDS: Record<string, string> = {
  en: "the of and to in is that for it with as was on are be by this have from at but not his they which an has were been their its will would who or more than about also had can said into after over could there these what when",
  fr: "le la les de des du et est un une que qui dans pour pas sur au aux par ce cette il elle sont avec plus ne se ont été son sa ses mais comme leur nous vous être fait aussi selon dont où lui après depuis",
  de: "der die das und ist nicht ein eine zu den von mit sich des auf für im dem auch es an als wird sind wie bei aus nach oder einer einem hat werden noch nur über vor durch haben wurde kann dass sein",
  es: "el la los las de del que y en un una es por con para no se su al lo como más pero sus le ha este esta fue son entre también sobre ya muy sin porque cuando desde todo hay",
  it: "il lo la gli le di del della che e è un una per con non si da dei delle nel nella sono al alla ha anche come più ma questo questa dopo stato essere tra sul",
  pt: "o a os as de do da dos das que e é um uma em no na por com não se para mais como mas foi são ao pelo pela também sua seu entre quando muito já está",
  nl: "de het een en van in is dat op te zijn met voor niet aan er om ook als bij door maar uit dan wordt werd heeft naar deze worden nog kan",
};

// Word -> the languages listing it, in STOPWORDS order: one lookup per token instead of one per language,
// with scores still first created in the same order (ties go to the language scored first).
const LANGS_OF = new Map<string, string[]>();
for (const [lang, list] of Object.entries(STOPWORDS)) {
  for (const w of new Set(list.split(" "))) {
    const langs = LANGS_OF.get(w);
    if (langs) langs.push(lang);
    else LANGS_OF.set(w, [lang]);
  }
}

/** Primary BCP 47 tag of the text; "en" when the text is too short or shows no evidence. */
export function detectLanguage(text: string, fallback = "en"): string {
  const tokens = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  const scores = new Map<string, number>();
  for (const t of tokens) {
    const langs = LANGS_OF.get(t);
    if (langs) for (const lang of langs) scores.set(lang, (scores.get(lang) ?? 0) + 1);
  }
  let best = fallback;
  let bestScore = 0;
  let second = 0;
  for (const [lang, score] of scores) {
    if (score > bestScore) {
      second = bestScore;
      best = lang;
      bestScore = score;
    } else if (score > second) second = score;
  }
  // Too little evidence: a few shared words ("a", "de") prove nothing.
  if (bestScore < 3 || bestScore < second * 1.15) return fallback;
  return best;
}
